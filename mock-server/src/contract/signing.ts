/**
 * Applying from a phone: invitations, each party's 询问笔录, materials and uploads,
 * the document bundle, e-signatures by the signature CA simulator, declining, the signing status
 * (pushed as events: statusStream.ts), and an idempotent submission. The server owns these schemas; the app
 * imports their types only.
 *
 * A party is addressed by `partyId`, which is the party's `personId` as `CaseDetail.parties`
 * shows it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CaseDetail, CaseStatus, PartyRole } from './cases';
import { RenderedDocument, RenderedKind } from './documents';

const Str = Type.String();
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);
const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SM3 digest, lower-case hex' });

/** Error codes of this part of the API (all answers use the uniform ErrorBody). */
export const SIGNING_ERROR_CODES = [
  /** 422: an answer blocks submission (docs/registry-facts.md §5); the message says why and what to do */
  'INQUIRY_BLOCKING',
  /** 422: an answer is missing, not one of the choices, or the question is not asked */
  'INQUIRY_INVALID',
  /** 409: the bundle changed since the signer read it; read GET /bundle again */
  'BUNDLE_CHANGED',
  /** 409: not every required party has signed the current bundle */
  'SIGNATURES_INCOMPLETE',
  /** 404: no such invitation code, or it is not for the caller (reveals nothing) */
  'INVITATION_NOT_FOUND',
  /** 410: the invitation expired; the initiator can invite again */
  'INVITATION_EXPIRED',
  /** 415: not a JPEG, PNG or PDF by its magic number, or Content-Type disagrees */
  'UPLOAD_TYPE_UNSUPPORTED',
  /** 413: more bytes than the upload limit */
  'UPLOAD_TOO_LARGE',
  /** 422: more pixels than the limit */
  'UPLOAD_TOO_MANY_PIXELS',
  /** 422: the file is cut off (no JPEG FFD9, PNG IEND or PDF %%EOF) or unreadable */
  'UPLOAD_TRUNCATED',
  /** 422: x-content-sm3 does not match the bytes received */
  'UPLOAD_DIGEST_MISMATCH',
  /** 422: the file carries more than a picture or pages (script, launch action, embedded file, form, markup, data after its end, a decompression bomb) */
  'UPLOAD_CONTENT_REFUSED',
  /** 422: this material cannot be uploaded / committed (catalogue) */
  'MATERIAL_SOURCE_NOT_ALLOWED',
  /** 422: the handwriting is not a PNG, is empty or is larger than 300 KB */
  'HANDWRITING_INVALID',
  /** 422: the same Idempotency-Key was used for a different request */
  'IDEMPOTENCY_KEY_REUSED',
] as const;
export type SigningErrorCode = (typeof SIGNING_ERROR_CODES)[number];

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** header of an upload: SM3 of the body, hex; optional, checked when present */
export const CONTENT_SM3_HEADER = 'x-content-sm3';
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

export const PartyParams = Type.Object({
  caseId: Type.String({ maxLength: 80 }),
  partyId: Type.String({ maxLength: 80 }),
});
export const MaterialParams = Type.Object({
  caseId: Type.String({ maxLength: 80 }),
  materialCode: Type.String({ maxLength: 50 }),
});

// ---------------------------------------------------------------- invitations

/** POST /api/v1/cases/:caseId/invitations (initiator only) */
export const CreateInvitationBody = Type.Object(
  { partyId: Type.String({ maxLength: 80 }) },
  { additionalProperties: false },
);
export type CreateInvitationBody = Static<typeof CreateInvitationBody>;

export const InvitationResponse = Type.Object({
  partyId: Str,
  /** 6 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ (no 0/O, 1/I/L) */
  code: Type.String({ pattern: '^[2-9A-HJKMNP-Z]{6}$' }),
  /** app path that opens the invitation, e.g. /pages/invite/index?code=K7M2QX */
  link: Str,
  expiresAt: Str,
});
export type InvitationResponse = Static<typeof InvitationResponse>;

/** POST /api/v1/invitations/accept — 404 INVITATION_NOT_FOUND unless the caller is that party */
export const AcceptInvitationBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 6 }) },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;
export const AcceptInvitationResponse = Type.Object({ caseId: Str });
export type AcceptInvitationResponse = Static<typeof AcceptInvitationResponse>;

/** GET /api/v1/me/to-sign — 待我签署: cases in signing where the caller has not signed */
export const ToSignResponse = Type.Object({ items: Type.Array(CaseDetail) });
export type ToSignResponse = Static<typeof ToSignResponse>;

