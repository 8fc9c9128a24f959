/**
 * 提交权籍调查成果 (H5): one building on one parcel — 幢名称, 坐落, 建筑总面积, 层数, 结构; the
 * 界址点 (CGCS2000, one `X,Y` per line, closed); each unit's proposed 不动产单元代码, 室号, 层,
 * 用途, 套内 and 分摊 areas; the 宗地图 and 房产分户图 (PDF or picture, checked by the server as
 * any upload). 盖章并提交: the firm's e-seal seals the result, the sealed result is submitted;
 * the answer is 已入库, or every reason it was refused, to correct and submit again.
 */
import Taro from '@tarojs/taro';
import type { SurveyResultBody, SurveyResultResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { toApiError } from '@/shared/api';
import { Button, Heading } from '@/shared/ui';
import { Input, Textarea } from '@/shared/ui/controls';
import { sealAndSubmit, uploadDrawing, type SurveyReason } from './api';
import { parseBoundary, parseUnits } from './parse';
import { ResultCard } from './SurveyHome';
import './survey.css';

type Kind = SurveyResultBody['drawings'][number]['kind'];
const DRAWINGS: { kind: Kind; name: string }[] = [
  { kind: 'parcelMap', name: '宗地图' },
  { kind: 'unitPlan', name: '房产分户图' },
];

function Field(p: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  hint?: string;
  multiline?: boolean;
}) {
  return (
    <View className="survey__section">
      <Text className="survey__label" id={`${p.id}-label`}>
        {p.label}
      </Text>
      {p.hint ? <Text className="survey__hint">{p.hint}</Text> : null}
      {p.multiline ? (
        <Textarea
          className="survey__textarea"
          value={p.value}
          maxlength={20000}
          onInput={(e) => p.onInput(e.detail.value)}
          nativeProps={{ 'aria-labelledby': `${p.id}-label`, id: p.id }}
        />
      ) : (
        <Input
          className="survey__input"
          value={p.value}
          maxlength={120}
          onInput={(e) => p.onInput(e.detail.value)}
          nativeProps={{ 'aria-labelledby': `${p.id}-label`, id: p.id }}
        />
      )}
    </View>
  );
}

export function SurveySubmit() {
  const [buildingName, setBuildingName] = useState('');
  const [location, setLocation] = useState('');
  const [buildingArea, setBuildingArea] = useState('');
  const [storeys, setStoreys] = useState('');
  const [structure, setStructure] = useState('钢筋混凝土');
  const [boundary, setBoundary] = useState('');
  const [units, setUnits] = useState('');
  const [drawings, setDrawings] = useState<Partial<Record<Kind, { digest: string; name: string }>>>(
    {},
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<SurveyReason[]>([]);
  const [accepted, setAccepted] = useState<SurveyResultResponse | null>(null);

  const pick = async (kind: Kind) => {
    setError(null);
    setBusy('正在上传图件…');
    try {
      const media = await import('@/shared/platform/media');
      const picked = await media.pickImage('album');
      if (!picked) return;
      const file = await media.prepareImage(picked);
      const out = await uploadDrawing(file.contentType, file.data);
      setDrawings((d) => ({ ...d, [kind]: { digest: out.digest, name: picked.name } }));
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    setError(null);
    setReasons([]);
    setAccepted(null);
    const b = parseBoundary(boundary);
    if (!b.ok) return setError(b.message);
    const u = parseUnits(units);
    if (!u.ok) return setError(u.message);
    const area = Number(buildingArea);
    const floors = Number(storeys);
    if (!buildingName.trim() || !location.trim()) return setError('请填写幢名称和坐落');
    if (!(area > 0)) return setError('请填写建筑总面积（平方米）');
    if (!Number.isInteger(floors) || floors < 1) return setError('请填写总层数');
    const result: SurveyResultBody = {
      buildingName: buildingName.trim(),
      location: location.trim(),
      boundary: b.value,
      buildingArea: area,
      storeys: floors,
      structure: structure.trim() || '钢筋混凝土',
      units: u.value,
      drawings: DRAWINGS.flatMap(({ kind }) =>
        drawings[kind] ? [{ kind, digest: drawings[kind]!.digest }] : [],
      ),
    };
    setBusy('正在加盖电子签章并提交…');
    try {
      const out = await sealAndSubmit(result);
      if (out.accepted) setAccepted(out.result);
      else {
        setError(
          out.reasons.length ? '成果未通过入库检查，请按以下理由更正后重新提交' : out.message,
        );
        setReasons(out.reasons);
      }
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="survey">
      <Text className="survey__hint">
        每次提交一幢房屋及其所在宗地。提交前由本单位电子签章（电子认证服务签发的机构电子签章证书）签署成果内容。
      </Text>
      <Heading level={2}>幢信息</Heading>
      <Field id="survey-building" label="幢名称" value={buildingName} onInput={setBuildingName} />
      <Field id="survey-location" label="坐落" value={location} onInput={setLocation} />
      <Field
        id="survey-area"
        label="建筑总面积（平方米）"
        hint="各户套内面积与分摊面积之和须等于建筑总面积，允许每户 0.01 平方米的舍入误差"
        value={buildingArea}
        onInput={setBuildingArea}
      />
      <Field id="survey-storeys" label="总层数" value={storeys} onInput={setStoreys} />
      <Field id="survey-structure" label="结构" value={structure} onInput={setStructure} />
      <Heading level={2}>宗地界址点</Heading>
      <Field
        id="survey-boundary"
        label="界址点坐标（CGCS2000，米）"
        hint="每行一个界址点：X,Y；最后一点须与第一点相同（闭合）"
        value={boundary}
        onInput={setBoundary}
        multiline
      />
      <Heading level={2}>分户</Heading>
      <Field
        id="survey-units"
        label="分户信息"
        hint="每行一户：不动产单元代码,室号,层,用途(住宅/商业/办公),套内面积,分摊面积"
        value={units}
        onInput={setUnits}
        multiline
      />
      <Heading level={2}>图件</Heading>
      {DRAWINGS.map(({ kind, name }) => (
        <View key={kind} className="survey__row">
          <Button variant="secondary" disabled={busy !== null} onPress={() => void pick(kind)}>
            {drawings[kind] ? `重新上传${name}` : `上传${name}`}
          </Button>
          <Text className="survey__meta" data-drawing={kind}>
            {drawings[kind] ? `已上传：${drawings[kind]!.name}` : '未上传（PDF 或图片）'}
          </Text>
        </View>
      ))}
      <Button disabled={busy !== null} onPress={() => void submit()}>
        {busy ?? '盖章并提交'}
      </Button>
      {error ? (
        <View className="survey__error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
      {reasons.length ? (
        <View className="survey__reasons" role="list" aria-label="退回理由">
          {reasons.map((r) => (
            <View key={`${r.code}-${r.message}`} className="survey__error" role="listitem">
              {r.message}
            </View>
          ))}
        </View>
      ) : null}
      <View role="status">
        {accepted ? (
          <View className="survey__section">
            <Text className="survey__ok">✓ 成果已入库</Text>
            <ResultCard r={accepted.result} />
            <Button variant="secondary" onPress={() => void Taro.navigateBack()}>
              返回成果列表
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  );
}
