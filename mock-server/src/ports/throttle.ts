/**
 * Counters of the throttles (failed logins per address, per target, per account; requests per
 * address for @fastify/rate-limit), kept in the store so that every registry node counts the same
 * hits. A counter lives from its first hit for a window; `expireAt` gives a block its own length. Keys never carry personal data in clear: callers give them SM3'd.
 */
export interface RateCounter {
  /** hits in the live window (0 when none) */
  hits: number;
  /** when the counter (and any block on it) ends, ms since epoch; 0 when none */
  expiresAtMs: number;
}

export interface RateCounterStore {
  /**
   * Counts one hit, atomically across nodes. A counter that has expired starts again at 1 with a
   * window of `windowMs` from `nowMs`.
   */
  hit(key: string, windowMs: number, nowMs: number): Promise<RateCounter>;
  /** the live counter, without counting */
  read(key: string, nowMs: number): Promise<RateCounter>;
  /** makes the counter (and any block on it) end at `atMs`: a block of its own length */
  expireAt(key: string, atMs: number): Promise<void>;
  /** forgets the counter (a success clears a login's failures) */
  reset(key: string): Promise<void>;
  /** removes counters that ended before `nowMs`; returns how many */
  prune(nowMs: number): Promise<number>;
}
