/**
 * Errors the domain and use cases raise on purpose. Each carries a stable code (part of the API
 * contract), the HTTP status the edge should answer with, and a Chinese message that is safe to
 * show to a citizen. Never put personal data in `message`.
 */
export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'DATABASE_UNAVAILABLE',
  'REGISTER_INVARIANT_VIOLATED',
  'CATALOGUE_UNAVAILABLE',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: DomainErrorCode;
  readonly httpStatus: number;

  constructor(
    code: DomainErrorCode,
    httpStatus: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = httpStatus;
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
