import type { MessageItem, MessageTargetView } from '@contract';

/** The page a message opens: the invitation, the certificate, or the case. */
export function pageOf(target: MessageTargetView): string | undefined {
  switch (target.kind) {
    case 'invitation':
      return `/pages/invite/index?code=${encodeURIComponent(target.code)}`;
    case 'certificate':
      return `/pages/wallet/detail?id=${encodeURIComponent(target.certificateId)}`;
    case 'case':
      return `/pages/apply/detail?caseId=${encodeURIComponent(target.caseId)}`;
    default:
      return undefined;
  }
}

/** The short tag of each event the list shows (plain words). */
export const EVENT_LABELS: Record<NonNullable<MessageItem['event']>, string> = {
  invitation: '邀请',
  signAgain: '需重新签署',
  correction: '补正',
  accepted: '已受理',
  paymentDue: '待缴费',
  issued: '已发证',
  certificateVerified: '证照核验',
};

/** What tapping a message says it will open (its accessible hint). */
export const OPENS: Record<MessageTargetView['kind'], string> = {
  invitation: '打开邀请',
  certificate: '查看证照',
  case: '查看办件',
  none: '',
};
