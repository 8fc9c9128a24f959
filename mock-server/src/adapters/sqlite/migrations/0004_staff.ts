/**
 * 0004: registry staff — accounts (scrypt password hashes), console sessions (separate
 * from citizens' sessions), the append-only audit of every staff action, and the electronic
 * twins given to pre-reform paper certificates by `npm run twins`.
 */
export const version = 4;
export const name = 'staff';

export const sql = /* sql */ `
CREATE TABLE staff_accounts (
  staff_id       TEXT PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  post           TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at     TEXT NOT NULL
) STRICT;

-- only the SHA-256 of a session token is stored; the CSRF token is bound to the session
CREATE TABLE staff_sessions (
  token_hash     TEXT PRIMARY KEY,
  staff_id       TEXT NOT NULL REFERENCES staff_accounts(staff_id),
  csrf_token     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  ended_at       TEXT,
  client_ip      TEXT NOT NULL
) STRICT;
CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);

-- who did what to which case, when, from where; never changed
CREATE TABLE staff_audit (
  audit_id      INTEGER PRIMARY KEY AUTOINCREMENT,
  staff_id      TEXT REFERENCES staff_accounts(staff_id),
  staff_name    TEXT NOT NULL,
  action        TEXT NOT NULL,
  case_id       TEXT REFERENCES cases(case_id),
  at            TEXT NOT NULL,
  client_ip     TEXT NOT NULL,
  user_agent    TEXT,
  outcome       TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
  detail_json   TEXT NOT NULL
) STRICT;
CREATE INDEX staff_audit_case ON staff_audit(case_id);
CREATE TRIGGER staff_audit_no_update BEFORE UPDATE ON staff_audit
BEGIN SELECT RAISE(ABORT, 'staff_audit is append-only'); END;
CREATE TRIGGER staff_audit_no_delete BEFORE DELETE ON staff_audit
BEGIN SELECT RAISE(ABORT, 'staff_audit is append-only'); END;

-- 电子证照 twins of pre-reform paper certificates (the paper one stays valid)
CREATE TABLE electronic_twins (
  certificate_id  TEXT PRIMARY KEY REFERENCES certificates(certificate_id),
  licence_id      TEXT NOT NULL UNIQUE,
  document_id     TEXT NOT NULL UNIQUE REFERENCES documents(document_id),
  created_at      TEXT NOT NULL
) STRICT;
`;
