/**
 * Session guards for Fastify routes. Register the identity plugin first
 * (`buildServer` does when it gets `auth` deps); then, in any route:
 *
 * ```ts
 * import { callerOf, requireSession, requireStepUp } from '../auth';
 * api.get('/cases/:id', { preHandler: requireSession, schema }, async (req) => {
 *   const caller = callerOf(req); // { personId, name, idNumber, sessionId, stepUpAt? }
 *   // …answer 404 NOT_FOUND for objects the caller may not see
 * });
 * api.post('/cases/:id/signatures', { preHandler: requireStepUp, schema }, handler);
 * ```
 */
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../domain/identity';
import type { AuthService, Caller } from '../usecases/auth/service';

export type { Caller } from '../usecases/auth/service';

declare module 'fastify' {
  interface FastifyInstance {
    /** the login/session service; decorated by buildServer when it gets `identity` deps */
    auth: AuthService;
  }
  interface FastifyRequest {
    /** set by `requireSession` / `requireStepUp` */
    caller?: Caller;
  }
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i.exec(h);
  return m?.[1];
}

/**
 * preHandler: the request needs a live session (`Authorization: Bearer <token>`); sets
 * `request.caller`. Missing/unknown/expired/ended token → 401 UNAUTHENTICATED. The request is
 * the person's own action: it extends the 30-minute idle expiry (never past the 12-hour
 * absolute one).
 */
export async function requireSession(req: FastifyRequest): Promise<void> {
  req.caller = await req.server.auth.authenticate(bearerToken(req), 'activity');
}

/**
 * preHandler: like `requireSession`, for what a page asks by itself while it stays open (the
 * signing status stream and its fallback poll): the session must be live, but the request does
 * not count as the person's activity and leaves the idle expiry where it is. Which routes are
 * background is decided here, route by route, never by the client.
 */
export async function requireSessionInBackground(req: FastifyRequest): Promise<void> {
  req.caller = await req.server.auth.authenticate(bearerToken(req), 'background');
}

/**
 * preHandler: like `requireSession`, and the session must have passed a face check less than
 * 5 minutes ago (signing, submitting, presenting a certificate, querying records); otherwise
 * 403 STEP_UP_REQUIRED — the app runs /auth/step-up/* and retries the action.
 */
export async function requireStepUp(req: FastifyRequest): Promise<void> {
  if (!req.caller) await requireSession(req);
  req.server.auth.assertStepUp(callerOf(req));
}

/** The caller set by the guards; throws UNAUTHENTICATED when a route forgot its guard. */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw unauthenticated('请先登录');
  return req.caller;
}
