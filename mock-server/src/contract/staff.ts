/**
 * The staff console API, /api/v1/staff/*. Staff sessions are an HttpOnly
 * SameSite=Strict cookie plus a CSRF token that every changing request repeats in the
 * `x-csrf-token` header; citizens' Bearer tokens are not accepted here, nor staff sessions on
 * citizens' routes.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CaseDetail, CaseMaterial, CoOwnership, MortgageTerms, PartyInput } from './cases';
import { RenderedDocument } from './documents';

const Str = Type.String();

export const STAFF_COOKIE = 'hh_staff';
export const CSRF_HEADER = 'x-csrf-token';

export const StaffLoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type StaffLoginBody = Static<typeof StaffLoginBody>;

export const StaffMemberView = Type.Object({
  staffId: Str,
  username: Str,
  displayName: Str,
  post: Type.String({ description: '岗位' }),
});

export const StaffSessionResponse = Type.Object({
  staff: StaffMemberView,
  csrfToken: Type.String({ description: '每个修改请求放在 x-csrf-token 请求头中' }),
});
export type StaffSessionResponse = Static<typeof StaffSessionResponse>;

const Reason = Type.Object({ code: Str, explanation: Str });

export const StaffQueueItem = Type.Object({
  caseId: Str,
  caseNumber: Type.Optional(Str),
  businessTypeName: Str,
  status: Str,
  unitCode: Str,
  location: Type.Optional(Str),
  since: Str,
  stage: Type.String({ description: 'intake 受理 / review 审核' }),
  reasons: Type.Array(Reason),
  parties: Type.Array(Type.Object({ name: Str, role: Str })),
});
export const StaffQueueResponse = Type.Object({ items: Type.Array(StaffQueueItem) });
export type StaffQueueResponse = Static<typeof StaffQueueResponse>;

export const STAFF_DECISION_VALUES = [
  'accept',
  'requestCorrection',
  'notAccept',
  'approve',
  'refuse',
] as const;
export const StaffDecision = Type.Union(STAFF_DECISION_VALUES.map((d) => Type.Literal(d)));
export type StaffDecision = Static<typeof StaffDecision>;

export const StaffRuleResult = Type.Object({
  code: Str,
  title: Str,
  stage: Str,
  passed: Type.Boolean(),
  explanation: Str,
  outcomeOnFail: Str,
});

export const StaffAuditView = Type.Object({
  action: Str,
  staffName: Str,
  at: Str,
  clientIp: Str,
  outcome: Str,
});

export const StaffCaseResponse = Type.Object({
  case: CaseDetail,
  ruleResults: Type.Array(StaffRuleResult),
  decisions: Type.Array(StaffDecision),
  taxOutstanding: Type.Boolean(),
  audit: Type.Array(StaffAuditView),
  /** the case's sealed documents as staff read them (the same renderer as the app and PDFs) */
  documentRenderings: Type.Optional(
    Type.Array(Type.Object({ documentId: Type.String(), rendering: RenderedDocument })),
  ),
  /** the business type's materials by code, in words (身份证明, 婚姻状况证明 …) */
  materialNames: Type.Optional(Type.Record(Str, Str)),
});
export type StaffCaseResponse = Static<typeof StaffCaseResponse>;

export const StaffCaseParams = Type.Object({ caseId: Type.String({ maxLength: 80 }) });

/** POST /api/v1/staff/cases/:caseId/decisions */
export const StaffDecisionBody = Type.Object(
  {
    decision: StaffDecision,
    reasons: Type.Optional(
      Type.Array(Type.String({ maxLength: 300 }), { maxItems: 10, description: '理由，每条一项' }),
    ),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type StaffDecisionBody = Static<typeof StaffDecisionBody>;

/**
 * POST /api/v1/staff/counter-intake — 窗口受理 for a walk-in applicant, for every business type
 * that is recorded (transfers, 抵押权首次登记, 抵押权注销登记, 变更登记). The first party is the
 * applicant. The unit by `unitCode` or by `certificateNumber` (a 抵押权注销 names the mortgage by
 * its 不动产登记证明号); `mortgage` only for a mortgage, `identityChange` (the applicant's new
 * name and ID number) only for a change, `newCoOwnership` and `priceYuan` only for transfers.
 */
export const CounterIntakeBody = Type.Object(
  {
    businessTypeCode: Type.String({ maxLength: 80 }),
    unitCode: Type.Optional(Type.String({ minLength: 28, maxLength: 40 })),
    certificateNumber: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })),
    parties: Type.Array(PartyInput, { minItems: 1, maxItems: 20 }),
    mortgage: Type.Optional(MortgageTerms),
    identityChange: Type.Optional(
      Type.Object(
        {
          newName: Type.String({ minLength: 1, maxLength: 50 }),
          newIdNumber: Type.String({ minLength: 18, maxLength: 18 }),
        },
        { additionalProperties: false },
      ),
    ),
    newCoOwnership: Type.Optional(CoOwnership),
    priceYuan: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000_000 })),
    answers: Type.Optional(
      Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 500 })),
    ),
    materials: Type.Optional(Type.Array(CaseMaterial, { maxItems: 50 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CounterIntakeBody = Static<typeof CounterIntakeBody>;

export const StaffCaseDecisionResponse = Type.Object({ case: CaseDetail });
export type StaffCaseDecisionResponse = Static<typeof StaffCaseDecisionResponse>;
