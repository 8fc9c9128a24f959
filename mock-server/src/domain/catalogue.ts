/**
 * The business catalogue (业务目录) as versioned data. Each business type (业务类型) declares what
 * a case of that type needs. Questions, rules and fees are further fields; keep every
 * new field optional-with-default or bump the business type's `version`.
 */

/**
 * Registration kinds of 条例第三条, plus `query` for proofs such as 不动产权属查询证明 and
 * `certificateReissue` for 补发 and 换发 of a certificate (细则 §22: not a registration of its own,
 * the register notes the certificate re-issued).
 */
export const REGISTRATION_KINDS = [
  'first',
  'change',
  'transfer',
  'cancellation',
  'correction',
  'objection',
  'advanceNotice',
  'seizure',
  'query',
  'certificateReissue',
] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

/**
 * A party's role in a case. A mortgage's parties are 抵押人 (`mortgagor`, when the mortgagor is not
 * also the case's new right holder) and 抵押权人 (`mortgagee`); in 带押过户 the seller's bank, whose
 * mortgage is cancelled in the same step, is the `releasingMortgagee` (原抵押权人).
 */
export type PartyRole =
  | 'rightHolder'
  | 'obligor'
  | 'mortgagor'
  | 'mortgagee'
  | 'releasingMortgagee'
  | 'coOwner'
  | 'consentingSpouse'
  | 'agent'
  | 'applicant'
  /** 继承: a statutory heir who renounces (放弃继承); signs, takes no share (民法典§1124) */
  | 'renouncingHeir';

/**
 * Which tax rule a business type's case is taxed under (docs/registry-facts.md §13): a sale, a
 * new home bought from a developer, a gift, an inheritance, adding a spouse, a division on
 * divorce, or none. The tax rules themselves live with the tax assessment; the catalogue only
 * names the cause.
 */
export type TaxCause =
  | 'sale'
  | 'newHomePurchase'
  | 'gift'
  | 'inheritance'
  | 'spouseAddition'
  | 'divorceDivision'
  | 'none';

/**
 * A public announcement (公告) the registry publishes before recording, in working days counted
 * from the day after publication (docs/registry-facts.md §7); when it has passed without an
 * objection the machine records by itself.
 */
export interface AnnouncementSpec {
  /** the notice's title, e.g. 继承公告 */
  title: string;
  workingDays: number;
  basis: string;
}

export interface RoleRequirement {
  role: PartyRole;
  /** minimum number of parties in this role (0 = optional) */
  min: number;
  description: string;
  /** what forms and screens call a party in this role here, e.g. 抵押人; absent: ROLE_LABELS */
  label?: string;
}

/** Role names as the forms print them (docs/glossary.md), where a business type names none. */
export const ROLE_LABELS: Record<PartyRole, string> = {
  rightHolder: '权利人',
  obligor: '义务人',
  mortgagor: '抵押人',
  mortgagee: '抵押权人',
  releasingMortgagee: '原抵押权人',
  coOwner: '共有人',
  consentingSpouse: '同意处分的配偶',
  agent: '代理人',
  applicant: '申请人',
  renouncingHeir: '放弃继承的继承人',
};

/**
 * What a party of this role is called in this business type: the catalogue's label, else in a
 * mortgage or its cancellation the holder who gives the mortgage is the 抵押人 (民法典§394; an older
 * catalogue names no labels), else the general name.
 */
export function roleLabelOf(
  bt: Pick<BusinessType, 'roles' | 'application'> | undefined,
  role: PartyRole,
): string {
  const declared = bt?.roles.find((r) => r.role === role)?.label;
  if (declared) return declared;
  const records = bt?.application?.records;
  if ((records === 'mortgage' || records === 'mortgageCancellation') && role === 'rightHolder')
    return '抵押人';
  return ROLE_LABELS[role] ?? '当事人';
}

/** The labels of the roles of a case that differ from the general names (none: empty). */
export function roleLabelsOf(
  bt: Pick<BusinessType, 'roles' | 'application'>,
  roles: Iterable<PartyRole>,
): Partial<Record<PartyRole, string>> {
  const out: Partial<Record<PartyRole, string>> = {};
  for (const r of roles) if (roleLabelOf(bt, r) !== ROLE_LABELS[r]) out[r] = roleLabelOf(bt, r);
  return out;
}

