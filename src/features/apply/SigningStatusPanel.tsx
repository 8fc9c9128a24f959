/**
 * The initiator's view while others sign: each party's state (pushed by the server as it
 * changes, statusStream.ts; polled only when the stream fails, backing off), invitations
 * (6-character code, QR image of the full link, the link with 复制链接 and the container's
 * share), what changed when signatures were voided, and 提交 once everyone has signed — sent
 * with an Idempotency-Key kept on the device, so a double tap or a retry submits once.
 */
import type { InvitationResponse, SigningStatusResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { getPlatform } from '@/shared/platform';
import { Button, Heading, Ident } from '@/shared/ui';
import { invite, submitCase } from './api';
import { watchSigningStatus } from './statusStream';
import { InviteShare, inviteShareMessage } from './InviteShare';
import { date } from '@/shared/lib/time';

const STATE_TEXT = { waiting: '待签名', signed: '✓ 已签名', declined: '✗ 已拒签' } as const;
const ROLE_TEXT: Record<string, string> = {
  rightHolder: '权利人',
  obligor: '义务人',
  coOwner: '共有人',
  consentingSpouse: '配偶',
  mortgagor: '抵押人',
  mortgagee: '抵押权人',
  releasingMortgagee: '原抵押权人',
  agent: '代理人',
  applicant: '申请人',
  renouncingHeir: '放弃继承的继承人',
};

export function useSigningStatus(caseId: string, enabled = true) {
  const [status, setStatus] = useState<SigningStatusResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!enabled) return;
    return watchSigningStatus(caseId, {
      onStatus: setStatus,
      onError: (e) => setError(e === null ? null : toApiError(e)),
    });
  }, [caseId, enabled]);
  return { status, error };
}

const submitKeyName = (caseId: string) => `he.apply.submitKey.${caseId}`;
function idempotencyKey(caseId: string): string {
  const storage = getPlatform().storage;
  let key = storage.get(submitKeyName(caseId));
  if (!key) {
    key = `${caseId}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    storage.set(submitKeyName(caseId), key);
  }
  return key;
}

export interface SigningStatusPanelProps {
  caseId: string;
  myPartyId?: string;
  onSubmitted: (caseId: string) => void;
  /** the initiator may invite; other parties only watch */
  canInvite?: boolean;
}

export function SigningStatusPanel({
  caseId,
  myPartyId,
  onSubmitted,
  canInvite = true,
}: SigningStatusPanelProps) {
  const { status, error } = useSigningStatus(caseId);
  // mini-programs: the 转发 button of an invitation shares that invitation (its data- attributes)
  useShareAppMessage(inviteShareMessage);
  const [invites, setInvites] = useState<Record<string, InvitationResponse>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const submitting = useRef(false);

  const doInvite = async (partyId: string) => {
    setActionError(null);
    setBusy(partyId);
    try {
      const inv = await invite(caseId, partyId);
      setInvites((m) => ({ ...m, [partyId]: inv }));
    } catch (e) {
      setActionError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  const submit = async () => {
    if (submitting.current) return; // a double tap sends once (and the key makes retries safe)
    submitting.current = true;
    setActionError(null);
    setBusy('submit');
    try {
      const c = await submitCase(caseId, idempotencyKey(caseId));
      getPlatform().storage.remove(submitKeyName(caseId));
      onSubmitted(c.caseId);
    } catch (e) {
      setActionError(toApiError(e).message);
    } finally {
      submitting.current = false;
      setBusy(null);
    }
  };

  if (!status) {
    return error ? (
      <View className="apply-error" role="alert">
        ⚠ {error.message}（正在重试）
      </View>
    ) : (
      <View className="apply-note" role="status">
        正在读取签名进度…
      </View>
    );
  }
  const declined = status.parties.filter((p) => p.state === 'declined');
  return (
    <View className="signing-status" data-status={status.status}>
      <Heading level={2}>各方签名进度</Heading>
      {error ? (
        <View className="apply-warning" role="status">
          ⚠ 网络不稳定，进度可能不是最新：{error.message}
        </View>
      ) : null}
      {status.lastChange ? (
        <View className="apply-warning" role="alert">
          <Text>⚠ 申请内容已变更，之前的签名已作废，请各方重新签名：</Text>
          {status.lastChange.changes.map((c) => (
            <Text key={c} className="signing-status__change">
              · {c}
            </Text>
          ))}
        </View>
      ) : null}
      <View role="list" aria-label="当事人签名状态" aria-live="polite">
        {status.parties.map((p) => {
          const inv = invites[p.partyId];
          const isMe = p.partyId === myPartyId;
          return (
            <View
              key={p.partyId}
              className={`signing-party signing-party--${p.state}`}
              role="listitem"
              data-party={p.partyId}
            >
              <Text className="signing-party__name">
                {p.name}（{p.roleLabel ?? ROLE_TEXT[p.role] ?? p.role}
                {isMe ? '，本人' : ''}）
              </Text>
              <Text className="signing-party__state" data-state={p.state}>
                {STATE_TEXT[p.state]}
                {p.state === 'waiting' && p.inquiryAnsweredAt ? '（已完成询问笔录）' : ''}
              </Text>
              {p.state === 'declined' && p.declineReason ? (
                <Text className="signing-party__reason">拒签理由：{p.declineReason}</Text>
              ) : null}
              {p.organisation ? (
                <Text className="signing-party__org">
                  {p.state === 'signed'
                    ? '已由本机构系统电子签章'
                    : '由本机构系统电子签章，无需邀请'}
                </Text>
              ) : null}
              {canInvite &&
              !isMe &&
              !p.organisation &&
              p.state !== 'signed' &&
              status.availableActions.includes('invite') ? (
                inv ? (
                  <View className="invitation" data-code={inv.code}>
                    <Text
                      className="invitation__code"
                      aria-label={`邀请码 ${inv.code.split('').join(' ')}`}
                    >
                      邀请码：<Ident>{inv.code}</Ident>
                    </Text>
                    <InviteShare link={inv.link} code={inv.code} name={p.name} />
                    <Text className="invitation__hint">
                      请让{p.name}扫描二维码，或把邀请码、链接发给对方。对方登录后在“办件 →
                      待我签署”中也能找到本申请。有效期至 {date(inv.expiresAt)}。
                    </Text>
                  </View>
                ) : (
                  <Button
                    variant="secondary"
                    className="invite-button"
                    label={`邀请${p.name}签名`}
                    onPress={() => void doInvite(p.partyId)}
                    disabled={busy === p.partyId}
                  >
                    邀请签名
                  </Button>
                )
              ) : null}
            </View>
          );
        })}
      </View>
      {declined.length ? (
        <View className="apply-warning" role="alert">
          ⚠ {declined.map((d) => d.name).join('、')}{' '}
          拒绝签名，申请已退回草稿，请点“上一步”修改后重新发起签名。
        </View>
      ) : null}
      {actionError ? (
        <View className="apply-error" role="alert">
          ⚠ {actionError}
        </View>
      ) : null}
      {status.availableActions.includes('submit') ? (
        <Button className="apply-submit" onPress={() => void submit()} disabled={busy === 'submit'}>
          {busy === 'submit' ? '正在提交…' : '各方已签名，提交申请'}
        </Button>
      ) : (
        <Text className="apply-note">
          {status.allSigned ? '全部当事人已签名。' : '全部当事人签名后即可提交，本页会自动更新。'}
        </Text>
      )}
    </View>
  );
}
