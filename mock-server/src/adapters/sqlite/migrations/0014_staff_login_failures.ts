/**
 * 0014: failed staff console logins per username, for the lock-out after repeated failures. Kept
 * in the store rather than in one node's memory, so a lock holds on every node behind the load
 * balancer and survives a restart.
 */
export const version = 14;
export const name = 'staff_login_failures';

export const sql = /* sql */ `
CREATE TABLE staff_login_failures (
  username        TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL CHECK (failures > 0),
  locked_until    TEXT,
  last_failed_at  TEXT NOT NULL
) STRICT;
`;