/** How an item of the checklist can be supplied, in order of preference (docs/registry-facts.md §4). */
export type MaterialSource = 'sharedData' | 'scan' | 'commitment';

export interface MaterialRequirement {
  code: string;
  name: string;
  sources: MaterialSource[];
  /** 数源单位 when `sharedData` is a source, e.g. 公安 / 民政 / 住建 / 税务 / 法院 / 银行 */
  dataSource?: string;
  required: boolean;
}

export interface BusinessType {
  code: string;
  /** version of this business type's definition; bump when its rules change */
  version: number;
  name: string;
  description: string;
  kind: RegistrationKind;
  /** promised processing time in working days (≤ 30, 条例第二十条) */
  promisedWorkingDays: number;
  /**
   * 补正期限: working days the parties have to answer a 补正通知书, counted from the day after it
   * (docs/registry-facts.md §7); absent: DEFAULT_CORRECTION_WORKING_DAYS
   */
  correctionWorkingDays?: number;
  /** both sides must apply (条例第十四条) */
  jointApplication: boolean;
  roles: RoleRequirement[];
  materials: MaterialRequirement[];
  /** values in this definition that are assumptions rather than published facts */
  assumptions: string[];
  /** 询问记录 questions (docs/registry-facts.md §5); absent = none */
  questions?: Question[];
  /** automatic review rules and what a failure leads to; absent = the defaults */
  rules?: RuleSpec[];
  /** fees (assumption unless a published rule is found) */
  fees?: Fee[];
  /** how the guided application opens this business type; absent = not online */
  application?: ApplicationSpec;
  /** the tax rule a case of this type is assessed under; absent: by its kind (a sale) */
  taxation?: { cause: TaxCause };
  /** a 公告 published after approval and before recording (继承); absent = none */
  announcement?: AnnouncementSpec;
}

/**
 * How a business type is applied for from a phone: which role the unit's current
 * holders take, what else the register supplies, and whether the unit may be named by a
 * certificate number instead of being chosen from 我的不动产.
 */
export interface ApplicationSpec {
  /** false: not online (the holdings proof is issued at once in the wallet; see `counterReason`) */
  online: boolean;
  /**
   * Not online but taken at the counter (`records` set): why, as the app says it next to
   * 请到窗口办理 (e.g. 异议登记: the interest in someone else's unit is checked in person)
   */
  counterReason?: string;
  /**
   * 遗失补证 / 换证 (细则 §22): why the unit's current 不动产权证书 is re-issued — lost (a loss
   * notice on the registry's public page first) or damaged (exchanged)
   */
  reissue?: 'lost' | 'damaged';
  /** the role the register's current holders of the unit are prefilled in */
  holdersAs?: 'obligor' | 'rightHolder';
  /** 抵押权注销: the mortgage's mortgagee (and mortgagors) come from the register */
  mortgageFromRegister?: boolean;
  /**
   * The unit may be named by the number of this kind of certificate (docs/registry-facts.md §2).
   * Online the caller must hold it (a mortgagor or the mortgagee for a registration proof, the
   * advance notice's holder for 预告转本); anything else answers like an unknown number (§8). At
   * the counter, `counterpartMayName` lets staff key in the other side of a joint application
   * (e.g. the buyer of a sale, present in person) with the seller's number; online a buyer joins
   * the seller's case by invitation instead.
   */
  byCertificateNumber?: {
    kind: 'titleCertificate' | 'registrationProof';
    counterpartMayName?: boolean;
  };
  /**
   * 继承: the unit is named by a statutory heir of its deceased holder (death and kinship from
   * shared data); the heirs are the parties, the deceased holder is not
   */
  heirsOfDeceasedHolder?: boolean;
  /**
   * 带押过户: the unit's current mortgages are prefilled, each mortgagee as `releasingMortgagee`
   * (its mortgage is cancelled in the step that records the transfer)
   */
  releasesMortgages?: boolean;
  /**
   * 预购商品房抵押预告: the holders of the unit's current advance notice of purchase (预告登记) are
   * prefilled in this role (the buyers give the mortgage)
   */
  advanceNoticeHoldersAs?: 'mortgagor';
  /**
   * What the case records: a new right (transfer, change), a mortgage, or its cancellation; a
   * transfer with the buyer's new mortgage (转移+抵押), the same after the seller's mortgages are
   * cancelled (带押过户), an advance notice of purchase (预告登记) or of a mortgage on a home bought
   * in advance (预购商品房抵押预告).
   */
  records?:
    | 'transfer'
    | 'mortgage'
    | 'mortgageCancellation'
    | 'holderIdentityChange'
    | 'transferWithMortgage'
    | 'mortgagedTransfer'
    | 'advanceNotice'
    | 'mortgageAdvanceNotice'
    /** 更正登记: the holders' right re-recorded as corrected, its certificate re-issued */
    | 'rightCorrection'
    /** 异议登记: the objection as a restriction and its 不动产登记证明 (异议登记证明) */
    | 'objection'
    /** 遗失补证 / 换证: the same right with a new 不动产权证书, the old one void */
    | 'certificateReissue';
}

