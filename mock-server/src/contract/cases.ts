/**
 * Cases, notices, messages, certificates and seals. The server owns these schemas;
 * the app imports their types only.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CASE_STATUSES } from '../domain/cases/model';
import { APPLICATION_ERROR_CODES } from '../domain/cases/codes';
import { RenderedDocument } from './documents';

/** Error codes of naming a unit by certificate number and of a spouse's consent. */
export const CASE_ERROR_CODES = APPLICATION_ERROR_CODES;

const Str = Type.String();
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

/** The lifecycle's states, owned by the domain (one list for both). */
export const CASE_STATUS_VALUES = CASE_STATUSES;
export const CaseStatus = Type.Union(CASE_STATUS_VALUES.map((s) => Type.Literal(s)));
export type CaseStatus = Static<typeof CaseStatus>;

export const PartyRole = Type.Union([
  Type.Literal('rightHolder'),
  Type.Literal('obligor'),
  Type.Literal('mortgagor'),
  Type.Literal('mortgagee'),
  Type.Literal('releasingMortgagee'),
  Type.Literal('coOwner'),
  Type.Literal('consentingSpouse'),
  Type.Literal('agent'),
  Type.Literal('applicant'),
  Type.Literal('renouncingHeir'),
]);

export const CoOwnership = Type.Union([
  Type.Literal('sole'),
  Type.Literal('joint'),
  Type.Literal('shares'),
]);

/** A party named by the applicant: ID number and name must match the population register. */
export const PartyInput = Type.Object(
  {
    idNumber: Type.String({ minLength: 18, maxLength: 18 }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    role: PartyRole,
    shareBasisPoints: Opt(
      Type.Integer({ minimum: 0, maximum: 10000, description: '份额，万分之一' }),
    ),
  },
  { additionalProperties: false },
);
export type PartyInput = Static<typeof PartyInput>;

export const CaseMaterial = Type.Object(
  {
    code: Type.String({ maxLength: 50 }),
    source: Type.Union([
      Type.Literal('sharedData'),
      Type.Literal('scan'),
      Type.Literal('commitment'),
    ]),
    status: Type.Union([
      Type.Literal('provided'),
      Type.Literal('missing'),
      Type.Literal('unclear'),
    ]),
    ref: Opt(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const MortgageTerms = Type.Object(
  {
    mortgageType: Type.Union([Type.Literal('一般抵押'), Type.Literal('最高额抵押')]),
    securedAmountYuan: Type.Integer({ minimum: 1, maximum: 10_000_000_000 }),
    debtStartsOn: DateStr,
    debtEndsOn: DateStr,
  },
  { additionalProperties: false },
);
export type MortgageTerms = Static<typeof MortgageTerms>;

const DraftFields = {
  parties: Opt(Type.Array(PartyInput, { maxItems: 20 })),
  newCoOwnership: Opt(CoOwnership),
  priceYuan: Opt(Type.Integer({ minimum: 0, maximum: 10_000_000_000 })),
  answers: Opt(Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 500 }))),
  materials: Opt(Type.Array(CaseMaterial, { maxItems: 50 })),
  /** 抵押权首次登记 */
  mortgage: Opt(MortgageTerms),
  /** 变更登记: the applicant's name and ID number as 公安 now records them */
  identityChange: Opt(
    Type.Object(
      {
        newName: Type.String({ minLength: 1, maxLength: 50 }),
        newIdNumber: Type.String({ minLength: 18, maxLength: 18 }),
      },
      { additionalProperties: false },
    ),
  ),
};

/** POST /api/v1/cases */
export const CreateCaseBody = Type.Object(
  {
    businessTypeCode: Type.String({ maxLength: 80 }),
    /** the unit from 我的不动产; or name it by `certificateNumber` where the business allows */
    unitCode: Opt(Type.String({ minLength: 28, maxLength: 40 })),
    /** 不动产权证书号 (or 不动产证明号 of the mortgage to cancel), docs/registry-facts.md §2 */
    certificateNumber: Opt(Type.String({ minLength: 10, maxLength: 40 })),
    ...DraftFields,
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

/** PATCH /api/v1/cases/:caseId — only a draft; `version` as last read */
export const EditCaseBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), ...DraftFields },
  { additionalProperties: false },
);
export type EditCaseBody = Static<typeof EditCaseBody>;

