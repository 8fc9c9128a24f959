/**
 * 水电气网联动过户: while applying the buyer chooses which services move with the title (account
 * numbers optional); after recording the registry notifies each company and its confirmation
 * shows here, in the order it happened, with a retry for a company that did not answer.
 */
import type { UtilitiesResponse, UtilityItem, UtilityKind } from '@contract';
import { Text, View } from '@tarojs/components';
import { Input } from '@/shared/ui/controls';
import { useEffect, useState } from 'react';
import { toApiError } from '@/shared/api';
import { Button, Heading, pressable, StateView } from '@/shared/ui';
import { fetchUtilities, retryUtilities, saveUtilities } from './api';
import { useLoad } from './useLoad';
import './sale.css';
import { dateTime } from '@/shared/lib/time';

const KINDS: { kind: UtilityKind; name: string }[] = [
  { kind: 'water', name: '供水' },
  { kind: 'power', name: '供电' },
  { kind: 'gas', name: '燃气' },
  { kind: 'broadband', name: '宽带' },
];
const ACCOUNT = /^[0-9A-Za-z-]{4,32}$/;

const STATUS_TEXT: Record<UtilityItem['status'], string> = {
  optedIn: '已申请，登簿后通知',
  pending: '正在通知…',
  confirmed: '已确认过户',
  failed: '暂未成功',
};

function OptIn({
  state,
}: {
  state: UtilitiesResponse & { onSaved: (u: UtilitiesResponse) => void };
}) {
  const [chosen, setChosen] = useState<Record<string, { on: boolean; account: string }>>(() =>
    Object.fromEntries(
      KINDS.map(({ kind }) => {
        const item = state.items.find((i) => i.kind === kind);
        return [kind, { on: Boolean(item), account: item?.accountNumber ?? '' }];
      }),
    ),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const bad = KINDS.filter(
    ({ kind }) => chosen[kind].on && chosen[kind].account && !ACCOUNT.test(chosen[kind].account),
  );
  const save = async () => {
    if (bad.length) return;
    setBusy(true);
    setError(null);
    try {
      const u = await saveUtilities(
        state.caseId,
        KINDS.filter(({ kind }) => chosen[kind].on).map(({ kind }) => ({
          kind,
          ...(chosen[kind].account ? { accountNumber: chosen[kind].account } : {}),
        })),
      );
      setSaved(true);
      state.onSaved(u);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="utilities-optin">
      <Text className="sale-note">
        选择需要随房屋一起过户的服务，登簿后登记机构直接通知各单位，无需您再跑。户号不清楚可以不填。
      </Text>
      {KINDS.map(({ kind, name }) => {
        const c = chosen[kind];
        return (
          <View key={kind} className="utility-choice">
            <View
              className={`sale-choice__option utility-toggle${c.on ? ' sale-choice__option--on' : ''}`}
              data-kind={kind}
              {...pressable(() => {
                setSaved(false);
                setChosen((x) => ({ ...x, [kind]: { ...x[kind], on: !x[kind].on } }));
              })}
              role="checkbox"
              aria-checked={c.on ? 'true' : 'false'}
            >
              <Text aria-hidden="true">{c.on ? '☑' : '☐'}</Text>
              <Text>{name}过户</Text>
            </View>
            {c.on ? (
              <View className="sale-field">
                <Input
                  className={`sale-field__input${bad.some((b) => b.kind === kind) ? ' sale-field__input--invalid' : ''}`}
                  value={c.account}
                  maxlength={32}
                  placeholder={`${name}户号（选填）`}
                  onInput={(e) => {
                    const v = e.detail.value;
                    setSaved(false);
                    setChosen((x) => ({ ...x, [kind]: { ...x[kind], account: v } }));
                  }}
                  nativeProps={{ 'aria-label': `${name}户号（选填）`, id: `utility-${kind}` }}
                />
                {bad.some((b) => b.kind === kind) ? (
                  <View className="sale-field__error" role="alert">
                    ⚠ 户号只能是4–32位数字、字母或短横线
                  </View>
                ) : null}
              </View>
            ) : null}
          </View>
        );
      })}
      {error ? (
        <View className="sale-error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
      <Button
        className="utilities-save"
        disabled={busy || bad.length > 0}
        onPress={() => void save()}
      >
        {busy ? '正在保存…' : '保存联动过户选择'}
      </Button>
      {saved ? (
        <View className="sale-note utilities-saved" role="status">
          ✓ 已保存
        </View>
      ) : null}
    </View>
  );
}

export function UtilitiesPanel({ caseId, status }: { caseId: string; status: string }) {
  const state = useLoad(() => fetchUtilities(caseId), `${caseId}|${status}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const u = state.data;
  const reload = state.reload;
  const settling = Boolean(
    u &&
    ['recorded', 'issued', 'archived'].includes(status) &&
    u.items.some((i) => i.status === 'optedIn' || i.status === 'pending'),
  );
  // after recording the companies answer within seconds: read again until all answered
  useEffect(() => {
    if (!settling) return undefined;
    const t = setTimeout(reload, 1500);
    return () => clearTimeout(t);
  }, [settling, u, reload]);

  if (state.error) {
    if (state.error.code === 'NOT_FOUND') return null;
    return (
      <StateView
        variant={state.error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={state.error.message}
        onRetry={state.reload}
      />
    );
  }
  if (!u) return <StateView variant="loading" message="正在读取联动过户…" />;
  if (!u.editable && u.items.length === 0) return null;

  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      state.set(await retryUtilities(caseId));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="utilities" role="region" aria-label="水电气网联动过户">
      <Heading level={2}>水电气网联动过户</Heading>
      {u.editable ? <OptIn state={{ ...u, onSaved: (x) => state.set(x) }} /> : null}
      {!u.editable && u.items.length ? (
        <View className="utilities-status" role="list" aria-label="联动过户进度">
          {u.items.map((i) => (
            <View
              key={i.kind}
              className={`utility-item utility-item--${i.status}`}
              role="listitem"
              data-kind={i.kind}
            >
              <Text className="utility-item__head">
                {i.status === 'confirmed' ? '✓ ' : i.status === 'failed' ? '⚠ ' : '… '}
                {i.name}：{STATUS_TEXT[i.status]}
              </Text>
              <Text className="utility-item__detail">
                {i.provider}
                {i.confirmationNo ? `，确认编号 ${i.confirmationNo}` : ''}
                {i.confirmedAt ? `，${dateTime(i.confirmedAt)}` : ''}
                {i.status === 'failed' && i.lastError
                  ? `，${i.lastError}（已尝试${i.attempts}次）`
                  : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {settling ? <Text className="sale-note">正在等待各单位确认…</Text> : null}
      {error ? (
        <View className="sale-error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
      {u.canRetry ? (
        <Button className="utilities-retry" disabled={busy} onPress={() => void retry()}>
          {busy ? '正在重新通知…' : '重新通知未成功的单位'}
        </Button>
      ) : null}
    </View>
  );
}
