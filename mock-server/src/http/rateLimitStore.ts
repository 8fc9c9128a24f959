/**
 * The store of @fastify/rate-limit on the registry's own counters (ports/throttle.ts, the
 * `rate_counters` table): request limits per address hold on every node behind the load
 * balancer, not per process. Keys are SM3'd (no address in clear) and scoped by route. With
 * `exponentialBackoff`, each request past the limit doubles the wait, as the plugin's own stores do.
 */
import { bytesToHex, sm3, utf8 } from '../domain/crypto';
import type { Clock, RateCounterStore } from '../ports';

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;

interface StoreOptions {
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string; url?: string };
}

export interface RateLimitStore {
  incr(key: string, cb: Callback, timeWindow: number, max: number): void;
  read(key: string, cb: Callback, timeWindow: number, max: number): void;
  child(routeOptions: StoreOptions): RateLimitStore;
}

const hashed = (text: string) => `http:${bytesToHex(sm3(utf8(text)))}`;

/** A store class for `fastify.register(rateLimit, { store })`, bound to the counters and clock. */
export function sqlRateLimitStore(counters: RateCounterStore, clock: Clock) {
  class SqlRateLimitStore implements RateLimitStore {
    constructor(
      private readonly options: StoreOptions,
      private readonly scope = 'global',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      const k = hashed(`${this.scope}:${key}`);
      const now = clock.now().getTime();
      void (async () => {
        const c = await counters.hit(k, timeWindow, now);
        let ttl = Math.max(0, c.expiresAtMs - now);
        if (this.options.exponentialBackoff && c.hits > max) {
          ttl = Math.min(timeWindow * 2 ** (c.hits - max - 1), Number.MAX_SAFE_INTEGER);
          await counters.expireAt(k, now + ttl);
        }
        return { current: c.hits, ttl };
      })().then(
        (r) => cb(null, r),
        (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
      );
    }

    read(key: string, cb: Callback): void {
      const now = clock.now().getTime();
      counters.read(hashed(`${this.scope}:${key}`), now).then(
        (c) => cb(null, { current: c.hits, ttl: Math.max(0, c.expiresAtMs - now) }),
        (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
      );
    }

    child(routeOptions: StoreOptions): RateLimitStore {
      const r = routeOptions.routeInfo ?? {};
      return new SqlRateLimitStore(routeOptions, `${r.method ?? ''}${r.url ?? ''}`);
    }
  }
  return SqlRateLimitStore;
}
