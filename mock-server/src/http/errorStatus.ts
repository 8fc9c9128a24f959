/**
 * The one place that decides which HTTP status each stable error code answers with. The domain
 * and the use cases throw `AppError(code, message)` and never name a status; the error handler
 * (http/errors.ts) looks the code up here. Keyed by every code of the contract, so TypeScript
 * refuses a code without a status.
 */
import type { ErrorCode } from '../contract';

export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  // ------------------------------------------------------------ general
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** the request would break the register (a projection refused the event) */
  REGISTER_INVARIANT_VIOLATED: 422,
  /** login attempts, certificate-number look-ups, verify codes, file checks: with Retry-After */
  RATE_LIMITED: 429,
  /** a framework refusal with a 4xx status no other code names */
  CLIENT_ERROR: 400,
  INTERNAL_ERROR: 500,
  DATABASE_UNAVAILABLE: 503,
  CATALOGUE_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,

  // ------------------------------------------------------------ identity, sessions, step-up
  ID_NUMBER_INVALID: 400,
  /** the identity platform did not answer (or answered something the registry cannot use) */
  IDENTITY_PLATFORM_UNAVAILABLE: 503,
  PERSON_UNKNOWN: 404,
  NAME_ID_MISMATCH: 422,
  FACE_MISMATCH: 422,
  CHALLENGE_EXPIRED: 410,
  CHALLENGE_NOT_FOUND: 404,
  FRAMES_TOO_FEW: 422,
  FRAME_INVALID: 422,
  FRAMES_REPLAYED: 422,
  FRAME_OUT_OF_WINDOW: 422,
  ASSERTION_INVALID: 401,
  ASSERTION_REPLAYED: 409,
  /** too many failed verifications for one ID number: with Retry-After */
  LOCKED_OUT: 429,
  ZLB_TICKET_INVALID: 401,
  STEP_UP_REQUIRED: 403,

  // ------------------------------------------------------------ invitations, 询问笔录, uploads, signatures
  INQUIRY_BLOCKING: 422,
  INQUIRY_INVALID: 422,
  BUNDLE_CHANGED: 409,
  SIGNATURES_INCOMPLETE: 409,
  INVITATION_NOT_FOUND: 404,
  INVITATION_EXPIRED: 410,
  UPLOAD_TYPE_UNSUPPORTED: 415,
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_TOO_MANY_PIXELS: 422,
  UPLOAD_TRUNCATED: 422,
  UPLOAD_DIGEST_MISMATCH: 422,
  UPLOAD_CONTENT_REFUSED: 422,
  MATERIAL_SOURCE_NOT_ALLOWED: 422,
  HANDWRITING_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 422,

  // ------------------------------------------------------------ e-certificate presentation and print
  TOKEN_MALFORMED: 400,
  TOKEN_SEAL_INVALID: 422,
  TOKEN_LIFETIME_INVALID: 422,
  TOKEN_NOT_YET_VALID: 422,
  TOKEN_EXPIRED: 410,
  TOKEN_USED_UP: 410,
  PRESENTATION_ENDED: 410,
  PRESENTATION_UNKNOWN: 422,
  VERIFY_CODE_NOT_FOUND: 404,
  NOT_PRESENTABLE: 409,
  NOT_PRINTABLE: 409,
  PRINT_TIME_INVALID: 400,
  PRINT_CHECK_INVALID: 404,

  // ------------------------------------------------------------ online contract, tax, payment, utilities
  CONTRACT_TERMS_INVALID: 422,
  /** a 权籍调查 result failed its checks before entry (every reason in `reasons`) */
  SURVEY_RESULT_REFUSED: 422,
  CONTRACT_LOCKED: 409,
  TAX_NOT_ASSESSABLE: 409,
  /** the payment gateway did not answer; nothing was charged (with Retry-After) */
  PAYMENT_UNAVAILABLE: 503,
  /** paid, the 完税证明 is not shared yet (with Retry-After when the gateway says so) */
  RECEIPT_UNAVAILABLE: 503,
  /** the case was paid for a different amount */
  PAYMENT_CONFLICT: 409,
  TAX_FACTS_UNAVAILABLE: 503,
  /** a buyer paying the seller's lines (or anyone paying lines not their own) */
  TAX_NOT_YOURS: 403,
  /** 待人工核定: nothing can be paid until the tax office assesses the case */
  TAX_MANUAL_ASSESSMENT: 409,
  TAX_AMOUNT_CHANGED: 409,
  UTILITIES_INVALID: 422,

  // ------------------------------------------------------------ registration fee
  FEE_NOT_YOURS: 403,
  FEE_CHANGED: 409,
  NO_FEE_DUE: 409,

  // ------------------------------------------------------------ unit by certificate number, spouse consent
  CERTIFICATE_NUMBER_INVALID: 422,
  CERTIFICATE_NOT_FOUND: 404,
  UNIT_NOT_AVAILABLE: 404,
  CERTIFICATE_NOT_CURRENT: 409,
  CERTIFICATE_NOT_ALLOWED: 403,
  BUSINESS_NOT_ONLINE: 422,
  BUSINESS_NOT_AT_COUNTER: 422,
  SPOUSE_CONSENT_REQUIRED: 422,
  /** 民政 has not answered whether a holder is married: submit again once it does */
  MARRIAGE_STATUS_PENDING: 409,
  MARITAL_COMMITMENT_NOT_YOURS: 403,
  MARITAL_COMMITMENT_NOT_NEEDED: 409,
  SPOUSE_NOT_FOUND: 422,

  // ------------------------------------------------------------ 委托代理人 and 监护人
  REPRESENTATION_NOT_ALLOWED: 422,
  REPRESENTATION_EXISTS: 409,
  /** acting for a party without a standing authority */
  NO_STANDING: 403,
  GUARDIANSHIP_NOT_SHOWN: 422,
};

/** The status an error with this code answers with. */
export const statusOf = (code: ErrorCode): number => ERROR_STATUS[code];
