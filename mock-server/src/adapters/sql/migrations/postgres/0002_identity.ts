/** 0002 on PostgreSQL: sessions, face checks, single-use proofs, failed logins (see the SQLite 0002). */
export const version = 2;
export const name = 'identity';

export const sql = /* sql */ `
CREATE TABLE sessions (
  session_id       TEXT PRIMARY KEY,
  token_hash       TEXT NOT NULL UNIQUE,
  person_id        TEXT NOT NULL REFERENCES persons(person_id),
  device_name      TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  last_seen_at     TEXT NOT NULL,
  idle_expires_at  TEXT NOT NULL,
  expires_at       TEXT NOT NULL,
  step_up_at       TEXT,
  revoked_at       TEXT
);
CREATE INDEX sessions_person ON sessions(person_id, created_at);

CREATE TABLE face_attempts (
  certify_id   TEXT PRIMARY KEY,
  purpose      TEXT NOT NULL CHECK (purpose IN ('login', 'stepUp')),
  id_number    TEXT NOT NULL,
  session_id   TEXT REFERENCES sessions(session_id),
  created_at   TEXT NOT NULL
);

CREATE TABLE used_proofs (
  proof_key  TEXT PRIMARY KEY,
  used_at    TEXT NOT NULL
);

CREATE TABLE login_failures (
  scope   TEXT NOT NULL CHECK (scope IN ('id', 'client')),
  key     TEXT NOT NULL,
  at_ms   BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(scope, key, at_ms);
`;
