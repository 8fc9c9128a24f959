/**
 * Identity and session policy. Durations in milliseconds. The numbers come from the
 * issue; none of them is a legal requirement, so they live here in one place.
 */
export const CHALLENGE_WINDOW_MS = 120_000;
export const ASSERTION_TTL_MS = 5 * 60_000;
export const STEP_UP_TTL_MS = 5 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/**
 * Failed tries of one ID number from one client address within FAILURE_WINDOW_MS before that
 * address is held back for that ID number (LOCKED_OUT); the person at another address is not.
 */
export const MAX_FAILURES_PER_ID = 5;
/** failed logins from one client address within FAILURE_WINDOW_MS before RATE_LIMITED */
export const MAX_FAILURES_PER_CLIENT = 20;
/**
 * Failures on one ID number from all addresses within FAILURE_WINDOW_MS that mark it as under
 * attack: then one failure holds an address back for that ID number.
 */
export const TARGET_ATTACK_FAILURES = 5;
/** failed face checks of one session's step-up before it is held back */
export const MAX_FAILURES_PER_STEP_UP_SESSION = 5;
export const FAILURE_WINDOW_MS = 60 * 60_000;
/** a first block lasts 15 minutes; each further block within a day doubles it, up to a day */
export const FAILURE_BLOCK_MS = 15 * 60_000;
export const FAILURE_MAX_BLOCK_MS = 24 * 60 * 60_000;
/** face checks started and not yet completed, kept per person (older ones are dropped) */
export const MAX_OPEN_CHALLENGES_PER_PERSON = 3;
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
