/** 0014 on PostgreSQL: failed staff console logins per username (see the SQLite 0014). */
export const version = 14;
export const name = 'staff_login_failures';

export const sql = /* sql */ `
CREATE TABLE staff_login_failures (
  username        TEXT PRIMARY KEY,
  failures        BIGINT NOT NULL CHECK (failures > 0),
  locked_until    TEXT,
  last_failed_at  TEXT NOT NULL
);
`;