// ---------------------------------------------------------------- 询问笔录

export const InquiryQuestionView = Type.Object({
  code: Str,
  text: Str,
  kind: Type.Union([Type.Literal('yesNo'), Type.Literal('choice'), Type.Literal('text')]),
  choices: Opt(Type.Array(Str)),
  required: Type.Boolean(),
  /** the answer that blocks submission, if any */
  blockingAnswer: Opt(Str),
});

/** GET and PUT /api/v1/cases/:caseId/parties/:partyId/inquiry (the party only) */
export const InquiryBody = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type InquiryBody = Static<typeof InquiryBody>;

export const InquiryResponse = Type.Object({
  partyId: Str,
  /** only the questions asked of this case (their conditions applied) */
  questions: Type.Array(InquiryQuestionView),
  answers: Type.Record(Str, Str),
  answeredAt: Opt(Str),
});
export type InquiryResponse = Static<typeof InquiryResponse>;

// ---------------------------------------------------------------- materials

export const MaterialSourceKind = Type.Union([
  Type.Literal('shared'),
  Type.Literal('upload'),
  Type.Literal('commitment'),
]);
export type MaterialSourceKind = Static<typeof MaterialSourceKind>;

export const UploadedFileView = Type.Object({
  fileId: Str,
  /** SM3 of the stored file: a picture is re-encoded by the registry, so not the bytes sent */
  sm3: Hex64,
  /** SM3 of the bytes as the app sent them (pictures), so the app recognises its own upload */
  receivedSm3: Opt(Hex64),
  bytes: Type.Integer(),
  contentType: Str,
  width: Opt(Type.Integer()),
  height: Opt(Type.Integer()),
  uploadedAt: Str,
});
export type UploadedFileView = Static<typeof UploadedFileView>;

export const MaterialItem = Type.Object({
  code: Str,
  name: Str,
  required: Type.Boolean(),
  /** how this item is supplied now: shared (show 已共享), upload (show the upload button), commitment */
  source: MaterialSourceKind,
  /** every way the catalogue allows, in order of preference */
  allowedSources: Type.Array(MaterialSourceKind),
  /** 数源单位 when shared */
  dataSource: Opt(Str),
  status: Type.Union([Type.Literal('provided'), Type.Literal('missing'), Type.Literal('unclear')]),
  files: Type.Array(UploadedFileView),
  committedAt: Opt(Str),
});
export type MaterialItem = Static<typeof MaterialItem>;

/** GET /api/v1/cases/:caseId/materials */
export const MaterialsResponse = Type.Object({ items: Type.Array(MaterialItem) });
export type MaterialsResponse = Static<typeof MaterialsResponse>;

/**
 * POST /api/v1/cases/:caseId/materials/:materialCode/files — raw body, Content-Type image/jpeg |
 * image/png | application/pdf, optional header x-content-sm3. Idempotent: the same bytes again
 * answer the same fileId (`duplicate: true`) and store nothing new.
 */
export const UploadResponse = Type.Object({
  fileId: Str,
  /** SM3 of the stored file (a picture re-encoded by the registry) */
  sm3: Hex64,
  /** SM3 of the bytes as received, when the stored file differs from them */
  receivedSm3: Opt(Hex64),
  bytes: Type.Integer(),
  contentType: Str,
  width: Opt(Type.Integer()),
  height: Opt(Type.Integer()),
  duplicate: Type.Boolean(),
});
export type UploadResponse = Static<typeof UploadResponse>;

/** POST /api/v1/cases/:caseId/materials/:materialCode/commitment (only where allowed) */
export const CommitmentBody = Type.Object(
  { accepted: Type.Literal(true) },
  { additionalProperties: false },
);
export type CommitmentBody = Static<typeof CommitmentBody>;

// ---------------------------------------------------------------- documents bundle

export const BundleDocument = Type.Object({
  /** stable within a case, e.g. applicationForm, inquiry:<partyId>, commitment:<code>, contract */
  id: Str,
  kind: Type.Union([
    Type.Literal('applicationForm'),
    Type.Literal('inquiry'),
    Type.Literal('commitment'),
    Type.Literal('contract'),
  ]),
  title: Str,
  partyId: Opt(Str),
  /**
   * the document's data, as signed; absent when the caller is not one of the document's parties
   * (another party's 询问笔录 or 告知承诺书, a holder's 婚姻状况承诺书): then `withheld` says why
   */
  body: Opt(Type.Unknown()),
  /** the renderer that shows it and that renderer's version (part of what is signed) */
  renderer: Type.Object({ kind: RenderedKind, version: Type.Integer({ minimum: 1 }) }),
  /** SM3 of canonicalJson({ body, renderer }): the data and the version of its rendering */
  digest: Hex64,
  /**
   * what the caller reads and signs: the rendering of body by renderer (names masked for them);
   * absent with the body
   */
  rendering: Opt(RenderedDocument),
  /** why only the digest is given: 该文件仅对其当事人可见，您可核对其摘要 */
  withheld: Opt(Str),
});
export type BundleDocument = Static<typeof BundleDocument>;

