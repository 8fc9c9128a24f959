import type { CaseStatus } from '@contract';

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

export const FINISHED: CaseStatus[] = ['issued', 'archived', 'withdrawn', 'refused', 'notAccepted'];

export const INVITE_CODE = /^[2-9A-HJKMNP-Z]{6}$/;
export function normaliseCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}
