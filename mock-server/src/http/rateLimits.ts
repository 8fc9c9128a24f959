/**
 * Request limits at the edge (@fastify/rate-limit), on the store's counters so they hold across
 * nodes (rateLimitStore.ts). They cap the volume of requests an address (or a signed-in caller)
 * can send to the routes that guess or cost: face checks, staff logins,
 * invitation codes, records queries. The failure throttles in the use cases decide who is held
 * back after failing; these only keep floods off. Every refusal is the uniform 429 RATE_LIMITED
 * body with Retry-After.
 */
import rateLimit, {
  type FastifyRateLimitStoreCtor,
  type RateLimitPluginOptions,
} from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors';
import type { Clock, RateCounterStore } from '../ports';
import { sqlRateLimitStore } from './rateLimitStore';

const MINUTE = 60_000;

/** the signed-in caller when the route's preHandler resolved one, else the address */
const byCaller = (req: FastifyRequest) => {
  const caller = (req as { caller?: { personId?: string } }).caller;
  return caller?.personId ? `person:${caller.personId}` : `ip:${req.ip}`;
};

export const RATE_LIMITS = {
  /** face checks started or completed per address (a 浙里办 ticket is single-use and unguessable) */
  login: { max: 60, timeWindow: MINUTE, exponentialBackoff: true },
  /** staff console logins per address */
  staffLogin: { max: 30, timeWindow: MINUTE, exponentialBackoff: true },
  /** invitation codes tried per person */
  invitationAccept: {
    max: 30,
    timeWindow: 60 * MINUTE,
    hook: 'preHandler' as const,
    keyGenerator: byCaller,
  },
  /** records queries per person (令第80号: each is logged; an interested party asks about a few units) */
  recordsQuery: {
    max: 30,
    timeWindow: 60 * MINUTE,
    hook: 'preHandler' as const,
    keyGenerator: byCaller,
  },
};

export interface RateLimitDeps {
  counters: RateCounterStore;
  clock: Clock;
}

/**
 * The plugin and its options, for `app.register(...rateLimitPlugin(deps))` on the root instance
 * itself (registered inside a child plugin, its hooks would not see the routes).
 */
export function rateLimitPlugin(deps: RateLimitDeps) {
  return [
    rateLimit,
    {
      global: false,
      // the plugin hands `child` the whole route options; the store reads only what it needs
      store: sqlRateLimitStore(deps.counters, deps.clock) as unknown as FastifyRateLimitStoreCtor,
      errorResponseBuilder: (_req, ctx) => {
        const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
        return new AppError(
          'RATE_LIMITED',
          seconds >= 60
            ? `请求过于频繁，请约 ${Math.ceil(seconds / 60)} 分钟后再试`
            : `请求过于频繁，请 ${seconds} 秒后再试`,
          { retryAfterSeconds: seconds },
        );
      },
    } satisfies RateLimitPluginOptions,
  ] as const;
}
