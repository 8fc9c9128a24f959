/**
 * The business catalogue (业务目录) as versioned data. Each business type (业务类型) declares what
 * a case of that type needs. Questions, rules and fees are further fields; keep every
 * new field optional-with-default or bump the business type's `version`.
 */

/** Registration kinds of 条例第三条, plus `query` for proofs such as 不动产权属查询证明. */
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
] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

export type PartyRole =
  | 'rightHolder'
  | 'obligor'
  | 'mortgagee'
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
  /** false: not a case (the holdings proof is issued at once in the wallet) */
  online: boolean;
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
  /** what the case records: a new right (transfer, change), a mortgage, or its cancellation */
  records?: 'transfer' | 'mortgage' | 'mortgageCancellation' | 'holderIdentityChange';
}

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
  /** an answer that blocks submission (docs/registry-facts.md §5: 否 to Q1, 是 to the dispute question) */
  blockingAnswer?: string;
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
}

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
    if (!roles.has('rightHolder') && !roles.has('obligor')) {
      problems.push(`${bt.code}: joint application without rightHolder`);
    } else if (!counterpart) {
      problems.push(`${bt.code}: joint application needs an obligor or mortgagee`);
    }
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
