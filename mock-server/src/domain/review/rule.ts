/** What a review rule is: the context it looks at, its result, and the helpers rules share. */
import type { BusinessType } from '../catalogue';
import type { CaseRecord } from '../cases/model';
import type { CertificateState, RestrictionState, RightState, Unit } from '../register';

export type ReviewStage = 'intake' | 'review';

/** What the register and the data sources say about the case's unit. */
export interface ReviewContext {
  case: CaseRecord;
  businessType: BusinessType;
  unit?: Unit;
  right?: RightState;
  /** the current right's certificate as the register holds it (补证, 换证) */
  certificate?: CertificateState;
  restrictions: RestrictionState[];
  /** 税务: tax of this case paid (shared data) */
  taxPaid: boolean;
  /**
   * 财政: the registration fee paid (its 财政电子票据 verified), or nothing owed; false: owed and
   * unpaid. Absent: not looked up (an older caller), the fee rule then does not hold the case.
   */
  feePaid?: boolean;
  /**
   * 民政 (or the register's marriage data): spouses whose consent the case needs — married holders
   * disposing of common property (民法典§1062, §1092). Absent = not looked up.
   */
  spouseConsentFrom?: { personId: string; name: string }[];
  /**
   * Each party's stored 询问笔录 (the initiator's answers are `case.answers` too). Absent: not
   * looked up (the rules then read the initiator's answers only).
   */
  inquiries?: { partyId: string; answers: Record<string, string> }[];
  /** the parties as the population register / organisation directory knows them */
  people?: Record<string, { kind: 'natural' | 'legal'; name: string; idNumber: string }>;
}

export interface RuleResult {
  code: string;
  passed: boolean;
  /** citizen-readable Chinese explanation (why it passed or failed) */
  explanation: string;
}

export interface ReviewRule {
  code: string;
  stage: ReviewStage;
  title: string;
  /** legal basis shown in notices */
  basis: string;
  /** the rule waits rather than decides: failing parks the case (e.g. 待缴税) */
  waits?: 'taxPending';
  check(ctx: ReviewContext): RuleResult;
}

export const pass = (code: string, explanation: string): RuleResult => ({
  code,
  passed: true,
  explanation,
});
export const fail = (code: string, explanation: string): RuleResult => ({
  code,
  passed: false,
  explanation,
});

/** The case's parties (of one role, when given) as a set of personIds. */
export const partyIds = (ctx: ReviewContext, role?: string) =>
  new Set(ctx.case.parties.filter((p) => !role || p.role === role).map((p) => p.personId));

/** Every answer to question `code` given in the case: the initiator's and each party's. */
export const answersTo = (ctx: ReviewContext, code: string): string[] => [
  ...(ctx.case.answers[code] !== undefined ? [ctx.case.answers[code]] : []),
  ...(ctx.inquiries ?? []).flatMap((i) => (i.answers[code] !== undefined ? [i.answers[code]] : [])),
];
