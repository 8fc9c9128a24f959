import Taro from '@tarojs/taro';
import type { MyUnit, RecordsQueryBody, RecordsQueryResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { Input } from '@/shared/ui/controls';
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { useSession } from '@/shared/session';
import { Button, Heading, StateView, pressable } from '@/shared/ui';
import {
  fetchMyUnits,
  fetchOriginalFile,
  fetchQueryDocument,
  openOriginalFileMini,
  saveBytesH5,
  saveJsonH5,
  submitQuery,
  toBase64,
} from './api';
import { factRows, IDENTIFY_BY, onceEach, PURPOSES } from './labels';
import './recordsQuery.css';

type Mode = 'holder' | 'interested';

function Radios<T extends string>(props: {
  label: string;
  name: string;
  options: { value: T; label: string }[];
  value: T | undefined;
  onChange: (v: T) => void;
}) {
  return (
    <View className="rq-radios" role="radiogroup" aria-label={props.label} data-name={props.name}>
      {props.options.map((o) => {
        const on = o.value === props.value;
        return (
          <View
            key={o.value}
            className={`rq-radio${on ? ' rq-radio--on' : ''}`}
            data-value={o.value}
            {...pressable(() => props.onChange(o.value))}
            role="radio"
            aria-checked={on ? 'true' : 'false'}
          >
            <Text className="rq-radio__mark" aria-hidden="true">
              {on ? '●' : '○'}
            </Text>
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

interface OriginalPackage {
  packageId: string;
  archiveNumber?: string;
  filedAt?: string;
  items: { no: number; title: string; mediaType: string; digest: string }[];
}

const FILE_KIND: Record<string, { label: string; ext: string }> = {
  'image/jpeg': { label: '照片', ext: 'jpg' },
  'image/png': { label: '图片', ext: 'png' },
  'application/pdf': { label: 'PDF', ext: 'pdf' },
  'application/json': { label: '电子文件', ext: 'json' },
};

/** 登记原始资料: each filed package's files, downloadable one by one (read is audited). */
function OriginalFiles({
  queryId,
  packages: listed,
}: {
  queryId: string;
  packages: OriginalPackage[];
}) {
  // each package once, each file of it once (the same bytes are the same record)
  const packages = onceEach(listed, (p) => p.packageId).map((p) => ({
    ...p,
    items: onceEach(p.items, (it) => it.digest),
  }));
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState<string | null>(null);
  if (packages.length === 0)
    return <Text className="rq-files__empty">该不动产暂无已办结并归档的电子登记资料。</Text>;
  const open = async (it: OriginalPackage['items'][number]) => {
    setBusy(it.digest);
    setStatus(`正在下载“${it.title}”…`);
    try {
      const kind = FILE_KIND[it.mediaType] ?? { label: '文件', ext: 'bin' };
      if (process.env.TARO_ENV === 'h5') {
        saveBytesH5(
          `${it.title}.${kind.ext}`,
          await fetchOriginalFile(queryId, it.digest),
          it.mediaType,
        );
      } else {
        await openOriginalFileMini(queryId, it.digest, it.mediaType);
      }
      setStatus(`已下载“${it.title}”`);
    } catch (e) {
      setStatus(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className="rq-files" role="list" aria-label="登记原始资料">
      {packages.map((p) => (
        <View key={p.packageId} className="rq-files__package" role="listitem">
          <Text className="rq-files__title">档案 {p.archiveNumber ?? p.packageId}</Text>
          {p.items.map((it) => (
            <View key={it.digest} className="rq-file" data-digest={it.digest}>
              <Text className="rq-file__name">
                {it.no}. {it.title}（{(FILE_KIND[it.mediaType] ?? { label: '文件' }).label}）
              </Text>
              <Button
                variant="secondary"
                className="rq-file__download"
                disabled={busy !== null}
                onPress={() => void open(it)}
              >
                {busy === it.digest ? '下载中…' : '下载'}
              </Button>
            </View>
          ))}
        </View>
      ))}
      <View role="status" className="rq-files__status">
        {status}
      </View>
    </View>
  );
}

/** The sealed 查询结果证明: the facts it carries, its number and seal, and the download. */
export function QueryResult({ result }: { result: RecordsQueryResponse }) {
  const body = result.document.body as {
    title?: string;
    purposeName?: string;
    unit?: { location?: string };
    facts?: Record<string, unknown>;
    usage?: string;
    queriedAt?: string;
  };
  const rows = factRows(body.facts ?? {});
  const [saving, setSaving] = useState<string | null>(null);
  const download = async () => {
    setSaving('正在下载…');
    try {
      const doc = await fetchQueryDocument(result.queryId);
      if (process.env.TARO_ENV === 'h5') {
        saveJsonH5(`查询结果证明-${result.queryId}.json`, doc);
        setSaving('已下载查询结果证明');
      } else {
        await Taro.setClipboardData({ data: JSON.stringify(doc) });
        setSaving('已复制查询结果证明');
      }
    } catch (e) {
      setSaving(toApiError(e).message);
    }
  };
  return (
    <View className="rq-result" data-query={result.queryId}>
      <Heading level={2}>{body.title ?? '不动产登记资料查询结果证明'}</Heading>
      <Text className="rq-result__number">编号：{result.number}</Text>
      {body.unit?.location ? (
        <Text className="rq-result__unit">查询对象：{body.unit.location}</Text>
      ) : null}
      {body.purposeName ? <Text>查询用途：{body.purposeName}</Text> : null}
      <View className="rq-result__facts" role="list" aria-label="查询结果">
        {rows.map((r) => (
          <View key={r.key} className="rq-fact" role="listitem" data-fact={r.key}>
            <Text className="rq-fact__key">{r.label}</Text>
            <Text className="rq-fact__value">{r.value}</Text>
          </View>
        ))}
      </View>
      {body.facts?.originalFiles && result.downloadable ? (
        <OriginalFiles
          queryId={result.queryId}
          packages={body.facts.originalFiles as OriginalPackage[]}
        />
      ) : null}
      <Text className="rq-result__seal">✓ 已加盖台州市不动产登记电子印章</Text>
      {body.usage ? <Text className="rq-result__usage">{body.usage}</Text> : null}
      {result.downloadable ? (
        <Button variant="secondary" className="rq-result__download" onPress={() => void download()}>
          下载查询结果证明
        </Button>
      ) : null}
      <View role="status" className="rq-result__status">
        {saving ?? ''}
      </View>
    </View>
  );
}

function HolderQuery({ onResult }: { onResult: (r: RecordsQueryResponse) => void }) {
  const [units, setUnits] = useState<MyUnit[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [queryError, setQueryError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    setUnits(null);
    // each unit once, however often the register lists the caller as its holder
    fetchMyUnits().then(
      (list) => setUnits(onceEach(list, (u) => u.unitCode)),
      (e) => setError(toApiError(e)),
    );
  }, []);
  useEffect(load, [load]);
  if (error)
    return (
      <StateView
        variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={error.message}
        onRetry={load}
      />
    );
  if (!units) return <StateView variant="loading" message="正在读取名下不动产…" />;
  if (units.length === 0)
    return (
      <StateView
        variant="empty"
        title="名下暂无不动产"
        message="登记簿中没有您作为权利人的有效不动产，可作为利害关系人查询。"
      />
    );
  const run = async (u: MyUnit) => {
    setBusy(u.unitCode);
    setQueryError(null);
    try {
      onResult(
        await submitQuery({ role: 'rightHolder', purpose: 'ownRecords', unitCode: u.unitCode }),
      );
    } catch (e) {
      setQueryError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className="rq-units" role="list" aria-label="选择要查询的不动产">
      {units.map((u) => (
        <View key={u.unitCode} className="rq-unit" role="listitem" data-unit={u.unitCode}>
          <Text className="rq-unit__location">{u.location}</Text>
          <Button
            className="rq-unit__query"
            label={`查询 ${u.location}`}
            disabled={busy !== null}
            onPress={() => void run(u)}
          >
            {busy === u.unitCode ? '正在查询…' : '查询并出具证明'}
          </Button>
        </View>
      ))}
      {queryError ? (
        <View className="rq-error" role="alert">
          ⚠ {queryError}
        </View>
      ) : null}
    </View>
  );
}

function InterestedQuery({ onResult }: { onResult: (r: RecordsQueryResponse) => void }) {
  const [purpose, setPurpose] = useState<string | undefined>();
  const [by, setBy] = useState<'location' | 'certificateNumber' | 'unitCode'>('location');
  const [value, setValue] = useState('');
  const [proof, setProof] = useState<{ mediaType: string; data: string; name: string } | null>(
    null,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (source: 'camera' | 'album') => {
    setError(null);
    setBusy('正在处理照片…');
    try {
      const media = await import('@/shared/platform/media');
      const picked = await media.pickImage(source);
      if (!picked) return;
      const img = await media.prepareImage(picked);
      setProof({ mediaType: img.contentType, data: toBase64(img.data), name: img.name });
    } catch (e) {
      setError(e instanceof Error ? e.message : '照片处理失败，请重试');
    } finally {
      setBusy(null);
    }
  };
  const submit = async () => {
    setError(null);
    if (!purpose) return setError('请选择查询用途');
    if (!value.trim()) return setError('请填写要查询的不动产');
    if (!proof) return setError('请上传利害关系证明材料');
    setBusy('正在查询…');
    try {
      const body: RecordsQueryBody = {
        role: 'interestedParty',
        purpose,
        [by]: value.trim(),
        proof: { mediaType: proof.mediaType, data: proof.data },
      };
      onResult(await submitQuery(body));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  const byLabel = IDENTIFY_BY.find((x) => x.value === by)!.label;
  return (
    <View className="rq-form">
      <Text className="rq-hint">
        利害关系人只能查询：自然状况、是否共有、是否有抵押/预告/异议登记、是否查封。不能查询权利人身份和原始资料。
      </Text>
      <Heading level={3}>查询用途</Heading>
      <Radios
        label="查询用途"
        name="purpose"
        options={PURPOSES}
        value={purpose}
        onChange={setPurpose}
      />
      <Heading level={3}>指定一处不动产</Heading>
      <Radios label="查询方式" name="by" options={IDENTIFY_BY} value={by} onChange={setBy} />
      <Text className="rq-field__label" id="rq-unit-label">
        {byLabel}
      </Text>
      <Input
        className="rq-field__input"
        value={value}
        maxlength={200}
        onInput={(e) => setValue(e.detail.value)}
        nativeProps={{ 'aria-labelledby': 'rq-unit-label', id: 'rq-unit' }}
      />
      <Heading level={3}>利害关系证明</Heading>
      <Text className="rq-hint">如购房意向书、租赁意向、起诉或仲裁受理材料的照片。</Text>
      <View className="rq-proof">
        <Button
          variant="secondary"
          className="rq-proof__camera"
          onPress={() => void pick('camera')}
        >
          拍照上传
        </Button>
        <Button variant="secondary" className="rq-proof__album" onPress={() => void pick('album')}>
          从相册选择
        </Button>
      </View>
      {proof ? <Text className="rq-proof__done">✓ 已选择证明材料</Text> : null}
      <Button className="rq-submit" disabled={busy !== null} onPress={() => void submit()}>
        {busy ?? '查询'}
      </Button>
      {error ? (
        <View className="rq-error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
    </View>
  );
}

/** 权属查询 (令第80号): the holder's own units, or one unit as an interested party. */
export function RecordsQueryScreen() {
  const user = useSession((s) => s.user);
  const [mode, setMode] = useState<Mode>('holder');
  const [result, setResult] = useState<RecordsQueryResponse | null>(null);
  if (!user)
    return (
      <StateView
        variant="empty"
        title="请先登录"
        message="查询不动产登记资料需要先刷脸验证本人身份。"
      >
        <Button onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}>去登录</Button>
      </StateView>
    );
  return (
    <View className="rq">
      <Radios
        label="查询身份"
        name="mode"
        options={[
          { value: 'holder' as Mode, label: '查询本人名下不动产' },
          { value: 'interested' as Mode, label: '作为利害关系人查询' },
        ]}
        value={mode}
        onChange={(m) => {
          setMode(m);
          setResult(null);
        }}
      />
      {result ? (
        <>
          <QueryResult result={result} />
          <Button variant="text" onPress={() => setResult(null)}>
            再查一处
          </Button>
        </>
      ) : mode === 'holder' ? (
        <HolderQuery onResult={setResult} />
      ) : (
        <InterestedQuery onResult={setResult} />
      )}
    </View>
  );
}