/** POST /api/v1/cases/:caseId/{start-signing,sign,submit,withdraw,correction-answer,tax-payment} */
export const CaseActionBody = Type.Object(
  {
    version: Opt(Type.Integer({ minimum: 1 })),
    note: Opt(Type.String({ maxLength: 500 })),
    materials: Opt(Type.Array(CaseMaterial, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type CaseActionBody = Static<typeof CaseActionBody>;

export const CaseParams = Type.Object({ caseId: Type.String({ maxLength: 80 }) });

/**
 * POST /api/v1/cases/:caseId/marital-commitment — 婚姻状况承诺 (告知承诺): while 民政 cannot say
 * whether a holder is married, the holder (only they, `personId` = the caller) pledges it; 已婚
 * names the spouse, who must then consent and sign. Answers the CaseDetail.
 */
export const MaritalCommitmentBody = Type.Object(
  {
    personId: Type.String({ minLength: 1, maxLength: 80 }),
    maritalStatus: Type.Union([
      Type.Literal('未婚'),
      Type.Literal('已婚'),
      Type.Literal('离婚'),
      Type.Literal('丧偶'),
    ]),
    spouse: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 40 }),
          idNumber: Type.String({ minLength: 18, maxLength: 18 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type MaritalCommitmentBody = Static<typeof MaritalCommitmentBody>;
export const CaseDocumentParams = Type.Object({
  caseId: Type.String({ maxLength: 80 }),
  documentId: Type.String({ maxLength: 80 }),
});
export const MessageParams = Type.Object({ messageId: Type.String({ maxLength: 80 }) });

export const Actor = Type.Object({
  kind: Type.Union([Type.Literal('system'), Type.Literal('staff'), Type.Literal('party')]),
  id: Str,
  displayName: Type.String({ description: '时间线上显示的名称：自动办理显示机构名称' }),
});

export const TimelineEntry = Type.Object({
  seq: Type.Integer(),
  action: Str,
  step: Type.String({ description: '申请/签名/提交/受理/补正/审核/缴税/核定/登簿/发证/归档/撤回' }),
  from: Type.Union([CaseStatus, Type.Null()]),
  to: CaseStatus,
  actor: Actor,
  at: Str,
  note: Opt(Str),
});

const Reason = Type.Object({ code: Str, explanation: Str });

export const CasePartyView = Type.Object({
  personId: Str,
  name: Str,
  role: PartyRole,
  /** what the role is called in this business type, e.g. 抵押人 / 抵押权人 in a mortgage */
  roleLabel: Opt(Str),
  shareBasisPoints: Opt(Type.Integer()),
  signedAt: Opt(
    Type.String({ description: '本期为当事人登录后确认签名的记录，电子签名在后续版本' }),
  ),
});

export const DocumentSummary = Type.Object({
  documentId: Str,
  kind: Str,
  number: Str,
  issuedAt: Str,
  title: Str,
});

export const CaseDetail = Type.Object({
  caseId: Str,
  caseNumber: Opt(Str),
  businessTypeCode: Str,
  businessTypeName: Str,
  status: CaseStatus,
  unitCode: Str,
  location: Opt(Str),
  parties: Type.Array(CasePartyView),
  newCoOwnership: Opt(CoOwnership),
  priceYuan: Opt(Type.Number()),
  unitCoOwnership: Opt(CoOwnership),
  mortgage: Opt(MortgageTerms),
  cancelsRestrictionId: Opt(Str),
  /** 变更登记; the new ID number masked */
  identityChange: Opt(Type.Object({ personId: Str, newName: Str, newIdNumber: Str })),
  /**
   * Spouse consent from 民政's sealed answer per holder; a holder 'unknown' (民政 did not
   * answer) keeps the case from submission (409 MARRIAGE_STATUS_PENDING) until 民政 answers.
   */
  marriageCheck: Opt(
    Type.Object({
      checkedAt: Str,
      holders: Type.Array(
        Type.Object({
          personId: Str,
          status: Type.Union([
            Type.Literal('married'),
            Type.Literal('unmarried'),
            Type.Literal('unknown'),
          ]),
          reason: Opt(Str),
          /**
           * 婚姻状况承诺: 民政 could not answer and the holder pledged their status (then `status`
           * follows the pledge); `contradicted`: 民政 answered later otherwise (staff decide)
           */
          commitment: Opt(
            Type.Object({
              maritalStatus: Str,
              spouseName: Opt(Str),
              committedAt: Str,
              contradicted: Type.Boolean(),
            }),
          ),
        }),
      ),
      /** while a holder is unknown: why, in Chinese, and what happens next */
      message: Opt(Str),
    }),
  ),
  answers: Type.Record(Str, Str),
  materials: Type.Array(CaseMaterial),
  createdAt: Str,
  updatedAt: Str,
  submittedAt: Opt(Str),
  acceptedAt: Opt(Str),
  promisedDueOn: Opt(Str),
  statutoryDueOn: Opt(Str),
  dueDatesEstimated: Opt(Type.Boolean()),
  correction: Opt(
    Type.Object({
      requestedAt: Str,
      items: Type.Array(Reason),
      /**
       * 补正期限: the last day (YYYY-MM-DD, Beijing) to answer; unanswered after it, the case
       * ends (不予受理, or 不予登记 when asked after acceptance) with a notice
       */
      dueOn: Opt(Str),
      /** the due date lies in a year whose holiday arrangement is not yet published */
      dueOnEstimated: Opt(Type.Boolean()),
      /** where corrections were asked: 'intake' (受理) or 'review' (审核, after acceptance) */
      stage: Opt(Type.Union([Type.Literal('intake'), Type.Literal('review')])),
      answeredAt: Opt(Str),
      note: Opt(Str),
    }),
  ),
  /** 继承: the deceased holder and the first-order heirs as 公安 shared them */
  succession: Opt(
    Type.Object({
      deceased: Type.Object({ personId: Str, name: Str }),
      diedOn: Str,
      heirs: Type.Array(Type.Object({ personId: Str, name: Str, relation: Str })),
      checkedAt: Str,
    }),
  ),
  /** 继承公告: published on approval; the case is recorded by itself after `endsOn` */
  announcement: Opt(
    Type.Object({
      title: Str,
      publishedAt: Str,
      endsOn: Str,
      endsOnEstimated: Opt(Type.Boolean()),
      basis: Str,
      text: Str,
    }),
  ),
  manualQueue: Opt(Type.Object({ since: Str, stage: Str, reasons: Type.Array(Reason) })),
  taxPaidAt: Opt(Str),
  decisionReasons: Opt(Type.Array(Reason)),
  recording: Opt(
    Type.Object({
      kind: Opt(
        Type.String({ description: 'right / mortgage / mortgageCancellation / advanceNotice' }),
      ),
      /** the certificate issued; a cancellation names the registration proof it cancelled */
      certificateNumber: Str,
      certificateKind: Opt(Type.String({ description: 'titleCertificate / registrationProof' })),
      /** 转移+抵押, 带押过户: the 不动产登记证明 (抵押权) issued with the 不动产权证书 */
      mortgageProofNumber: Opt(Str),
      /** 预告登记: the day it lapsed (民法典 §221) */
      lapsedOn: Opt(Str),
      licenceId: Str,
      recordedAt: Str,
      voidAnnounced: Type.Boolean(),
    }),
  ),
  timeline: Type.Array(TimelineEntry),
  documents: Type.Array(DocumentSummary),
  /** 受理凭证 / 不予受理通知书 / 补正通知书 / 不予登记通知书 */
  notices: Type.Array(DocumentSummary),
  availableActions: Type.Array(Str),
  /**
   * A finished case's outcome, apart from its filing: issued (status issued or archived),
   * refused, notAccepted or withdrawn. Absent while the case is not finished.
   */
  outcome: Opt(
    Type.Union([
      Type.Literal('issued'),
      Type.Literal('refused'),
      Type.Literal('notAccepted'),
      Type.Literal('withdrawn'),
    ]),
  ),
  /**
   * 归档 of every finished case, whatever its outcome: filed (with the archive number and when)
   * or not yet (it is filed right after finishing). Absent while the case is not finished.
   */
  archive: Opt(
    Type.Object({
      filed: Type.Boolean(),
      archiveNumber: Opt(Str),
      filedAt: Opt(Str),
    }),
  ),
  version: Type.Integer(),
});
export type CaseDetail = Static<typeof CaseDetail>;

/** 我的办件 is paged with a cursor: `limit` (default 50, at most 100) and the previous page's `nextCursor`. */
export const CaseListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$' }),
    ),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;
export const CaseListResponse = Type.Object({
  items: Type.Array(CaseDetail),
  /** present when more cases follow: pass it as `cursor` for the next page */
  nextCursor: Type.Optional(Type.String()),
});
export type CaseListResponse = Static<typeof CaseListResponse>;

export const Seal = Type.Object({
  algorithm: Type.Literal('SM2-with-SM3'),
  userId: Str,
  sealName: Str,
  keyId: Str,
  publicKey: Str,
  digest: Str,
  signature: Str,
});

export const SealedDocument = Type.Object({
  body: Type.Unknown(),
  seal: Seal,
});
export type SealedDocument = Static<typeof SealedDocument>;

export const DocumentResponse = Type.Object({
  documentId: Str,
  kind: Str,
  number: Str,
  issuedAt: Str,
  document: SealedDocument,
  /** the document as a person reads it (one renderer per kind; other people's names masked) */
  rendering: Opt(RenderedDocument),
});
export type DocumentResponse = Static<typeof DocumentResponse>;

export const MessageView = Type.Object({
  messageId: Str,
  caseId: Opt(Str),
  documentId: Opt(Str),
  title: Str,
  body: Str,
  deliveredAt: Str,
  readAt: Opt(Str),
});
export const MessagesResponse = Type.Object({ items: Type.Array(MessageView) });
export type MessagesResponse = Static<typeof MessagesResponse>;

export const CertificateView = Type.Object({
  certificateId: Str,
  kind: Str,
  number: Str,
  unitCode: Str,
  location: Str,
  issuedOn: Str,
  form: Str,
  licenceId: Opt(Str),
  status: Type.String({ description: 'current 现势 / cancelled 已注销 / void 已作废' }),
  document: Opt(SealedDocument),
});
export const CertificatesResponse = Type.Object({ items: Type.Array(CertificateView) });
export type CertificatesResponse = Static<typeof CertificatesResponse>;

/** POST /api/v1/documents/verify-seal (anyone) */
export const VerifySealBody = Type.Object(
  { document: Type.Object({ body: Type.Unknown(), seal: Type.Unknown() }) },
  { additionalProperties: false },
);
export const VerifySealResponse = Type.Object({
  valid: Type.Boolean(),
  message: Str,
  reason: Opt(Str),
  number: Opt(Str),
  certificateStatus: Opt(Str),
});
export type VerifySealResponse = Static<typeof VerifySealResponse>;

/** GET /api/v1/registry/public-key */
export const RegistryPublicKeyResponse = Type.Object({
  keyId: Str,
  algorithm: Type.Literal('SM2-with-SM3'),
  curve: Type.Literal('sm2p256v1'),
  userId: Str,
  publicKey: Type.String({ description: '04‖x‖y, hex' }),
});
export type RegistryPublicKeyResponse = Static<typeof RegistryPublicKeyResponse>;

/** GET /api/v1/void-announcements (public 公告作废) */
export const VoidAnnouncementsResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      certificateNumber: Str,
      unitCode: Str,
      location: Str,
      announcedAt: Str,
      reason: Str,
    }),
  ),
});
export type VoidAnnouncementsResponse = Static<typeof VoidAnnouncementsResponse>;
