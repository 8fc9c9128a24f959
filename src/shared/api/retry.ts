import { AxiosError, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { backoffDelay, sleep as realSleep } from '../lib/backoff';
import { readHeader } from './errors';

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * false: never retry this request. true: PUT/DELETE are idempotent here and may be retried.
     * GET/HEAD/OPTIONS are retried unless false; POST/PATCH only with an Idempotency-Key header.
     */
    retry?: boolean;
  }
}

export interface RetryOptions {
  /** total tries including the first */
  maxAttempts?: number;
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** no attempt is made (and none retried) while this says offline */
  isOnline?: () => boolean;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

interface RequestLike {
  method?: string;
  headers?: unknown;
  retry?: boolean;
}

/** Whether repeating the request cannot do harm. */
export function isRetryableRequest(config: RequestLike): boolean {
  if (config.retry === false) return false;
  const method = (config.method ?? 'get').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true;
  if (method === 'PUT' || method === 'DELETE') return config.retry === true;
  return readHeader(config.headers, 'idempotency-key') !== undefined;
}

interface ErrorLike {
  code?: string;
  response?: { status?: number; headers?: unknown };
}

/** Transient failures: no answer at all, a timeout, 5xx or 429. */
export function isRetryableError(error: unknown): boolean {
  const e = (error ?? {}) as ErrorLike;
  const status = e.response?.status;
  if (typeof status === 'number' && status > 0) {
    return status === 429 || (status >= 500 && status !== 501 && status !== 505);
  }
  return e.code === 'ERR_NETWORK' || e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT';
}

/** Delay before retry number `retry`, honouring Retry-After (seconds) up to maxMs. */
export function retryDelay(retry: number, error: unknown, options: RetryOptions = {}): number {
  const delay = backoffDelay(retry, options);
  const after = Number(readHeader((error as ErrorLike)?.response?.headers, 'retry-after'));
  if (Number.isFinite(after) && after > 0) {
    return Math.max(delay, Math.min(after * 1000, options.maxMs ?? 4000));
  }
  return delay;
}

/** Wraps an axios adapter: checks connectivity, retries safe requests on transient failures. */
export function withRetry(adapter: AxiosAdapter, options: RetryOptions = {}): AxiosAdapter {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const sleep = options.sleep ?? realSleep;
  const offline = () => options.isOnline !== undefined && !options.isOnline();
  return async (config: InternalAxiosRequestConfig) => {
    const safe = isRetryableRequest(config);
    for (let attempt = 1; ; attempt++) {
      if (offline()) throw new AxiosError('offline', 'ERR_OFFLINE', config);
      try {
        return await adapter(config);
      } catch (error) {
        if (!safe || attempt >= maxAttempts || !isRetryableError(error) || offline()) throw error;
        await sleep(retryDelay(attempt, error, options));
      }
    }
  };
}
