import Taro from '@tarojs/taro';
import axios, { getAdapter, type AxiosAdapter, type AxiosInstance } from 'axios';
import { getPlatform } from '../platform';
import { createRequestId as defaultRequestId } from '../lib/requestId';
import { toApiError } from './errors';
import { installAuth, type AuthHooks } from './auth';
import { withRetry, type RetryOptions } from './retry';
import { createTaroRequestAdapter } from './taroAdapter';
import { sessionAuthHooks } from './sessionHooks';

export interface ApiClientOptions {
  baseURL: string;
  /** the transport; by default XHR on H5 and Taro.request on mini-programs */
  adapter?: AxiosAdapter;
  timeoutMs?: number;
  retry?: RetryOptions;
  isOnline?: () => boolean;
  createRequestId?: () => string;
  /** the signed-in session: Bearer token, renewal, 401 and step-up handling */
  auth?: AuthHooks;
}

function platformAdapter(): AxiosAdapter {
  if (process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay') {
    return createTaroRequestAdapter(
      (options) => Taro.request(options as unknown as Parameters<typeof Taro.request>[0]),
      process.env.TARO_ENV,
    );
  }
  // XHR only: the H5 build leaves axios' fetch adapter out (docs/adr/0004, config/index.ts)
  return getAdapter('xhr');
}

/**
 * The app's one axios instance: request ids, connectivity check, safe retries, and errors
 * normalised to ApiError (see errors.ts).
 */
export function createApiClient(options: ApiClientOptions): AxiosInstance {
  const isOnline = options.isOnline ?? (() => getPlatform().isOnline());
  const newId = options.createRequestId ?? (() => defaultRequestId());
  const instance = axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs ?? 15000,
    headers: { Accept: 'application/json' },
    adapter: withRetry(options.adapter ?? platformAdapter(), { ...options.retry, isOnline }),
  });
  instance.interceptors.request.use((config) => {
    if (!config.headers.has('x-request-id')) config.headers.set('x-request-id', newId());
    return config;
  });
  if (options.auth) {
    installAuth(instance, options.auth, isOnline);
  } else {
    instance.interceptors.response.use(undefined, (error: unknown) =>
      Promise.reject(toApiError(error, { online: isOnline() })),
    );
  }
  return instance;
}

let client: AxiosInstance | undefined;

export function getApiClient(): AxiosInstance {
  return (client ??= createApiClient({ baseURL: API_BASE_URL, auth: sessionAuthHooks }));
}

/** Tests replace the client; pass nothing to go back to the default. */
export function setApiClient(next: AxiosInstance | undefined): void {
  client = next;
}
