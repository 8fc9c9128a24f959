/**
 * The API contract. The server owns these TypeBox schemas; the app imports their types only
 * (`import type { … } from '…/mock-server/src/contract'`), which ESLint enforces.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AUTH_ERROR_CODES } from './auth';
import { SIGNING_ERROR_CODES } from './signing';
import { CERTIFICATE_ERROR_CODES } from './certificates';
import { SALE_ERROR_CODES } from './sale';
import { FEE_ERROR_CODES } from './fees';
import { CASE_ERROR_CODES } from './cases';
import { SURVEY_ERROR_CODES } from './survey';
import { REPRESENTATION_ERROR_CODES } from './representations';

export * from './auth';

export const API_PREFIX = '/api/v1';

/** Uniform error body of every 4xx/5xx answer. `message` is Chinese and safe to show a user. */
export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'stable error code, e.g. VALIDATION_FAILED' }),
    message: Type.String({ description: '给用户看的中文说明' }),
    requestId: Type.String(),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Literal('ok'),
  version: Type.String(),
  schemaVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'applied migration' })),
});
export type HealthResponse = Static<typeof HealthResponse>;

/** One business type of the service catalogue, as the home page lists it. */
export const BusinessTypeSummary = Type.Object({
  code: Type.String({ description: 'stable code, e.g. transfer.secondHandSale' }),
  name: Type.String({ description: '中文名称, e.g. 二手房买卖转移登记' }),
  description: Type.String({ description: '一句话说明' }),
  kind: Type.String({
    description: 'registration kind: first/change/transfer/cancellation/…/query',
  }),
  promisedWorkingDays: Type.Integer({ minimum: 0, maximum: 30 }),
  jointApplication: Type.Boolean({ description: '是否需要双方共同申请（条例第十四条）' }),
  version: Type.Integer({ minimum: 1 }),
  /** how the guided application opens it; absent = not applied for online */
  application: Type.Optional(
    Type.Object({
      online: Type.Boolean(),
      records: Type.Optional(
        Type.String({
          description: 'transfer / mortgage / mortgageCancellation / holderIdentityChange',
        }),
      ),
      holdersAs: Type.Optional(Type.String({ description: '登记簿上的权利人在本业务中的角色' })),
      counterReason: Type.Optional(
        Type.String({ description: '不在网上办理、到窗口办理的原因（如异议登记）' }),
      ),
      byCertificateNumber: Type.Optional(
        Type.Object({
          kind: Type.String({
            description: 'titleCertificate 不动产权证书 / registrationProof 不动产登记证明',
          }),
          counterpartMayName: Type.Optional(Type.Boolean()),
        }),
      ),
    }),
  ),
  /** the 询问笔录 questions with their conditions (the counter asks them of the applicant) */
  questions: Type.Optional(
    Type.Array(
      Type.Object({
        code: Type.String(),
        text: Type.String(),
        kind: Type.Union([Type.Literal('yesNo'), Type.Literal('choice'), Type.Literal('text')]),
        choices: Type.Optional(Type.Array(Type.String())),
        whenNewCoOwnership: Type.Optional(Type.Array(Type.String())),
        whenUnitCoOwnership: Type.Optional(Type.Array(Type.String())),
        blockingAnswer: Type.Optional(Type.String()),
        blockingWhenUnitCoOwnership: Type.Optional(Type.Array(Type.String())),
        required: Type.Boolean(),
      }),
    ),
  ),
});
export type BusinessTypeSummary = Static<typeof BusinessTypeSummary>;

export const CatalogueResponse = Type.Object({
  items: Type.Array(BusinessTypeSummary),
  catalogueVersion: Type.Integer({ minimum: 1 }),
});
export type CatalogueResponse = Static<typeof CatalogueResponse>;

// ---------------------------------------------------------------- added by the server foundation

/** Header carrying the request id both ways; the server echoes or generates it. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** What an incoming request id must look like to be accepted (else the server makes one). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

/** Every stable `code` an ErrorBody may carry. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REGISTER_INVARIANT_VIOLATED',
  'RATE_LIMITED',
  'CLIENT_ERROR',
  'INTERNAL_ERROR',
  'DATABASE_UNAVAILABLE',
  'CATALOGUE_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  ...AUTH_ERROR_CODES,
  ...SIGNING_ERROR_CODES,
  ...CERTIFICATE_ERROR_CODES,
  ...SALE_ERROR_CODES,
  ...FEE_ERROR_CODES,
  ...CASE_ERROR_CODES,
  ...SURVEY_ERROR_CODES,
  ...REPRESENTATION_ERROR_CODES,
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Registration kinds (条例第三条) plus `query`; the values BusinessTypeSummary.kind takes. */
export const RegistrationKind = Type.Union([
  Type.Literal('first'),
  Type.Literal('change'),
  Type.Literal('transfer'),
  Type.Literal('cancellation'),
  Type.Literal('correction'),
  Type.Literal('objection'),
  Type.Literal('advanceNotice'),
  Type.Literal('seizure'),
  Type.Literal('query'),
  Type.Literal('certificateReissue'),
]);
export type RegistrationKind = Static<typeof RegistrationKind>;

/** GET /api/v1/catalogue?kind=transfer — only the business types of one kind. */
export const CatalogueQuery = Type.Object(
  { kind: Type.Optional(RegistrationKind) },
  { additionalProperties: false },
);
export type CatalogueQuery = Static<typeof CatalogueQuery>;

/** Requests without parameters still declare so: unknown query parameters are refused. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
export type NoQuery = Static<typeof NoQuery>;

export * from './cases';
export * from './signing';
export * from './statusStream';
export * from './certificates';
export * from './staff';
export * from './archive';
export * from './query';
export * from './consultation';
export * from './sale';
export * from './fees';
export * from './sharedData';
export * from './documentCopies';
export * from './keys';
export * from './survey';
export * from './documents';
export * from './representations';
export * from './messages';
