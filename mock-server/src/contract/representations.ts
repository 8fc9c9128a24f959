/**
 * Acting for a party (委托代理人, 监护人; docs/registry-facts.md §15):
 *   GET  /cases/:caseId/representations     the case's agents and guardians (its parties)
 *   POST /cases/:caseId/representations     a party appoints an agent (fresh face check): the
 *                                           授权委托书 signed online, or a notarised one uploaded
 *   POST /representations/guardianship      a minor's parent opens the minor's invitation code
 *                                           as guardian (fresh face check)
 *   POST /representations/accept            the agent opens the case with the code they were given
 *   GET  /me/representations                where the caller acts for someone (代办)
 *   POST /representations/:id/revoke        the principal ends the authority
 *   GET  /representations/:id/bundle        the documents the agent signs for the principal
 *   PUT  /representations/:id/inquiry       the principal's 询问笔录, answered by the agent
 *   POST /representations/:id/signatures    the agent signs as themself for the principal
 */
import { Type, type Static } from '@sinclair/typebox';
import { REPRESENTATION_DOMAIN_ERROR_CODES } from '../domain/representation/codes';

const Str = Type.String();
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

export const REPRESENTATION_ERROR_CODES = REPRESENTATION_DOMAIN_ERROR_CODES;

export const RepresentationKindSchema = Type.Union([
  Type.Literal('agent'),
  Type.Literal('guardian'),
]);
export const RepresentationBasisSchema = Type.Union([
  Type.Literal('onlinePowerOfAttorney'),
  Type.Literal('notarisedPowerOfAttorney'),
  Type.Literal('householdRegister'),
  Type.Literal('uploadedGuardianship'),
]);

/** An uploaded 公证委托书 or guardianship proof (a photo or a PDF, inspected like every upload). */
const UploadedProof = Type.Object(
  {
    contentType: Type.Union([
      Type.Literal('image/jpeg'),
      Type.Literal('image/png'),
      Type.Literal('application/pdf'),
    ]),
    dataBase64: Type.String({ minLength: 4, maxLength: 8 * 1024 * 1024 }),
  },
  { additionalProperties: false },
);

export const RepresentationView = Type.Object({
  representationId: Str,
  caseId: Str,
  kind: RepresentationKindSchema,
  /** 委托代理人 / 监护人 */
  capacity: Str,
  basis: RepresentationBasisSchema,
  /** e.g. 线上签署的授权委托书（刷脸） */
  basisText: Str,
  status: Type.Union([
    Type.Literal('pendingReview'),
    Type.Literal('active'),
    Type.Literal('revoked'),
  ]),
  /** e.g. 有效 / 待登记机构人工审核 / 已撤销 */
  statusText: Str,
  /** masked for a reader who is neither of the two */
  principal: Type.Object({ partyId: Str, name: Str, role: Str }),
  agent: Type.Object({ name: Str }),
  /** e.g. 委托代理人 许*芳 代 委托人 叶美华 */
  statement: Str,
  document: Type.Object({ title: Str, text: Str }),
  reviewReasons: Type.Array(Type.Object({ code: Str, explanation: Str })),
  createdAt: Str,
  activatedAt: Opt(Str),
  revokedAt: Opt(Str),
  /** what revoking did, or would do now, in Chinese (民法典 §173, 条例 §15) */
  revocationNote: Str,
  /** the principal may revoke now */
  canRevoke: Type.Boolean(),
  /** for the principal only: the code and link to hand to the agent */
  invitation: Opt(Type.Object({ code: Str, link: Str })),
});
export type RepresentationView = Static<typeof RepresentationView>;

export const RepresentationsResponse = Type.Object({ items: Type.Array(RepresentationView) });
export type RepresentationsResponse = Static<typeof RepresentationsResponse>;

export const AppointAgentBody = Type.Object(
  {
    agent: Type.Object(
      {
        idNumber: Type.String({ minLength: 15, maxLength: 18 }),
        name: Type.String({ minLength: 1, maxLength: 50 }),
      },
      { additionalProperties: false },
    ),
    basis: Type.Union([
      Type.Literal('onlinePowerOfAttorney'),
      Type.Literal('notarisedPowerOfAttorney'),
    ]),
    /** notarisedPowerOfAttorney: the scan of the notarised 委托书 */
    upload: Opt(UploadedProof),
  },
  { additionalProperties: false },
);
export type AppointAgentBody = Static<typeof AppointAgentBody>;

export const GuardianshipBody = Type.Object(
  {
    /** the minor's invitation code, as the case's initiator sent it */
    code: Type.String({ minLength: 4, maxLength: 16 }),
    /** where 公安's household register does not show the relation: the proof, for staff */
    upload: Opt(UploadedProof),
    /** 民法典 §35: required when the minor disposes of property (sale, mortgage, gift) */
    commitInMinorsInterest: Opt(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type GuardianshipBody = Static<typeof GuardianshipBody>;

export const RepresentationCodeBody = Type.Object(
  { code: Type.String({ minLength: 4, maxLength: 16 }) },
  { additionalProperties: false },
);

export const RepresentationParams = Type.Object({
  representationId: Type.String({ maxLength: 64 }),
});

/** An authority as staff read it (names in full: the console is an official channel). */
export const StaffRepresentationView = Type.Object({
  representationId: Str,
  caseId: Str,
  kind: RepresentationKindSchema,
  basis: RepresentationBasisSchema,
  status: Type.Union([
    Type.Literal('pendingReview'),
    Type.Literal('active'),
    Type.Literal('revoked'),
  ]),
  principalName: Str,
  principalRole: Str,
  agentName: Str,
  document: Type.Object({ title: Str, text: Str }),
  reviewReasons: Type.Array(Type.Object({ code: Str, explanation: Str })),
  /** SM3 of the uploaded 公证委托书 or guardianship proof (the file is in the blob store) */
  uploadSm3: Opt(Str),
  guardianCommitment: Opt(Str),
  review: Opt(Type.Object({ decidedBy: Str, decidedAt: Str, approved: Type.Boolean(), note: Str })),
});
export type StaffRepresentationView = Static<typeof StaffRepresentationView>;

export const StaffRepresentationsResponse = Type.Object({
  items: Type.Array(StaffRepresentationView),
});
export type StaffRepresentationsResponse = Static<typeof StaffRepresentationsResponse>;

export const RepresentationDecisionBody = Type.Object(
  { approve: Type.Boolean(), note: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
