/**
 * Where each material of a case came from — 「共享获取 · 台州市民政局 · 2026-11-29 10:02 ·
 * 印章有效」 for a shared item, the register's own data, the online form, an upload or a
 * commitment — and, for an item a source could not give, the reason and what to do instead.
 * Rechecks (校核) show their 1-working-day deadline.
 */
import type { MaterialResolution, SharedDataResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { Textarea } from '@/shared/ui/controls';
import { useState } from 'react';
import { toApiError } from '@/shared/api';
import { Button, Heading } from '@/shared/ui';
import { fetchSharedData, objectToSharedRecord } from './api';
import { Loadable } from './Loadable';
import { useAsync } from './useAsync';
import { dateTime } from '@/shared/lib/time';

/** 「共享获取 · 台州市民政局 · 2026-11-29 10:02 · 印章有效」 */
export function sharedLine(r: MaterialResolution): string {
  return [
    '共享获取',
    r.sourceName ?? '',
    r.retrievedAt ? dateTime(r.retrievedAt) : '',
    r.sealValid === false ? '印章无效' : '印章有效',
  ]
    .filter(Boolean)
    .join(' · ');
}

const MODE_TEXT: Record<string, string> = {
  registry: '登记机构自有数据（不动产登记簿），无需提交',
  application: '在线申请自动生成',
  uploaded: '已上传照片',
  committed: '已签署承诺书',
  pending: '待获取（网签合同在提交时备案，完税信息在缴税后由税务部门共享）',
};

export function ResolutionLine({ r }: { r: MaterialResolution }) {
  if (r.mode === 'shared')
    return (
      <Text className={`source-line source-line--${r.sealValid === false ? 'bad' : 'ok'}`}>
        {r.sealValid === false ? '⚠ ' : '✓ '}
        {sharedLine(r)}
        {r.partyPrevails ? '（经校核更正，以当事人材料为准）' : ''}
      </Text>
    );
  if (r.mode === 'fallback')
    return (
      <View className="source-line source-line--fallback" role="alert">
        ⚠ {r.message ?? '该材料暂不能共享获取，请上传或签署承诺书'}
      </View>
    );
  return <Text className="source-line">{MODE_TEXT[r.mode] ?? ''}</Text>;
}

function Rechecks({ data }: { data: SharedDataResponse }) {
  if (!data.rechecks.length) return null;
  return (
    <View className="rechecks" role="list" aria-label="共享数据校核">
      {data.rechecks.map((x) => (
        <View key={x.recheckId} className="recheck" role="listitem">
          <Text className="recheck__title">
            {x.requestedByKind === 'party' ? '当事人异议' : '退回校核'}：{x.reason}
          </Text>
          <Text className="recheck__due">
            校核期限 {x.dueOn}（1个工作日）{x.dueEstimated ? '，为估算' : ''}
          </Text>
          <Text className="recheck__status">
            {x.status === 'pending'
              ? '校核中'
              : x.status === 'errorConfirmed'
                ? '数源单位确认数据有误，已更正'
                : '数源单位核实无误，维持原数据'}
          </Text>
        </View>
      ))}
    </View>
  );
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** base64 without btoa (mini-programs have none) */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

interface Photo {
  name: string;
  contentType: 'image/jpeg' | 'image/png';
  data: Uint8Array;
}

/** 细则 二(五): a party disputes a shared record, with up to 3 photos as evidence. */
export function ObjectionForm({
  caseId,
  recordId,
  itemName,
  onDone,
}: {
  caseId: string;
  recordId: string;
  itemName: string;
  onDone: () => void;
}) {
  const [statement, setStatement] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async () => {
    setError(null);
    setBusy('正在处理照片…');
    try {
      const media = await import('@/shared/platform/media');
      const picked = await media.pickImage('album');
      if (!picked) return;
      const img = await media.prepareImage(picked);
      const type = img.contentType;
      if (type === 'application/pdf') throw new Error('证据只能是照片（JPEG 或 PNG）');
      setPhotos((p) => [...p, { name: img.name, contentType: type, data: img.data }]);
    } catch (e) {
      setError(e instanceof Error ? e.message : '照片处理失败，请重试');
    } finally {
      setBusy(null);
    }
  };
  const send = async () => {
    setError(null);
    if (!statement.trim()) return setError('请说明异议的内容');
    if (!photos.length) return setError('请至少添加一张证据照片');
    setBusy('正在提交异议…');
    try {
      await objectToSharedRecord(
        caseId,
        recordId,
        statement.trim(),
        photos.map((p) => ({ contentType: p.contentType, data: toBase64(p.data) })),
      );
      onDone();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className="objection" aria-label={`对${itemName}提出异议`}>
      <Text className="apply-field__label" id={`obj-${recordId}-label`}>
        异议内容（将退回数源单位校核，1个工作日内答复）
      </Text>
      <Textarea
        className="apply-field__input objection__text"
        value={statement}
        maxlength={500}
        onInput={(e) => setStatement(e.detail.value)}
        nativeProps={{ 'aria-labelledby': `obj-${recordId}-label`, 'aria-label': '异议内容' }}
      />
      <Text className="objection__photos">
        {photos.length ? `已添加 ${photos.length} 张证据照片` : '尚未添加证据照片'}
      </Text>
      <View className="material__buttons">
        <Button
          variant="secondary"
          className="objection__pick"
          disabled={!!busy || photos.length >= 3}
          onPress={() => void pick()}
        >
          添加证据照片
        </Button>
        <Button className="objection__send" disabled={!!busy} onPress={() => void send()}>
          提交异议
        </Button>
      </View>
      {busy ? (
        <View className="material__busy" role="status">
          {busy}
        </View>
      ) : null}
      {error ? (
        <View className="apply-error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
    </View>
  );
}

function SourceItem({
  caseId,
  r,
  data,
  onChanged,
}: {
  caseId: string;
  r: MaterialResolution;
  data: SharedDataResponse;
  onChanged: () => void;
}) {
  const [objecting, setObjecting] = useState(false);
  const current = data.records.find(
    (x) => r.recordIds.includes(x.recordId) && x.status === 'current',
  );
  return (
    <View className="material" role="listitem" data-source={r.mode}>
      <Text className="material__name">
        {r.name}
        {r.required ? '' : '（选交）'}
      </Text>
      <ResolutionLine r={r} />
      {r.mode === 'shared' && current && !objecting ? (
        <Button
          variant="secondary"
          className="objection__open"
          label={`对${r.name}的共享数据提出异议`}
          onPress={() => setObjecting(true)}
        >
          数据有误？提出异议
        </Button>
      ) : null}
      {objecting && current ? (
        <ObjectionForm
          caseId={caseId}
          recordId={current.recordId}
          itemName={r.name}
          onDone={() => {
            setObjecting(false);
            onChanged();
          }}
        />
      ) : null}
    </View>
  );
}

/** The case's checklist with each item's origin (case detail). */
export function MaterialSources({ caseId }: { caseId: string }) {
  const state = useAsync(() => fetchSharedData(caseId), caseId);
  return (
    <View className="material-sources">
      <Heading level={2}>材料来源</Heading>
      <Loadable state={state} loadingText="正在读取材料来源…">
        {(data) =>
          data.items.length === 0 ? (
            <Text className="apply-note">本业务无需提交材料</Text>
          ) : (
            <View>
              <View role="list" aria-label="材料来源清单">
                {data.items.map((r) => (
                  <SourceItem
                    key={r.code}
                    caseId={caseId}
                    r={r}
                    data={data}
                    onChanged={state.reload}
                  />
                ))}
              </View>
              <Rechecks data={data} />
            </View>
          )
        }
      </Loadable>
    </View>
  );
}
