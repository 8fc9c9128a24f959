/**
 * 0013: attempts at the public checks, per client address, so that the limits on wrong 6-digit
 * codes and on file checks hold across every registry node (they were counted in one process's
 * memory). Each row is one attempt inside the current window; rows older than the window are
 * deleted as new attempts come in.
 */
export const version = 13;
export const name = 'verify_attempts';

export const sql = /* sql */ `
CREATE TABLE verify_attempts (
  attempt_id  INTEGER PRIMARY KEY,
  bucket      TEXT NOT NULL CHECK (bucket IN ('code', 'file')),
  client      TEXT NOT NULL,
  at_ms       INTEGER NOT NULL
) STRICT;
CREATE INDEX verify_attempts_client ON verify_attempts(bucket, client, at_ms);
CREATE INDEX verify_attempts_age ON verify_attempts(bucket, at_ms);
`;
