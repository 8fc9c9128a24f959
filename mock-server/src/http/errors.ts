import type { FastifyError } from 'fastify';
import { DOMAIN_ERROR_CODES, isAppError } from '../domain/errors';
import type { ErrorCode } from '../contract';
import { statusOf } from './errorStatus';

// every code the domain can raise must be part of the public contract
const _domainCodesAreContractCodes: readonly ErrorCode[] = DOMAIN_ERROR_CODES;
void _domainCodesAreContractCodes;

export interface MappedError {
  status: number;
  code: ErrorCode;
  message: string;
  /** extra fields of the answer (AppError details), never overriding code, message, requestId */
  details?: Readonly<Record<string, unknown>>;
}

/** Refusals by the framework itself (routing, parsing, body limits): a code for their status. */
export const BY_STATUS: Record<number, Omit<MappedError, 'status'>> = {
  400: { code: 'BAD_REQUEST', message: '请求格式不正确' },
  401: { code: 'UNAUTHENTICATED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '没有权限进行此操作' },
  404: { code: 'NOT_FOUND', message: '请求的接口或页面不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方法' },
  406: { code: 'NOT_ACCEPTABLE', message: '无法提供所要求的内容格式' },
  409: { code: 'CONFLICT', message: '请求与当前状态冲突，请刷新后重试' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型，请使用 application/json' },
  429: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' },
  503: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
};

export const INTERNAL_ERROR: MappedError = {
  status: 500,
  code: 'INTERNAL_ERROR',
  message: '服务器内部错误，请稍后再试',
};

const CONTEXT = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
} as const;

function describeValidation(err: FastifyError): string {
  const first = err.validation?.[0];
  const where = CONTEXT[err.validationContext as keyof typeof CONTEXT] ?? '请求';
  if (!first) return `${where}不符合要求`;
  const params = first.params as Record<string, unknown>;
  const field =
    (first.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
    (typeof params.additionalProperty === 'string' ? params.additionalProperty : '') ||
    (typeof params.missingProperty === 'string' ? params.missingProperty : '');
  if (typeof params.additionalProperty === 'string') return `${where}含有不支持的字段：${field}`;
  if (typeof params.missingProperty === 'string') return `${where}缺少必填字段：${field}`;
  return field ? `${where}字段 ${field} 的值不符合要求` : `${where}不符合要求`;
}

/**
 * Maps anything thrown while handling a request to a status, a stable code and a Chinese message.
 * An AppError's status comes from its code (errorStatus.ts), never from where it was thrown.
 */
export function mapError(err: unknown): MappedError {
  if (isAppError(err)) {
    const { code, message, details } = err;
    return { status: statusOf(code), code, message, ...(details ? { details } : {}) };
  }
  const fe = err as Partial<FastifyError> | null;
  if (fe && Array.isArray(fe.validation)) {
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      message: describeValidation(fe as FastifyError),
    };
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { status, ...(BY_STATUS[status] ?? { code: 'CLIENT_ERROR', message: '请求无法处理' }) };
  }
  if (status === 503) return { status, ...BY_STATUS[503] };
  return INTERNAL_ERROR;
}
