/**
 * E-certificates: the wallet, presentations (亮证), verification by anyone, the
 * holder's verification log and holdings proofs. The server owns these schemas; the app imports
 * their types only.
 */
import { Type, type Static } from '@sinclair/typebox';
import { PRESENTATION_ERROR_CODES } from '../domain/presentation/codes';
import { SealedDocument } from './cases';

const Str = Type.String();

/** Refusal codes of presentation, verification and printing (from domain/presentation/codes.ts). */
export const CERTIFICATE_ERROR_CODES = PRESENTATION_ERROR_CODES;

export const PresentationView = Type.Union([Type.Literal('full'), Type.Literal('minimal')]);
export type PresentationView = Static<typeof PresentationView>;

export const WalletItemKind = Type.Union([
  Type.Literal('titleCertificate'),
  Type.Literal('holdingsProof'),
  Type.Literal('oldStyle'),
]);
export type WalletItemKind = Static<typeof WalletItemKind>;

export const CertificateStatusNow = Type.Union([
  Type.Literal('current'),
  Type.Literal('cancelled'),
  Type.Literal('void'),
]);
export type CertificateStatusNow = Static<typeof CertificateStatusNow>;

export const StatusNow = Type.Object({
  certificate: CertificateStatusNow,
  /** current restrictions on the unit: mortgage / seizure / objection / advanceNotice */
  restrictions: Type.Array(Str),
  /** e.g. 现势；已抵押 */
  summary: Str,
});
export type StatusNow = Static<typeof StatusNow>;

export const WalletItem = Type.Object({
  id: Type.String({ description: 'certificate id or holdings-proof id' }),
  kind: WalletItemKind,
  title: Type.String({ description: '不动产权证书 / 不动产权属查询证明 / 房屋所有权证（旧版）' }),
  number: Str,
  issuedOn: Str,
  location: Type.Optional(Str),
  unitCode: Type.Optional(Str),
  licenceId: Type.Optional(Str),
  /** paper (with or without an electronic twin) or electronic */
  form: Str,
  status: StatusNow,
  /** 共有: more than one holder */
  coOwned: Type.Boolean(),
  /** can be shown with 亮证 (electronic, current) */
  presentable: Type.Boolean(),
  /** why an item has no electronic certificate or cannot be presented */
  explanation: Type.Optional(Str),
  /** the sealed document, for the detail view laid out like the national form */
  document: Type.Optional(SealedDocument),
});
export type WalletItem = Static<typeof WalletItem>;

export const WalletResponse = Type.Object({ items: Type.Array(WalletItem) });
export type WalletResponse = Static<typeof WalletResponse>;

export const WalletItemParams = Type.Object({ itemId: Type.String({ maxLength: 80 }) });

/** POST /api/v1/me/wallet/:itemId/presentations (fresh face check) */
export const PresentBody = Type.Object({ view: PresentationView }, { additionalProperties: false });
export type PresentBody = Static<typeof PresentBody>;

export const PresentationResponse = Type.Object({
  presentationId: Str,
  /** HE1.<claims>.<SM2 seal>: what the QR code carries (inside the verify URL) */
  token: Str,
  /** path of the public verify page; the QR carries `<origin><verifyPath>#<token>` */
  verifyPath: Str,
  /** 6 digits, for entry by hand; maps to this presentation while it lives */
  code: Type.String({ pattern: '^\\d{6}$' }),
  view: PresentationView,
  fields: Type.Array(Str),
  issuedAt: Str,
  expiresAt: Str,
  /** how often the app asks for a new presentation (≤ 60 s) */
  refreshAfterSeconds: Type.Integer({ minimum: 1, maximum: 60 }),
  allowance: Type.Integer({ minimum: 1 }),
});
export type PresentationResponse = Static<typeof PresentationResponse>;

/** POST /api/v1/verify (anyone; an app session, if sent, is logged as the verifier) */
export const VerifyBody = Type.Union([
  Type.Object(
    { token: Type.String({ minLength: 1, maxLength: 4000 }) },
    { additionalProperties: false },
  ),
  Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false }),
]);
export type VerifyBody = Static<typeof VerifyBody>;

export const DisclosedField = Type.Object({ key: Str, label: Str, value: Str });

