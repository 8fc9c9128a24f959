/**
 * 待我签署 on the invitee's own phone: the case summary → their own 询问笔录 → read every
 * document → draw and sign (fresh face check by the API layer) — or decline with a reason,
 * which returns the case to the initiator. Afterwards the progress of everyone's signatures.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { toApiError } from '@/shared/api';
import { groupThousands } from '@/shared/lib/number';
import { useSession } from '@/shared/session';
import { MaritalCommitmentForm } from './MaritalCommitmentForm';
import { Button, Heading, StateView } from '@/shared/ui';
import { declineCase, fetchCase } from './api';
import { LoginFirst } from './ApplyScreen';
import { Field } from './Field';
import { InquiryForm } from './InquiryStep';
import { Loadable } from './Loadable';
import { SignPanel } from './SignPanel';
import { SigningStatusPanel } from './SigningStatusPanel';
import { useAsync } from './useAsync';
import './apply.css';

function DeclineForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <Button variant="text" className="decline-open" onPress={() => setOpen(true)}>
        我不同意，拒绝签名
      </Button>
    );
  }
  const send = async () => {
    if (!reason.trim()) {
      setError('请填写拒签理由，发起人会看到它');
      return;
    }
    setBusy(true);
    try {
      await declineCase(caseId, reason.trim());
      onDone();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="decline">
      <Field
        id="decline-reason"
        className="decline-reason"
        label="拒签理由"
        value={reason}
        maxlength={500}
        onInput={setReason}
        error={error}
        placeholder="如：成交价格与约定不符"
      />
      <Button
        variant="secondary"
        className="decline-submit"
        onPress={() => void send()}
        disabled={busy}
      >
        确认拒签
      </Button>
    </View>
  );
}

export function CoSignScreen({ caseId }: { caseId: string }) {
  const user = useSession((s) => s.user);
  const c = useAsync(() => fetchCase(caseId), user && caseId ? caseId : null);
  const [phase, setPhase] = useState<'auto' | 'sign' | 'declined' | 'signed'>('auto');
  if (!user) return <LoginFirst what="签署申请" />;
  if (!caseId)
    return (
      <StateView
        variant="error"
        title="缺少办件编号"
        message="请从“办件 → 待我签署”进入，或输入邀请码。"
      />
    );
  return (
    <Loadable state={c} loadingText="正在读取申请…">
      {(d) => {
        const me = d.parties.find((p) => p.personId === user.personId);
        const needsInquiry =
          d.availableActions.includes('answerInquiry') && !d.availableActions.includes('sign');
        const canSign = d.availableActions.includes('sign');
        const signed = phase === 'signed' || !!me?.signedAt;
        let body: JSX.Element;
        if (phase === 'declined') {
          body = (
            <StateView
              variant="empty"
              title="已拒绝签名"
              message="申请已退回发起人，发起人会看到您的拒签理由。"
            />
          );
        } else if (signed) {
          body = (
            <View>
              <View className="apply-note cosign-done" role="status">
                ✓ 您已签名。全部当事人签名后，由发起人提交申请。
              </View>
              <SigningStatusPanel
                caseId={caseId}
                myPartyId={user.personId}
                canInvite={false}
                onSubmitted={() => c.reload()}
              />
            </View>
          );
        } else if (d.status !== 'signing') {
          body = (
            <StateView
              variant="empty"
              title="当前无需您签名"
              message={`办件状态：${d.status === 'draft' ? '发起人正在修改申请' : '已提交'}。`}
            />
          );
        } else if (needsInquiry) {
          body = (
            <View>
              <Heading level={2}>第 1 步：询问笔录</Heading>
              <InquiryForm
                caseId={caseId}
                partyId={user.personId}
                onSaved={() => c.reload()}
                nextLabel="保存，去阅读和签名"
                {...(d.newCoOwnership ? { newCoOwnership: d.newCoOwnership } : {})}
              />
            </View>
          );
        } else if (canSign) {
          body = (
            <View>
              <Heading level={2}>第 2 步：阅读文书并签名</Heading>
              <SignPanel
                caseId={caseId}
                signerName={me?.name ?? ''}
                onSigned={() => setPhase('signed')}
              />
            </View>
          );
        } else {
          body = (
            <StateView
              variant="empty"
              title="暂时不能签名"
              message="请稍后再试，或联系发起人。"
              onRetry={c.reload}
            />
          );
        }
        return (
          <View className="cosign">
            <View className="cosign__summary">
              <Text className="cosign__title">{d.businessTypeName}</Text>
              <Text className="cosign__location">{d.location ?? d.unitCode}</Text>
              <Text className="cosign__parties">
                当事人：{d.parties.map((p) => p.name).join('、')}
                {d.priceYuan !== undefined ? ` · 成交价 ${groupThousands(d.priceYuan)} 元` : ''}
              </Text>
            </View>
            {/* 民政 has not answered whether I (a holder) am married: my own pledge */}
            <MaritalCommitmentForm detail={d} onDone={() => c.reload()} />
            {body}
            {!signed && phase !== 'declined' && d.availableActions.includes('decline') ? (
              <DeclineForm caseId={caseId} onDone={() => setPhase('declined')} />
            ) : null}
            <Button
              variant="text"
              className="cosign-back"
              onPress={() => void Taro.switchTab({ url: '/pages/cases/index' })}
            >
              返回办件
            </Button>
          </View>
        );
      }}
    </Loadable>
  );
}
