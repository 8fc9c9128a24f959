/**
 * A case (办件): one registration request from draft to archive. Pure data; the lifecycle
 * (lifecycle.ts) is the only code that changes `status`, and it records every change in the
 * case's timeline with the actor who made it.
 *
 * Shares are basis points (1/10000) as in the register, so a share set sums to exactly 10000.
 */
import type { MaterialSource, PartyRole } from '../catalogue';
import type { CoOwnership } from '../register';

export const CASE_STATUSES = [
  'draft',
  'signing',
  'submitted',
  'accepted',
  'notAccepted',
  'correctionRequested',
  'corrected',
  'review',
  'taxPending',
  'approved',
  'refused',
  'recorded',
  'issued',
  'archived',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** States a case never leaves. */
export const TERMINAL_STATUSES: readonly CaseStatus[] = [
  'notAccepted',
  'refused',
  'archived',
  'withdrawn',
];

export type ActorKind = 'system' | 'staff' | 'party';

/** Who made a transition, as the timeline shows it. */
export interface Actor {
  kind: ActorKind;
  id: string;
  displayName: string;
}

/** 台州市不动产登记服务中心: automatic 受理 and 审核 steps (实施意见 五(三)). */
export const SERVICE_CENTRE: Actor = {
  kind: 'system',
  id: 'serviceCentre',
  displayName: '台州市不动产登记服务中心',
};
/** 台州市自然资源和规划局: automatic 核定 and 登簿 steps. */
export const BUREAU: Actor = {
  kind: 'system',
  id: 'bureau',
  displayName: '台州市自然资源和规划局',
};

export interface CaseParty {
  personId: string;
  name: string;
  role: PartyRole;
  /** only for right holders of a transfer whose new co-ownership is `shares` */
  shareBasisPoints?: number;
  /**
   * When this party signed the application: online, the effect of a valid e-signature
   * (电子签名法 §13–14); at the counter, signed in person and witnessed by the staff member.
   */
  signedAt?: string;
}

export type MaterialStatus = 'provided' | 'missing' | 'unclear';

export interface CaseMaterial {
  code: string;
  source: MaterialSource;
  status: MaterialStatus;
  /** reference of the shared record or uploaded scan */
  ref?: string;
}

export interface ReasonItem {
  code: string;
  explanation: string;
}

export type CaseStep =
  | '申请'
  | '签名'
  | '提交'
  | '受理'
  | '补正'
  | '审核'
  | '缴税'
  | '缴费'
  | '核定'
  | '登簿'
  | '发证'
  | '归档'
  | '撤回';

export interface TimelineEntry {
  seq: number;
  action: string;
  step: CaseStep;
  from: CaseStatus | null;
  to: CaseStatus;
  actor: Actor;
  at: string;
  note?: string;
}

/** 抵押权首次登记: the mortgage applied for (docs/registry-facts.md §3: what the registration proof states). */
export interface MortgageTerms {
  mortgageType: '一般抵押' | '最高额抵押';
  /** 被担保主债权数额 / 最高债权额, yuan */
  securedAmountYuan: number;
  debtStartsOn: string;
  debtEndsOn: string;
}

/** 变更登记: the holder's name and ID number as 公安 now records them. */
export interface IdentityChange {
  personId: string;
  newName: string;
  newIdNumber: string;
}

/**
 * 民政's sealed answer on one holder's marriage (spouse consent, from the shared civilAffairs
 * source). 'unknown': 民政 gave no usable answer (`reason`: timeout, unavailable,
 * sealInvalid, noSource, notFound — or spouseUnknown, a spouse the registry cannot identify).
 */
export interface HolderMarriage {
  personId: string;
  status: 'married' | 'unmarried' | 'unknown';
  spouseId?: string;
  /** the marriage's registration date (common property: a right registered since) */
  registeredOn?: string;
  /** the stored shared record (shared_records) the answer came from */
  recordId?: string;
  reason?: string;
  /**
   * 婚姻状况承诺 (告知承诺): 民政 could not answer, so the holder pledged their own status; `status`
   * and `spouseId` then follow the pledge. `reason` keeps why 民政 did not answer.
   */
  commitment?: MaritalCommitment;
  /**
   * 民政 answered after the commitment (its record kept); `contradicts`: another status or another
   * spouse than pledged — the case then goes to staff (never silently overridden)
   */
  laterAnswer?: {
    recordId: string;
    status: 'married' | 'unmarried';
    spouseId?: string;
    contradicts: boolean;
  };
}

/** The four statuses a holder may pledge (婚姻状况承诺). */
export const MARITAL_STATUSES = ['未婚', '已婚', '离婚', '丧偶'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

/** A holder's own marital-status pledge, made when 民政 could not answer. */
export interface MaritalCommitment {
  maritalStatus: MaritalStatus;
  /** 已婚: the spouse named, resolved in the population register */
  spouseId?: string;
  spouseName?: string;
  committedBy: string;
  committedAt: string;
  /** the pledge's wording, as signed in the bundle */
  text: string;
}

/**
 * 继承: 公安's sealed answer on the deceased holder (death, 户籍注销) and their first-order heirs
 * (spouse, children, parents; 民法典§1127), kept with the case it decided like 民政's answer.
 */
export interface Succession {
  deceased: { personId: string; name: string };
  diedOn: string;
  heirs: { personId: string; name: string; relation: '配偶' | '子女' | '父母' }[];
  /** the stored shared record (shared_records) the answer came from */
  recordId?: string;
  checkedAt: string;
}

/** The marriage status of a unit's natural-person holders, as 民政 answered it. */
export interface MarriageCheck {
  checkedAt: string;
  holders: HolderMarriage[];
}

/** A 补正通知书 and its answer. */
export interface CorrectionRequest {
  requestedAt: string;
  items: ReasonItem[];
  /**
   * 补正期限: the last day (Beijing, YYYY-MM-DD) the parties may answer, the business type's
   * working days after the notice (docs/registry-facts.md §7); once it has passed unanswered the
   * machine ends the case. Absent on requests made before the period was set.
   */
  dueOn?: string;
  /** the due date lies in a year whose holiday arrangement is not yet published */
  dueOnEstimated?: boolean;
  /**
   * where the case stood when corrections were asked: at 受理 (a lapse is 不予受理, 条例第十七条)
   * or after acceptance, at 审核 (a lapse is 不予登记, 条例第二十二条)
   */
  stage?: 'intake' | 'review';
  answeredAt?: string;
  note?: string;
}

/**
 * A 公告 published on approval (继承公告, docs/registry-facts.md §15): the machine records the
 * case by itself once its last day has passed (working days, §7) without the case being stopped.
 */
export interface CaseAnnouncement {
  title: string;
  publishedAt: string;
  /** the last day of the period (Beijing, YYYY-MM-DD), counted from the day after publication */
  endsOn: string;
  /** the last day lies in a year whose holiday arrangement is not yet published */
  endsOnEstimated?: boolean;
  basis: string;
  /** the text published (the parties' names masked: the public reads it) */
  text: string;
}

export interface CaseRecording {
  /** what was recorded; absent on cases recorded before the other business types (a transfer) */
  kind?: 'right' | 'mortgage' | 'mortgageCancellation' | 'advanceNotice' | 'objection';
  /** the new right (transfer, change) */
  rightId?: string;
  /**
   * The certificate issued: 不动产权证书, or the 不动产登记证明 of a mortgage. A cancellation issues
   * none: these then name the registration proof it cancelled.
   */
  certificateId: string;
  certificateNumber: string;
  licenceId: string;
  /** the mortgage recorded or cancelled */
  restrictionId?: string;
  recordedAt: string;
  supersededRightId?: string;
  supersededCertificateId?: string;
  voidAnnounced: boolean;
  /**
   * 转移+抵押 and 带押过户: the mortgage recorded with the new right and its 不动产登记证明, issued
   * together with the 不动产权证书
   */
  mortgage?: {
    restrictionId: string;
    certificateId: string;
    certificateNumber: string;
    licenceId: string;
  };
  /** 带押过户: the seller's mortgages cancelled in the same step */
  releasedRestrictionIds?: string[];
  /** 预告登记, 异议登记: the day the machine ended it as lapsed (民法典 §221, §220) */
  lapsedOn?: string;
}

export interface CaseRecord {
  caseId: string;
  /** 业务号, given at submission */
  caseNumber?: string;
  businessTypeCode: string;
  businessTypeVersion: number;
  status: CaseStatus;
  unitCode: string;
  parties: CaseParty[];
  /** co-ownership of the new right holders (transfers) */
  newCoOwnership?: CoOwnership;
  /** contract price in yuan (sales) */
  priceYuan?: number;
  /** how the unit's current right is held (copied from the register when the draft is made) */
  unitCoOwnership?: CoOwnership;
  /** 抵押权首次登记 */
  mortgage?: MortgageTerms;
  /** 抵押权注销登记: the register's mortgage this case cancels */
  cancelsRestrictionId?: string;
  /** 变更登记 */
  identityChange?: IdentityChange;
  /**
   * Business types with a consentingSpouse role: whether each holder is married, from 民政's
   * sealed answer (never the register's own marriage data); decides the spouses who must consent.
   */
  marriageCheck?: MarriageCheck;
  /** 继承: the deceased holder and the heirs, from 公安's sealed answer */
  succession?: Succession;
  /**
   * 遗失补证 / 换证 (细则 §22): the paper certificate re-issued, as the register held it when the
   * draft was made (the 遗失声明 names it on the registry's public page)
   */
  reissue?: {
    reason: 'lost' | 'damaged';
    certificateId: string;
    certificateNumber: string;
    location: string;
  };
  /** 询问记录: question code → answer */
  answers: Record<string, string>;
  materials: CaseMaterial[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  acceptedAt?: string;
  /** promised and statutory (30 working days, 条例§20) due dates, YYYY-MM-DD */
  promisedDueOn?: string;
  statutoryDueOn?: string;
  /** true when a due date falls in a year whose holiday arrangement is not yet published */
  dueDatesEstimated?: boolean;
  correction?: CorrectionRequest;
  /** a 公告 the business type publishes after approval (继承公告); recording waits for its end */
  announcement?: CaseAnnouncement;
  /** set while the case waits for a staff member */
  manualQueue?: { since: string; stage: 'intake' | 'review'; reasons: ReasonItem[] };
  taxPaidAt?: string;
  /** 缴费: when the registration fee's payer paid it (the 财政电子票据 checked) */
  feePaidAt?: string;
  /** reasons of a non-acceptance or refusal */
  decisionReasons?: ReasonItem[];
  recording?: CaseRecording;
  timeline: TimelineEntry[];
  /** optimistic concurrency: bumped on every stored change */
  version: number;
}

export const partiesIn = (c: CaseRecord, role: PartyRole): CaseParty[] =>
  c.parties.filter((p) => p.role === role);

export const isParty = (c: CaseRecord, personId: string): boolean =>
  c.parties.some((p) => p.personId === personId);