/** The kinds of recording that carry mortgage terms (抵押方式, 债权数额, 履行期限) in the case. */
export const MORTGAGE_TERMS_RECORDS: readonly string[] = [
  'mortgage',
  'transferWithMortgage',
  'mortgagedTransfer',
  'mortgageAdvanceNotice',
];

/** Whether a case of this business type carries the terms of a new mortgage. */
export const carriesMortgageTerms = (bt: Pick<BusinessType, 'application'>): boolean =>
  MORTGAGE_TERMS_RECORDS.includes(bt.application?.records ?? '');

/**
 * The application spec of a business type. A catalogue published before specs were data (an older
 * database) keeps what it had: transfers online with the holders as sellers, nothing else.
 */
export function applicationOf(bt: Pick<BusinessType, 'kind' | 'application'>): ApplicationSpec {
  if (bt.application) return bt.application;
  return bt.kind === 'transfer'
    ? { online: true, holdersAs: 'obligor', records: 'transfer' }
    : { online: false };
}

// ---------------------------------------------------------------- questions, rules, fees

export interface Question {
  code: string;
  text: string;
  kind: 'yesNo' | 'choice' | 'text';
  choices?: string[];
  /** asked only when the case's new co-ownership is one of these */
  whenNewCoOwnership?: ('sole' | 'joint' | 'shares')[];
  /** asked only when the unit's current right is held this way (e.g. the mortgage's shares question) */
  whenUnitCoOwnership?: ('sole' | 'joint' | 'shares')[];
  /** an answer that blocks submission (docs/registry-facts.md §5: 否 to Q1, 是 to 查封、冻结) */
  blockingAnswer?: string;
  /**
   * the blocking answer applies only when the unit's current right is held one of these ways
   * (e.g. 其他共有人 blocks a mortgage of a jointly held unit, not of one held in shares: 民法典§301)
   */
  blockingWhenUnitCoOwnership?: ('sole' | 'joint' | 'shares')[];
  required: boolean;
}

/** What a failed review rule leads to. */
export type ReviewOutcome =
  'correctionNotice' | 'nonAcceptanceNotice' | 'refusalNotice' | 'manualQueue';

export interface RuleSpec {
  /** a rule of the review library (domain/review) */
  code: string;
  outcomeOnFail: ReviewOutcome;
}

export interface Fee {
  code: string;
  name: string;
  /** yuan per case (民法典§223: per case, never a share of price or area) */
  amountYuan: number;
  payer: PartyRole;
  basis: string;
  /**
   * the unit's use this line applies to (docs/registry-facts.md §14: 住宅类 80 元, 非住宅类 550 元);
   * absent: any unit
   */
  unitUse?: FeeUnitUse;
  /** 工本费 per certificate beyond the first of the same case (docs/registry-facts.md §14: 10 元/本) */
  extraCertificateYuan?: number;
  /** payers exempt from this line (小微企业, 个体工商户: catalogue data, an assumption) */
  exemptPayers?: FeeExemptPayer[];
  /** a garage or storage room registered with its home, without its own certificate, pays nothing */
  exemptAncillaryWithHome?: boolean;
  /** the line is the 证书工本费 of a re-issued certificate (补证, 换证), not a registration fee */
  certificateCost?: boolean;
}

export type FeeUnitUse = 'residential' | 'nonResidential';
/** 小微企业 (市场监管's 小微企业名录) and 个体工商户 (统一社会信用代码 beginning 92) */
export type FeeExemptPayer = 'smallMicroEnterprise' | 'individualBusiness';

/**
 * Registration kinds that never pay the registration fee (docs/registry-facts.md §14): 注销, 预告,
 * 查封, 异议, 更正 and 查询 (财税〔2016〕79号, 发改价格规〔2016〕2559号).
 */