/** GET /api/v1/cases/:caseId/bundle */
export const BundleResponse = Type.Object({
  caseId: Str,
  /** bumped whenever signed content changes */
  contentVersion: Type.Integer(),
  documents: Type.Array(BundleDocument),
  /** the documents the caller's signature covers: the common ones and the caller's own 询问笔录 */
  coveredDocumentIds: Type.Array(Str),
  /** SM3 of canonicalJson([{id, digest}…]) over coveredDocumentIds, in document order */
  bundleDigest: Hex64,
  algorithm: Type.Literal('SM3'),
  canonicalization: Type.Literal('canonical-json'),
});
export type BundleResponse = Static<typeof BundleResponse>;

// ---------------------------------------------------------------- signatures

/** POST /api/v1/cases/:caseId/signatures (fresh face check: STEP_UP_REQUIRED otherwise) */
export const SignBody = Type.Object(
  {
    /** base64 PNG of the handwritten signature, ≤ 300 KB decoded */
    handwriting: Type.String({ minLength: 16, maxLength: 450_000 }),
    bundleDigest: Hex64,
  },
  { additionalProperties: false },
);
export type SignBody = Static<typeof SignBody>;

export const SignatureAuthorityView = Type.Object({
  name: Str,
  /** the root key's id: a signer certificate names its issuer by this id */
  certificateId: Str,
  keyId: Opt(Str),
  algorithm: Type.Literal('SM2-with-SM3'),
  userId: Str,
  publicKey: Type.String({ description: '04‖x‖y, hex' }),
});
export type SignatureAuthorityView = Static<typeof SignatureAuthorityView>;

/** The face-verification record an event certificate was issued on. */
export const FaceCheckReferenceView = Type.Object({ reference: Str, checkedAt: Str });

/**
 * A signer certificate (domain/signing/signerCertificate.ts): an event certificate (事件型证书) for
 * a person's one signing act, or an organisation's e-seal certificate; the CA's SM2 signature is
 * over the canonical JSON of `body`.
 */
export const SignerCertificateView = Type.Object({
  body: Type.Object({
    documentType: Type.Literal('signerCertificate'),
    certificateType: Type.Union([Type.Literal('event'), Type.Literal('organisationSeal')]),
    serialNumber: Str,
    issuer: Type.Object({ name: Str, keyId: Str }),
    subject: Type.Object({
      kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
      name: Str,
      /** SM3(serialNumber ‖ '|' ‖ ID number), hex */
      idDigest: Hex64,
    }),
    subjectPublicKey: Str,
    algorithm: Type.Literal('SM2-with-SM3'),
    userId: Str,
    notBefore: Str,
    notAfter: Str,
    faceCheck: Opt(FaceCheckReferenceView),
  }),
  issuerSignature: Type.Object({
    algorithm: Type.Literal('SM2-with-SM3'),
    keyId: Str,
    signature: Str,
  }),
});
export type SignerCertificateView = Static<typeof SignerCertificateView>;

export const SignatureRecord = Type.Object({
  signatureId: Str,
  caseId: Str,
  partyId: Str,
  signerName: Str,
  signedAt: Str,
  algorithm: Type.Literal('SM2-with-SM3'),
  bundleDigest: Hex64,
  handwritingDigest: Hex64,
  /** SM3(bundleDigest ‖ handwritingDigest), the bytes of both digests concatenated */
  signedDigest: Hex64,
  /** r‖s, hex */
  signature: Str,
  ca: SignatureAuthorityView,
  /**
   * the signer's certificate: its key made `signature` (absent on records made before). Given to
   * the signer themself and for an organisation's e-seal; another person's is withheld (it names
   * them with the digest of their ID number) and kept in the filed package for the registry's check
   */
  certificate: Opt(SignerCertificateView),
  faceCheck: Opt(FaceCheckReferenceView),
  /** false once content it covered changed (it stays on record) */
  current: Type.Boolean(),
  /**
   * Signed by an agent or guardian for the party `partyId` (the certificate names the signer,
   * `signerName`): e.g. 委托代理人 许*芳 代 委托人 叶美华
   */
  onBehalfOf: Opt(
    Type.Object({
      representationId: Str,
      capacity: Type.Union([Type.Literal('委托代理人'), Type.Literal('监护人')]),
      principalName: Str,
      statement: Str,
    }),
  ),
  /** why the certificate and face check are not given (the reader is not the signer) */
  withheld: Opt(Str),
});
export type SignatureRecord = Static<typeof SignatureRecord>;

