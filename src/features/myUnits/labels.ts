/** Words for the register's codes, so nothing on screen relies on colour or English codes. */
export const RESTRICTION_LABELS: Record<string, { label: string; explain: string }> = {
  mortgage: { label: '抵押', explain: '已设立抵押权，转让前需与抵押权人协商或先注销抵押' },
  seizure: { label: '查封', explain: '已被司法机关查封，查封期间不能办理转移、抵押等登记' },
  objection: { label: '异议', explain: '有人对登记事项提出异议，异议登记期间处分有风险' },
  advanceNotice: { label: '预告', explain: '已办理预告登记，未经预告权利人同意不能处分' },
};

export function restrictionLabel(kind: string): { label: string; explain: string } {
  return RESTRICTION_LABELS[kind] ?? { label: kind, explain: '存在限制登记' };
}

export const CO_OWNERSHIP_LABELS: Record<string, string> = {
  sole: '单独所有',
  joint: '共同共有',
  shares: '按份共有',
};

/** 28-character unit code shown grouped: 331002001001 GB00029 F00010002 */
export function formatUnitCode(code: string): string {
  return code.length === 28 ? `${code.slice(0, 12)} ${code.slice(12, 19)} ${code.slice(19)}` : code;
}

export const PAPER_ONLY_TEXT =
  '本证书为改革前发放的纸质证书，尚未生成电子证书。办理业务时请准备好纸质证书；如需电子证书，可申请换发。';
export const OLD_STYLE_TEXT =
  '本证书为旧版《房屋所有权证》/《土地使用权证》，不能生成电子证书。办理转移、变更等登记时将一并换发不动产权证书。';