export const FEE_FREE_KINDS: readonly RegistrationKind[] = [
  'cancellation',
  'advanceNotice',
  'seizure',
  'objection',
  'correction',
  'query',
];

export interface Catalogue {
  version: number;
  /** ISO date-time of publication */
  publishedAt: string;
  businessTypes: BusinessType[];
}

/** 条例第二十条: the registry finishes within 30 working days of acceptance. */
export const STATUTORY_CEILING_WORKING_DAYS = 30;

/**
 * 补正期限 of a catalogue that sets none (an assumption: no published Taizhou period was found;
 * the catalogue may set its own per business type).
 */
export const DEFAULT_CORRECTION_WORKING_DAYS = 10;

/** The 补正期限 of a business type in working days. */
export const correctionWorkingDaysOf = (bt: Pick<BusinessType, 'correctionWorkingDays'>): number =>
  bt.correctionWorkingDays ?? DEFAULT_CORRECTION_WORKING_DAYS;

/** Returns the problems of a business type definition (empty when it is well-formed). */
export function checkBusinessType(bt: BusinessType): string[] {
  const problems: string[] = [];
  if (!/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/.test(bt.code)) problems.push(`${bt.code}: bad code`);
  if (!Number.isInteger(bt.version) || bt.version < 1) problems.push(`${bt.code}: bad version`);
  if (!bt.name.trim() || !bt.description.trim()) problems.push(`${bt.code}: name/description`);
  if (
    !Number.isInteger(bt.promisedWorkingDays) ||
    bt.promisedWorkingDays < 0 ||
    bt.promisedWorkingDays > STATUTORY_CEILING_WORKING_DAYS
  ) {
    problems.push(`${bt.code}: promisedWorkingDays must be an integer 0–30`);
  }
  if (
    bt.correctionWorkingDays !== undefined &&
    (!Number.isInteger(bt.correctionWorkingDays) ||
      bt.correctionWorkingDays < 1 ||
      bt.correctionWorkingDays > STATUTORY_CEILING_WORKING_DAYS)
  ) {
    problems.push(`${bt.code}: correctionWorkingDays must be an integer 1–30`);
  }
  if (
    bt.announcement &&
    (!Number.isInteger(bt.announcement.workingDays) ||
      bt.announcement.workingDays < 1 ||
      bt.announcement.workingDays > STATUTORY_CEILING_WORKING_DAYS)
  ) {
    problems.push(`${bt.code}: announcement.workingDays must be an integer 1–30`);
  }
  if (!REGISTRATION_KINDS.includes(bt.kind)) problems.push(`${bt.code}: unknown kind`);
  if (bt.jointApplication) {
    const roles = new Set(bt.roles.filter((r) => r.min > 0).map((r) => r.role));
    const counterpart = roles.has('obligor') || roles.has('mortgagee');
    // the side giving the right: holder, seller, or a mortgage's 抵押人
    if (!roles.has('rightHolder') && !roles.has('obligor') && !roles.has('mortgagor')) {
      problems.push(`${bt.code}: joint application without rightHolder`);
    } else if (!counterpart) {
      problems.push(`${bt.code}: joint application needs an obligor or mortgagee`);
    }
  }
  if (FEE_FREE_KINDS.includes(bt.kind) && (bt.fees ?? []).some((f) => f.amountYuan > 0)) {
    problems.push(`${bt.code}: ${bt.kind} registrations pay no registration fee`);
  }
  const codes = new Set<string>();
  for (const m of bt.materials) {
    if (codes.has(m.code)) problems.push(`${bt.code}: duplicate material ${m.code}`);
    codes.add(m.code);
    if (m.sources.length === 0) problems.push(`${bt.code}: material ${m.code} has no source`);
    if (m.sources.includes('sharedData') && !m.dataSource) {
      problems.push(`${bt.code}: material ${m.code} is shared but names no dataSource`);
    }
  }
  return problems;
}

export function checkCatalogue(c: Catalogue): string[] {
  const problems = c.businessTypes.flatMap(checkBusinessType);
  const codes = c.businessTypes.map((b) => b.code);
  if (new Set(codes).size !== codes.length) problems.push('duplicate business type code');
  if (!Number.isInteger(c.version) || c.version < 1) problems.push('bad catalogue version');
  return problems;
}
