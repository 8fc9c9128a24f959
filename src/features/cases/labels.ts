import type { CaseDetail, CaseStatus } from '@contract';

/** Status words for citizens (docs/glossary.md, 对公众的用语). */
export const STATUS_TEXT: Record<CaseStatus, string> = {
  draft: '填写中',
  signing: '签名中',
  submitted: '已提交',
  accepted: '已受理',
  notAccepted: '不予受理',
  correctionRequested: '待补充材料',
  corrected: '已补充材料',
  review: '审核中',
  taxPending: '待缴税',
  approved: '审核通过',
  refused: '不予登记',
  recorded: '已登记',
  issued: '已发证',
  archived: '已办结并归档',
  withdrawn: '已撤回',
};

/** How a finished case ended, apart from its filing (an archived case was issued). */
export const OUTCOME_TEXT: Record<NonNullable<CaseDetail['outcome']>, string> = {
  issued: '已发证',
  refused: '不予登记',
  notAccepted: '不予受理',
  withdrawn: '已撤回',
};

/** 归档 of a finished case in words: filed with its archive number, or about to be. */
export function archiveText(archive: NonNullable<CaseDetail['archive']>): string {
  return archive.filed
    ? `已归档${archive.archiveNumber ? `（档案号 ${archive.archiveNumber}）` : ''}`
    : '待归档（办结后自动归档）';
}

/** The short status of a case in a list: a finished one says whether it is filed too. */
export function statusLine(c: Pick<CaseDetail, 'status' | 'outcome' | 'archive'>): string {
  if (!c.outcome || !c.archive) return STATUS_TEXT[c.status] ?? c.status;
  return `${OUTCOME_TEXT[c.outcome]} · ${c.archive.filed ? '已归档' : '待归档'}`;
}

export const FINISHED: CaseStatus[] = ['issued', 'archived', 'withdrawn', 'refused', 'notAccepted'];

export const INVITE_CODE = /^[2-9A-HJKMNP-Z]{6}$/;
export function normaliseCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * What the case's recording says of its certificate: a cancellation names the registration
 * proof it ended, 已作废 when a paper proof was announced void (公告作废, docs/registry-facts.md
 * §3), else 已注销.
 */
export function recordingLabel(r: NonNullable<CaseDetail['recording']>): {
  heading: string;
  numberLabel: string;
} {
  if (r.kind === 'mortgageCancellation')
    return {
      heading: '抵押权已注销',
      numberLabel: r.voidAnnounced
        ? '已公告作废的纸质不动产登记证明号：'
        : '已注销的不动产登记证明号：',
    };
  return {
    heading: '已发证',
    numberLabel:
      r.kind === 'mortgage' ? '不动产登记证明号（抵押权，发给抵押权人）：' : '不动产权证书号：',
  };
}
