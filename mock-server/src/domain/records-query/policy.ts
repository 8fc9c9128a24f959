/**
 * Who may query which registry records (令第80号 《不动产登记资料查询暂行办法》, docs/registry-facts.md §8) —
 * the ONE place that decides. Pure.
 *
 * - right holder: every item of their own units (register entries and original files), and may
 *   download the result;
 * - interested party (buying, leasing, lending on the unit, or in a filed lawsuit/arbitration about
 *   it): states a purpose from the list, uploads proof of the interest, names exactly one unit by
 *   location, certificate number or unit code, and sees only the four permitted facts;
 * - state organ (role flag `state_organ_officers`): for a lawful investigation, with the case
 *   reference of the investigation, every item.
 * Assumption where the decree's exact article could not be read (docs/registry-facts.md §8).
 */

export const REQUESTER_ROLES = ['rightHolder', 'interestedParty', 'stateOrgan'] as const;
export type RequesterRole = (typeof REQUESTER_ROLES)[number];

export const QUERY_ITEMS = [
  'naturalState',
  'coOwnership',
  'encumbrances',
  'restrictions',
  'holders',
  'registerHistory',
  'originalFiles',
] as const;
export type QueryItem = (typeof QUERY_ITEMS)[number];

export const QUERY_ITEM_NAMES: Record<QueryItem, string> = {
  naturalState: '不动产自然状况',
  coOwnership: '是否共有',
  encumbrances: '是否存在抵押、预告、异议登记',
  restrictions: '是否查封或有其他限制',
  holders: '权利人信息',
  registerHistory: '登记簿记载事项',
  originalFiles: '登记原始资料',
};

/** The four facts an interested party may see. */
export const INTERESTED_PARTY_ITEMS: readonly QueryItem[] = [
  'naturalState',
  'coOwnership',
  'encumbrances',
  'restrictions',
];

export const INTERESTED_PURPOSES = {
  purchase: '拟购买该不动产',
  lease: '拟租赁该不动产',
  mortgageLending: '拟以该不动产设立抵押、发放贷款',
  litigation: '已就该不动产提起诉讼',
  arbitration: '已就该不动产申请仲裁',
} as const;
export const ORGAN_PURPOSES = { investigation: '国家机关依法调查' } as const;
export const HOLDER_PURPOSES = { ownRecords: '查询本人不动产登记资料' } as const;

export const PURPOSE_NAMES: Record<string, string> = {
  ...INTERESTED_PURPOSES,
  ...ORGAN_PURPOSES,
  ...HOLDER_PURPOSES,
};

export const REFUSAL_MESSAGES = {
  ROLE_UNKNOWN: '查询人身份不明，无法查询',
  NOT_RIGHT_HOLDER: '您不是该不动产的权利人，不能以权利人身份查询',
  PURPOSE_NOT_ALLOWED: '查询目的不在允许的范围内（购买、租赁、抵押贷款、诉讼、仲裁）',
  PROOF_OF_INTEREST_MISSING: '请上传利害关系证明材料（如购房意向书、租赁意向、受理通知书）',
  PROOF_OF_INTEREST_INVALID:
    '利害关系证明材料须为能正常打开的 JPEG、PNG 图片或 PDF 文件（不得含脚本、附件、表单或网页代码）',
  UNIT_NOT_IDENTIFIED: '请用坐落、不动产权证书号或不动产单元号中的一项指明一个不动产',
  UNIT_NOT_FOUND: '未找到该不动产',
  ITEM_NOT_PERMITTED:
    '利害关系人只能查询自然状况、是否共有、是否抵押预告异议、是否查封限制，不能查询权利人身份和原始资料',
  NOT_STATE_ORGAN: '您的账号没有国家机关查询权限',
  INVESTIGATION_REFERENCE_MISSING: '请填写立案或调查文书编号',
} as const;
export type RefusalCode = keyof typeof REFUSAL_MESSAGES;

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export interface QueryRequestFacts {
  role: string;
  purpose: string;
  items: readonly string[];
  /** how many of location / certificate number / unit code were given */
  unitIdentifiers: number;
  /** does the requester hold a current right in the unit (when it was found) */
  holdsUnit: boolean;
  /** does the requester carry the state-organ role flag */
  isOrganOfficer: boolean;
  proof: 'none' | 'valid' | 'invalid';
  caseReference?: string;
}

export type PolicyDecision =
  | { allowed: true; items: QueryItem[]; downloadable: boolean }
  | { allowed: false; refusals: Refusal[] };

const refuse = (...codes: RefusalCode[]): PolicyDecision => ({
  allowed: false,
  refusals: codes.map((code) => ({ code, message: REFUSAL_MESSAGES[code] })),
});

const isItem = (x: string): x is QueryItem => (QUERY_ITEMS as readonly string[]).includes(x);

/** The decision for one request; refusals list every reason that applies. */
export function decideQuery(r: QueryRequestFacts): PolicyDecision {
  if (!(REQUESTER_ROLES as readonly string[]).includes(r.role)) return refuse('ROLE_UNKNOWN');
  const role = r.role as RequesterRole;
  const asked = r.items.length > 0 ? r.items : undefined;
  if (asked?.some((i) => !isItem(i))) return refuse('ITEM_NOT_PERMITTED');
  const codes: RefusalCode[] = [];
  if (r.unitIdentifiers !== 1) codes.push('UNIT_NOT_IDENTIFIED');
  switch (role) {
    case 'rightHolder': {
      if (r.unitIdentifiers === 1 && !r.holdsUnit) codes.push('NOT_RIGHT_HOLDER');
      if (codes.length) return refuse(...codes);
      return { allowed: true, items: (asked ?? QUERY_ITEMS) as QueryItem[], downloadable: true };
    }
    case 'interestedParty': {
      if (!(r.purpose in INTERESTED_PURPOSES)) codes.push('PURPOSE_NOT_ALLOWED');
      if (r.proof === 'none') codes.push('PROOF_OF_INTEREST_MISSING');
      if (r.proof === 'invalid') codes.push('PROOF_OF_INTEREST_INVALID');
      if (asked?.some((i) => !INTERESTED_PARTY_ITEMS.includes(i as QueryItem)))
        codes.push('ITEM_NOT_PERMITTED');
      if (codes.length) return refuse(...codes);
      return {
        allowed: true,
        items: (asked ?? INTERESTED_PARTY_ITEMS) as QueryItem[],
        downloadable: true,
      };
    }
    case 'stateOrgan': {
      if (!r.isOrganOfficer) codes.push('NOT_STATE_ORGAN');
      if (!(r.purpose in ORGAN_PURPOSES)) codes.push('PURPOSE_NOT_ALLOWED');
      if (!r.caseReference?.trim()) codes.push('INVESTIGATION_REFERENCE_MISSING');
      if (codes.length) return refuse(...codes);
      return { allowed: true, items: (asked ?? QUERY_ITEMS) as QueryItem[], downloadable: true };
    }
  }
}

export const formatQueryNumber = (year: number, serial: number): string =>
  `台不动产查〔${year}〕第${String(serial).padStart(7, '0')}号`;
