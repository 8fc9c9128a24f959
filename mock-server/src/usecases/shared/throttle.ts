/**
 * Failure throttles with backoff, counted in the store (ports/throttle.ts) so that they hold on
 * every node. A key (an address, an account at an address, a target at an address…) is blocked
 * once `max` failures fall within `windowMs`; the block lasts `blockMs` from the failure that
 * reached `max`, doubled for each block the same key earned in the last day (at most
 * `maxBlockMs`), then the count starts afresh. A patient guesser slows down ever more, while a
 * person who mistyped twice is never held at all. Keys are stored as SM3.
 */
import { sm3Text } from '../auth/throttle';
import type { Clock, RateCounterStore } from '../../ports';

export interface FailureLimit {
  /** failures within the window that block the key */
  max: number;
  windowMs: number;
  /** the first block; doubled per earlier block within a day */
  blockMs: number;
  maxBlockMs: number;
}

const STRIKES_WINDOW_MS = 24 * 60 * 60_000;

export interface ThrottleDeps {
  counters: RateCounterStore;
  clock: Clock;
}

export class FailureThrottle {
  constructor(private readonly deps: ThrottleDeps) {}

  private nowMs() {
    return this.deps.clock.now().getTime();
  }

  /** Seconds until the key may try again, or undefined when it is not blocked. */
  async blockedFor(key: string, max: number): Promise<number | undefined> {
    const now = this.nowMs();
    const c = await this.deps.counters.read(sm3Text(key), now);
    if (c.hits < max || c.expiresAtMs <= now) return undefined;
    return Math.max(1, Math.ceil((c.expiresAtMs - now) / 1000));
  }

  /** Counts a failure; the one that reaches `max` starts the block. Returns the hits counted. */
  async fail(key: string, limit: FailureLimit): Promise<number> {
    const now = this.nowMs();
    const k = sm3Text(key);
    const c = await this.deps.counters.hit(k, limit.windowMs, now);
    if (c.hits === limit.max) {
      const strikes = await this.deps.counters.hit(
        sm3Text(`strikes:${key}`),
        STRIKES_WINDOW_MS,
        now,
      );
      const block = Math.min(limit.maxBlockMs, limit.blockMs * 2 ** (strikes.hits - 1));
      await this.deps.counters.expireAt(k, now + block);
    }
    return c.hits;
  }

  /** Counts a hit that never blocks by itself (how many failures a target drew, from anywhere). */
  async count(key: string, windowMs: number): Promise<number> {
    return (await this.deps.counters.hit(sm3Text(key), windowMs, this.nowMs())).hits;
  }

  async hits(key: string): Promise<number> {
    return (await this.deps.counters.read(sm3Text(key), this.nowMs())).hits;
  }

  /** A success forgets the key's failures (not its strikes). */
  async clear(key: string): Promise<void> {
    await this.deps.counters.reset(sm3Text(key));
  }
}
