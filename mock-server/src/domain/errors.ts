/**
 * Errors the domain and use cases raise on purpose. Each carries a stable code (part of the API
 * contract) and a Chinese message that is safe to show to a citizen. Which HTTP status a code
 * answers with is decided once, at the edge (http/errorStatus.ts), never where the error is
 * thrown. Never put personal data in `message`.
 */
import { IDENTITY_ERROR_CODES } from './identity/codes';
import { PRESENTATION_ERROR_CODES } from './presentation/codes';
import { SIGNING_DOMAIN_ERROR_CODES } from './signing/codes';
import { APPLICATION_ERROR_CODES } from './cases/codes';
import { SALE_DOMAIN_ERROR_CODES } from './sale/codes';
import { SURVEY_DOMAIN_ERROR_CODES } from './survey/codes';
import { FEE_DOMAIN_ERROR_CODES } from './fees/codes';
import { REPRESENTATION_DOMAIN_ERROR_CODES } from './representation/codes';

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
  // 权籍调查入库 (see domain/survey/codes.ts)
  ...SURVEY_DOMAIN_ERROR_CODES,
  // the registration fee (see domain/fees/codes.ts)
  ...FEE_DOMAIN_ERROR_CODES,
  // acting for a party: 委托代理人 and 监护人 (see domain/representation/codes.ts)
  ...REPRESENTATION_DOMAIN_ERROR_CODES,
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface AppErrorOptions {
  cause?: unknown;
  /** when set, the edge answers with a `Retry-After` header (lock-outs, rate limits, a gateway down) */
  retryAfterSeconds?: number;
  /**
   * Fields the answer carries beside code and message, where the contract gives that refusal a
   * richer body (a refused records query: its queryId and every reason). No personal data.
   */
  details?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
  readonly code: DomainErrorCode;
  readonly retryAfterSeconds?: number;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: DomainErrorCode, message: string, options?: AppErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.details = options?.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const validationFailed = (message: string) => new AppError('VALIDATION_FAILED', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const databaseUnavailable = (cause?: unknown) =>
  new AppError('DATABASE_UNAVAILABLE', '登记数据库暂时不可用，请稍后再试', { cause });
export const registerInvariantViolated = (message: string) =>
  new AppError('REGISTER_INVARIANT_VIOLATED', message);
export const catalogueUnavailable = () =>
  new AppError('CATALOGUE_UNAVAILABLE', '业务目录尚未发布，请稍后再试');
