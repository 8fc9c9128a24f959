/**
 * Errors the domain and use cases raise on purpose. Each carries a stable code (part of the API
 * contract), the HTTP status the edge should answer with, and a Chinese message that is safe to
 * show to a citizen. Never put personal data in `message`.
 */
import { IDENTITY_ERROR_CODES } from './identity/codes';
import { PRESENTATION_ERROR_CODES } from './presentation/codes';
import { SIGNING_DOMAIN_ERROR_CODES } from './signing/codes';
import { APPLICATION_ERROR_CODES } from './cases/codes';
import { SALE_DOMAIN_ERROR_CODES } from './sale/codes';

export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'DATABASE_UNAVAILABLE',
  'REGISTER_INVARIANT_VIOLATED',
  'CATALOGUE_UNAVAILABLE',
  // identity, sessions and step-up (see domain/identity/codes.ts)
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  ...IDENTITY_ERROR_CODES,
  // e-certificate presentation and verification (see domain/presentation/codes.ts)
  ...PRESENTATION_ERROR_CODES,
  // applying from a phone (see domain/signing/codes.ts)
  ...SIGNING_DOMAIN_ERROR_CODES,
  // unit by certificate number, spouse consent (see domain/cases/codes.ts)
  ...APPLICATION_ERROR_CODES,
  // online contract, tax, payment, utilities (see domain/sale/codes.ts)
  ...SALE_DOMAIN_ERROR_CODES,
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: DomainErrorCode;
  readonly httpStatus: number;
  /** when set, the edge answers with a `Retry-After` header (429 lock-outs and rate limits) */
  readonly retryAfterSeconds?: number;

  constructor(
    code: DomainErrorCode,
    httpStatus: number,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = httpStatus;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const validationFailed = (message: string) =>
  new AppError('VALIDATION_FAILED', 400, message);
export const notFound = (message: string) => new AppError('NOT_FOUND', 404, message);
export const databaseUnavailable = (cause?: unknown) =>
  new AppError('DATABASE_UNAVAILABLE', 503, '登记数据库暂时不可用，请稍后再试', { cause });
export const registerInvariantViolated = (message: string) =>
  new AppError('REGISTER_INVARIANT_VIOLATED', 422, message);
export const catalogueUnavailable = () =>
  new AppError('CATALOGUE_UNAVAILABLE', 503, '业务目录尚未发布，请稍后再试');
