/**
 * 代理人与监护人 on the case screen (docs/registry-facts.md §15): who acts for whom in this case,
 * on what basis and whether it stands. A party may appoint a 委托代理人 while the case is being
 * prepared or signed: they name the agent (name and ID number, as the registry knows them) and
 * sign the 授权委托书 online — the server asks for a fresh face check, which the API client runs
 * before the request resumes — then hand the agent the code shown. The principal sees their
 * authority and may revoke it; the card says what revoking does now (the server's words).
 */
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { RepresentationView } from '@contract';
import { toApiError } from '@/shared/api';
import { Button, Heading } from '@/shared/ui';
import { Input } from '@/shared/ui/controls';
import { appointAgent, fetchRepresentations, revokeRepresentation } from './api';

export interface AgentsCardProps {
  caseId: string;
  /** the case's status: the list is read again when it changes */
  status: string;
  /** a party may appoint an agent now (before submission) */
  canAppoint: boolean;
}

export function AgentsCard({ caseId, status, canAppoint }: AgentsCardProps) {
  const [items, setItems] = useState<RepresentationView[] | null>(null);
  const [appointing, setAppointing] = useState(false);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchRepresentations(caseId).then(
      (xs) => setItems(Array.isArray(xs) ? xs : []),
      () => setItems([]),
    );
  }, [caseId]);
  useEffect(() => {
    load();
  }, [load, status]);

  if (items === null) return null;
  if (!items.length && !canAppoint) return null;

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      load();
      return true;
    } catch (e) {
      setError(toApiError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const appoint = async () => {
    const ok = await run(() =>
      appointAgent(caseId, { name: name.trim(), idNumber: idNumber.trim().toUpperCase() }),
    );
    if (ok) {
      setAppointing(false);
      setName('');
      setIdNumber('');
    }
  };

  return (
    <View className="agents" role="region" aria-label="代理人与监护人">
      <Heading level={2}>代理人与监护人</Heading>
      {items.map((r) => (
        <View
          key={r.representationId}
          className="agents__item"
          data-status={r.status}
          aria-label={r.statement}
        >
          <Text className="agents__statement">{r.statement}</Text>
          <Text className="agents__meta">
            依据：{r.basisText} · {r.statusText}
          </Text>
          {r.reviewReasons.map((x) => (
            <Text key={x.code} className="agents__meta">
              {x.explanation}
            </Text>
          ))}
          {r.invitation ? (
            <Text className="agents__code">
              请将邀请码 {r.invitation.code} 交给代理人，代理人登录后凭码代您办理
            </Text>
          ) : null}
          <Text className="agents__meta">{r.revocationNote}</Text>
          {r.canRevoke ? (
            <Button
              variant="secondary"
              className="agents__revoke"
              disabled={busy}
              onPress={() => void run(() => revokeRepresentation(r.representationId))}
            >
              撤销委托
            </Button>
          ) : null}
        </View>
      ))}
      {canAppoint && !appointing ? (
        <Button variant="secondary" className="agents__appoint" onPress={() => setAppointing(true)}>
          委托他人代办
        </Button>
      ) : null}
      {canAppoint && appointing ? (
        <View className="agents__form" role="group" aria-label="委托代理人">
          <Text className="agents__meta">
            代理人将以本人身份刷脸签名，文书注明“代您签署”。代理人不能是本办件的对方当事人。
          </Text>
          <Text id="agent-name-label">代理人姓名</Text>
          <Input
            className="agents__name"
            value={name}
            maxlength={50}
            onInput={(e) => setName(e.detail.value)}
            nativeProps={{ 'aria-labelledby': 'agent-name-label', autoComplete: 'off' }}
          />
          <Text id="agent-id-label">代理人公民身份号码</Text>
          <Input
            className="agents__id"
            value={idNumber}
            maxlength={18}
            onInput={(e) => setIdNumber(e.detail.value)}
            nativeProps={{ 'aria-labelledby': 'agent-id-label', autoComplete: 'off' }}
          />
          <Button
            className="agents__sign"
            disabled={busy || !name.trim() || idNumber.trim().length < 15}
            onPress={() => void appoint()}
          >
            {busy ? '正在签署…' : '刷脸签署授权委托书'}
          </Button>
          <Button
            variant="secondary"
            className="agents__cancel"
            disabled={busy}
            onPress={() => setAppointing(false)}
          >
            取消
          </Button>
        </View>
      ) : null}
      {error ? (
        <View className="cases-error agents__error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
    </View>
  );
}
