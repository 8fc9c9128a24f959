import {
  AxiosHeaders,
  type AxiosError,
  type AxiosInstance,
  type InternalAxiosRequestConfig,
} from 'axios';
import { toApiError, type ApiError } from './errors';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** internal: this request is the session renewal itself */
    skipRenew?: boolean;
    /** internal: this request already waited for a step-up once */
    stepUpRetried?: boolean;
  }
}

/** What the client needs from the session layer; injected so it can be tested alone. */
export interface AuthHooks {
  getToken(): string | null;
  /** epoch ms at which the session idles out, or null when signed out */
  idleExpiresAt(): number | null;
  /** POST /auth/renew and store the new expiries */
  renew(client: AxiosInstance): Promise<void>;
  /** a request with our token got 401: forget the session and send the user to log in */
  onUnauthenticated(error: ApiError): void;
  /** run a fresh face check; true when it succeeded */
  stepUp(): Promise<boolean>;
  now?: () => number;
  /** renew when less than this is left of the idle window (ms) */
  renewWithinMs?: number;
}

/** Renew once this little of the 30-minute idle window is left. */
export const RENEW_WITHIN_MS = 10 * 60 * 1000;

export function shouldRenew(
  idleExpiresAt: number | null,
  now: number,
  withinMs = RENEW_WITHIN_MS,
): boolean {
  return idleExpiresAt !== null && idleExpiresAt > now && idleExpiresAt - now < withinMs;
}

/**
 * Adds the session to `instance`: `Authorization: Bearer` on every request, renewal before the
 * idle expiry, 401 → signed out, and 403 STEP_UP_REQUIRED → face check, then the same request
 * again (once). Every failure still leaves as an ApiError.
 */
export function installAuth(
  instance: AxiosInstance,
  hooks: AuthHooks,
  isOnline: () => boolean = () => true,
): void {
  const now = hooks.now ?? Date.now;
  let renewing: Promise<void> | null = null;

  instance.interceptors.request.use(async (config: InternalAxiosRequestConfig) => {
    if (!config.skipRenew && shouldRenew(hooks.idleExpiresAt(), now(), hooks.renewWithinMs)) {
      renewing ??= hooks
        .renew(instance)
        .catch(() => undefined)
        .finally(() => {
          renewing = null;
        });
      await renewing;
    }
    const token = hooks.getToken();
    if (token && !config.headers.has('Authorization')) {
      config.headers.set('Authorization', `Bearer ${token}`);
    }
    return config;
  });

  instance.interceptors.response.use(undefined, async (error: unknown) => {
    const apiError = toApiError(error, { online: isOnline() });
    const config = (error as AxiosError | undefined)?.config;
    if (apiError.code === 'STEP_UP_REQUIRED' && config && !config.stepUpRetried) {
      if (await hooks.stepUp()) {
        // a fresh request id and the current token; the body and everything else unchanged
        const headers = new AxiosHeaders(config.headers);
        headers.delete('x-request-id');
        headers.delete('Authorization');
        return instance.request({ ...config, headers, stepUpRetried: true });
      }
      throw apiError;
    }
    if (apiError.status === 401 && config?.headers?.has('Authorization')) {
      hooks.onUnauthenticated(apiError);
    }
    throw apiError;
  });
}
