/**
 * 0027: rate counters shared by every registry node (the per-address and per-target throttles of
 * logins, face checks, invitation acceptance and records queries, and @fastify/rate-limit's
 * store), and the SM3 of an upload as it was received beside the SM3 of the re-encoded file that
 * is stored (so the app recognises its own upload when it resumes after a dropped answer).
 * Counter keys hold no personal data in clear: ID numbers, usernames and addresses are SM3'd.
 */
export const version = 27;
export const name = 'rate_counters';

export const sql = /* sql */ `
CREATE TABLE rate_counters (
  counter_key      TEXT PRIMARY KEY,
  hits             INTEGER NOT NULL CHECK (hits > 0),
  window_start_ms  INTEGER NOT NULL,
  expires_at_ms    INTEGER NOT NULL
) STRICT;
CREATE INDEX rate_counters_expiry ON rate_counters (expires_at_ms);
ALTER TABLE case_files ADD COLUMN received_sm3 TEXT;
`;
