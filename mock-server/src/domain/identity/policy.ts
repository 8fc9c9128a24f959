/**
 * Identity and session policy. Durations in milliseconds. The numbers come from the
 * issue; none of them is a legal requirement, so they live here in one place.
 */
export const CHALLENGE_WINDOW_MS = 120_000;
export const ASSERTION_TTL_MS = 5 * 60_000;
export const STEP_UP_TTL_MS = 5 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** failures for one ID number within FAILURE_WINDOW_MS before LOCKED_OUT */
export const MAX_FAILURES_PER_ID = 5;
/** failed logins from one client address within FAILURE_WINDOW_MS before RATE_LIMITED */
export const MAX_FAILURES_PER_CLIENT = 20;
export const FAILURE_WINDOW_MS = 60 * 60_000;
/** a 浙里办 ticket and a zmAuthentication passId are single-use and short-lived */
export const ZLB_TICKET_TTL_MS = 5 * 60_000;
export const ZLB_PASS_TTL_MS = 5 * 60_000;
/** session tokens: 32 random bytes (256 bits), base64url */
export const SESSION_TOKEN_BYTES = 32;

/**
 * Failed attempts still inside the window at `now`, and when the oldest of them leaves it.
 * Pure: give it the failure instants (ms since epoch).
 */
export function throttleState(
  failuresMs: readonly number[],
  nowMs: number,
  max: number,
  windowMs: number = FAILURE_WINDOW_MS,
): { blocked: boolean; retryAfterSeconds: number; recent: number } {
  const recent = failuresMs.filter((t) => t > nowMs - windowMs && t <= nowMs).sort((a, b) => a - b);
  if (recent.length < max) return { blocked: false, retryAfterSeconds: 0, recent: recent.length };
  // unblocked once enough of the oldest failures have left the window
  const releaseAt = recent[recent.length - max] + windowMs;
  return {
    blocked: true,
    retryAfterSeconds: Math.max(1, Math.ceil((releaseAt - nowMs) / 1000)),
    recent: recent.length,
  };
}
