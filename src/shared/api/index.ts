export { ApiError, isApiError, toApiError, ERROR_MESSAGES, readHeader } from './errors';
export type { ApiErrorInit, ClientErrorCode } from './errors';
export { createApiClient, getApiClient, setApiClient } from './client';
export type { ApiClientOptions } from './client';
export { withRetry, isRetryableRequest, isRetryableError, retryDelay } from './retry';
export type { RetryOptions } from './retry';
export { createTaroRequestAdapter } from './taroAdapter';
export type { TaroRequestFn, TaroRequestOptions } from './taroAdapter';
