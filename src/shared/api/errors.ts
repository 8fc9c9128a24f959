/**
 * Every failure the API client reports is an ApiError with a stable code and a Chinese message
 * that is safe to show to a citizen. Server error bodies ({ code, message, requestId }) keep their
 * code and request id; their message is shown in the public's words (src/shared/lib/publicWords.ts);
 * transport failures get the messages below.
 */
import { citizenText } from '../lib/publicWords';

export interface ApiErrorInit {
  code: string;
  message: string;
  requestId?: string;
  status?: number;
}

export class ApiError extends Error {
  readonly code: string;
  readonly requestId?: string;
  readonly status?: number;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.requestId = init.requestId;
    this.status = init.status;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export const ERROR_MESSAGES = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  TIMEOUT: '请求超时，请稍后重试',
  OFFLINE: '网络未连接，请检查网络设置后重试',
  CANCELED: '请求已取消',
  UNAUTHORIZED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '请求的内容不存在',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  SERVER_ERROR: '服务暂时不可用，请稍后再试',
  UNKNOWN: '服务暂时不可用，请稍后再试',
} as const;

export type ClientErrorCode = keyof typeof ERROR_MESSAGES;

/** axios codes this module understands (duck-typed so this file needs no axios value import) */
interface AxiosLikeError {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  config?: { headers?: unknown };
  response?: { status?: number; data?: unknown; headers?: unknown };
}

/** Case-insensitive header lookup on AxiosHeaders or a plain object. */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  let value: unknown;
  if (typeof h.get === 'function') value = h.get(name);
  if (value === undefined || value === null) {
    const lower = name.toLowerCase();
    const key = Object.keys(h).find((k) => k.toLowerCase() === lower);
    value = key ? h[key] : undefined;
  }
  if (Array.isArray(value)) value = value[0];
  return value === undefined || value === null || value === false ? undefined : String(value);
}

function clientError(code: ClientErrorCode, requestId?: string, status?: number): ApiError {
  return new ApiError({ code, message: ERROR_MESSAGES[code], requestId, status });
}

function statusCode(status: number): ClientErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'SERVER_ERROR';
  return 'UNKNOWN';
}

function serverBody(data: unknown): { code: string; message: string; requestId?: string } | null {
  let body = data;
  // a binary download (responseType arraybuffer) still gets its error as JSON bytes
  if (body instanceof ArrayBuffer && typeof TextDecoder !== 'undefined')
    body = new TextDecoder().decode(body);
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (!body || typeof body !== 'object') return null;
  const { code, message, requestId } = body as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string' || message.trim() === '') return null;
  return { code, message, requestId: typeof requestId === 'string' ? requestId : undefined };
}

export interface NormaliseContext {
  /** the platform's view of connectivity when the error happened */
  online?: boolean;
}

/** Turns anything thrown by axios (or our adapters) into an ApiError. */
export function toApiError(error: unknown, ctx: NormaliseContext = {}): ApiError {
  if (isApiError(error)) return error;
  const e = (error ?? {}) as AxiosLikeError;
  const sentId = readHeader(e.config?.headers, 'x-request-id');
  const res = e.response;
  if (res && typeof res.status === 'number' && res.status > 0) {
    const requestId = readHeader(res.headers, 'x-request-id') ?? sentId;
    const body = serverBody(res.data);
    if (body) {
      return new ApiError({
        code: body.code,
        // what a citizen reads: no error code, key id or internal identifier, register terms in
        // plain words (the code itself stays on the error for the app's decisions and 详情)
        message: citizenText(body.message) || ERROR_MESSAGES[statusCode(res.status)],
        requestId: body.requestId ?? requestId,
        status: res.status,
      });
    }
    return clientError(statusCode(res.status), requestId, res.status);
  }
  switch (e.code) {
    case 'ERR_CANCELED':
      return clientError('CANCELED', sentId);
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return clientError('TIMEOUT', sentId);
    case 'ERR_OFFLINE':
      return clientError('OFFLINE', sentId);
    case 'ERR_NETWORK':
      return clientError(ctx.online === false ? 'OFFLINE' : 'NETWORK_ERROR', sentId);
    default:
      if (ctx.online === false) return clientError('OFFLINE', sentId);
      return clientError('UNKNOWN', sentId);
  }
}