/** POST /api/v1/signatures/verify (anyone): does this record verify against this bundle digest? */
export const VerifySignatureBody = Type.Object(
  {
    record: Type.Object({
      bundleDigest: Str,
      handwritingDigest: Str,
      signature: Str,
      signerName: Opt(Str),
      signedAt: Opt(Str),
      partyId: Opt(Str),
      ca: Opt(Type.Object({ publicKey: Opt(Str) })),
      /** the signer's certificate; checked up to the CA's published root key */
      certificate: Opt(Type.Unknown()),
    }),
    /** the digest of the bundle it should cover (e.g. the current one) */
    bundleDigest: Hex64,
  },
  { additionalProperties: false },
);
export type VerifySignatureBody = Static<typeof VerifySignatureBody>;
export const VerifySignatureResponse = Type.Object({
  valid: Type.Boolean(),
  message: Str,
});
export type VerifySignatureResponse = Static<typeof VerifySignatureResponse>;

/** GET /api/v1/signature-ca/certificate */
export const SignatureAuthorityResponse = SignatureAuthorityView;
export type SignatureAuthorityResponse = SignatureAuthorityView;

/** POST /api/v1/cases/:caseId/decline — returns the case to the initiator (draft) */
export const DeclineBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type DeclineBody = Static<typeof DeclineBody>;

export const PartySigningState = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('signed'),
  Type.Literal('declined'),
]);

/**
 * GET /api/v1/cases/:caseId/signing-status — cheap; answers an ETag, and 304 to
 * If-None-Match when nothing changed. The same status is pushed as the `status` event of the
 * signing status stream (statusStream.ts); the app reads it once on opening a page and polls it
 * only as the stream's fallback. Background traffic: it does not extend the session.
 */
export const SigningStatusResponse = Type.Object({
  caseId: Str,
  status: CaseStatus,
  /** the case version: also the ETag (W/"<version>") */
  version: Type.Integer(),
  contentVersion: Type.Integer(),
  bundleDigest: Hex64,
  parties: Type.Array(
    Type.Object({
      partyId: Str,
      name: Str,
      role: PartyRole,
      /** what the role is called in this business type, e.g. 抵押人 / 抵押权人 in a mortgage */
      roleLabel: Opt(Str),
      state: PartySigningState,
      signedAt: Opt(Str),
      declinedAt: Opt(Str),
      declineReason: Opt(Str),
      inquiryAnsweredAt: Opt(Str),
      invitationExpiresAt: Opt(Str),
      /** a bank or developer: signs by its own system's e-seal, is not invited */
      organisation: Opt(Type.Boolean()),
    }),
  ),
  allSigned: Type.Boolean(),
  /** the last change that voided signatures, if any */
  lastChange: Opt(Type.Object({ at: Str, changes: Type.Array(Str) })),
  availableActions: Type.Array(Str),
});
export type SigningStatusResponse = Static<typeof SigningStatusResponse>;

/** GET /api/v1/cases/:caseId/signatures */
export const SignaturesResponse = Type.Object({ items: Type.Array(SignatureRecord) });
export type SignaturesResponse = Static<typeof SignaturesResponse>;

/**
 * Actions applying from a phone adds to `CaseDetail.availableActions` (next to edit, startSigning,
 * sign, submit, withdraw…): `invite` (initiator, while drafting or signing), `answerInquiry` (a
 * party whose 询问笔录 is asked), `uploadMaterial` (draft or 补正), `decline` (a party who has not
 * signed, while signing). `sign` is offered only once the caller's 询问笔录 is answered, and it
 * names the e-signature step — GET /cases/:id/bundle then POST /cases/:id/signatures; there is
 * no plain sign route. `submit` needs every party's current e-signature (SIGNATURES_INCOMPLETE).
 */
export const SIGNING_ACTIONS = ['invite', 'answerInquiry', 'uploadMaterial', 'decline'] as const;
