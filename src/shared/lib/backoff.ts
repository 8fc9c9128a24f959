/**
 * Exponential backoff with "equal jitter": half of the exponential step is fixed, the other half
 * random, so retries from many phones spread out but never fire immediately.
 */
export interface BackoffOptions {
  /** delay of the first retry before jitter, ms */
  baseMs?: number;
  /** ceiling of any delay, ms */
  maxMs?: number;
  /** returns a number in [0, 1); injectable for tests */
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 300, maxMs: 4000 } as const;

/** Delay before retry number `retry` (1 = first retry). */
export function backoffDelay(retry: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const random = options.random ?? Math.random;
  const step = Math.min(maxMs, baseMs * Math.pow(2, Math.max(0, retry - 1)));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * r);
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
