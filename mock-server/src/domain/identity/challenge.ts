/** Liveness challenges: two different actions in a random order, a nonce, a 120 s window. */
import { CHALLENGE_WINDOW_MS } from './policy';

export const LIVENESS_ACTIONS = ['眨眼', '张嘴', '左转头', '右转头'] as const;
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

export interface Challenge {
  actions: [LivenessAction, LivenessAction];
  nonce: string;
  issuedAt: string;
  expiresAt: string;
}

/**
 * Picks two distinct actions with `randomInt(n)` (uniform in [0, n)), so tests control it.
 * `nonce` comes from the caller's secure random source.
 */
export function makeChallenge(
  randomInt: (n: number) => number,
  nonce: string,
  now: Date,
): Challenge {
  const pool = [...LIVENESS_ACTIONS];
  const first = pool.splice(checkedIndex(randomInt(pool.length), pool.length), 1)[0];
  const second = pool[checkedIndex(randomInt(pool.length), pool.length)];
  return {
    actions: [first, second],
    nonce,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CHALLENGE_WINDOW_MS).toISOString(),
  };
}

function checkedIndex(i: number, n: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`randomInt gave ${i} for ${n}`);
  return i;
}