export const VerificationResult = Type.Object({
  outcome: Type.Literal('valid'),
  /** when the registry checked, ISO */
  verifiedAt: Str,
  seal: Type.Object({ valid: Type.Literal(true), keyId: Str, algorithm: Str }),
  document: Type.Object({ kind: Str, title: Str }),
  view: PresentationView,
  fields: Type.Array(DisclosedField),
  status: StatusNow,
  presentation: Type.Object({
    issuedAt: Str,
    expiresAt: Str,
    usesLeft: Type.Integer({ minimum: 0 }),
  }),
  message: Str,
});
export type VerificationResult = Static<typeof VerificationResult>;

export const VerificationLogEntry = Type.Object({
  verifiedAt: Str,
  /** 'app': a logged-in app user (masked name); 'web': the public page or an anonymous call */
  verifierKind: Type.Union([Type.Literal('app'), Type.Literal('web')]),
  verifier: Type.String({ description: '核验人：App 用户（姓名已遮挡）或“网页核验”' }),
  via: Type.Union([Type.Literal('qr'), Type.Literal('code')]),
  view: PresentationView,
});
export const VerificationLogResponse = Type.Object({ items: Type.Array(VerificationLogEntry) });
export type VerificationLogResponse = Static<typeof VerificationLogResponse>;

export const HistoryEntry = Type.Object({ at: Str, text: Str });
export const WalletItemDetail = Type.Object({
  item: WalletItem,
  /** register entries of the unit since the certificate (登簿, 抵押, 查封…) */
  history: Type.Array(HistoryEntry),
  verifications: Type.Array(VerificationLogEntry),
});
export type WalletItemDetail = Static<typeof WalletItemDetail>;

/** POST /api/v1/me/holdings-proofs (fresh face check) */
export const HoldingsProofBody = Type.Object({}, { additionalProperties: false });

/** POST /api/v1/sim/register/mortgages — SIMULATORS_ENABLED only: a bank's mortgage 登簿 */
export const SimMortgageBody = Type.Object(
  {
    unitCode: Type.String({ minLength: 28, maxLength: 28 }),
    securedAmountYuan: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000_000 })),
  },
  { additionalProperties: false },
);
export type SimMortgageBody = Static<typeof SimMortgageBody>;
export const SimMortgageResponse = Type.Object({ restrictionId: Str, proofNumber: Str });

// ------------------------------------------------------------------ printable PDF (item 5)

/** GET /api/v1/certificates/:id/certificate.pdf and …/certificate.pdf.sig (holder, session) */
export const CertificateFileParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 80 }),
});
export const CertificateFileQuery = Type.Object(
  {
    /** the print minute to reproduce (ISO time within the last 15 minutes); default now */
    at: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type CertificateFileQuery = Static<typeof CertificateFileQuery>;

export const DetachedSignature = Type.Object({
  type: Type.Literal('estate-detached-signature'),
  algorithm: Type.Literal('SM2-with-SM3'),
  userId: Str,
  keyId: Str,
  publicKey: Type.String({ description: '04‖x‖y, hex' }),
  digest: Type.String({ description: 'SM3 of the exact file bytes, hex' }),
  signature: Type.String({ description: 'r‖s, hex' }),
  file: Str,
  size: Type.Integer(),
  printedAt: Str,
});
export type DetachedSignature = Static<typeof DetachedSignature>;

/** POST /api/v1/documents/verify-file (anyone): a downloaded PDF and its .sig */
export const VerifyFileBody = Type.Object(
  {
    /** the file, base64 */
    file: Type.String({
      minLength: 1,
      maxLength: 4 * 1024 * 1024,
      pattern: '^[A-Za-z0-9+/=\\s]+$',
    }),
    signature: Type.Unknown(),
  },
  { additionalProperties: false },
);
export type VerifyFileBody = Static<typeof VerifyFileBody>;
export const VerifyFileResponse = Type.Object({
  valid: Type.Boolean(),
  digest: Str,
  message: Str,
  reason: Type.Optional(Str),
});
export type VerifyFileResponse = Static<typeof VerifyFileResponse>;

/** GET /api/v1/print-checks?c=&check= (anyone): the QR printed on the PDF */
export const PrintCheckQuery = Type.Object(
  {
    c: Type.String({ minLength: 1, maxLength: 80 }),
    check: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type PrintCheckQuery = Static<typeof PrintCheckQuery>;
export const PrintCheckResponse = Type.Object({
  outcome: Type.Literal('valid'),
  checkedAt: Str,
  title: Str,
  number: Str,
  status: Type.Object({
    certificate: CertificateStatusNow,
    restrictions: Type.Array(Str),
    summary: Str,
  }),
  message: Str,
});
export type PrintCheckResponse = Static<typeof PrintCheckResponse>;
