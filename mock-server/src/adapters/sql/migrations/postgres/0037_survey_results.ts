/** 0037 on PostgreSQL: surveying firms and the cadastral database of survey results (see the SQLite 0037). */
export const version = 37;
export const name = 'survey_results';

export const sql = /* sql */ `
CREATE TABLE survey_firms (
  firm_id              TEXT PRIMARY KEY,
  name                 TEXT NOT NULL,
  credit_code          TEXT NOT NULL UNIQUE,
  licence_number       TEXT NOT NULL,
  licence_valid_until  TEXT NOT NULL,
  created_at           TEXT NOT NULL
);

CREATE TABLE survey_firm_users (
  user_id        TEXT PRIMARY KEY,
  firm_id        TEXT NOT NULL REFERENCES survey_firms(firm_id),
  username       TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  active         BIGINT NOT NULL,
  created_at     TEXT NOT NULL
);

CREATE TABLE survey_firm_sessions (
  token_hash    TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES survey_firm_users(user_id),
  csrf_token    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  ended_at      TEXT
);

CREATE TABLE survey_drawings (
  firm_id      TEXT NOT NULL REFERENCES survey_firms(firm_id),
  digest       TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  bytes        BIGINT NOT NULL,
  uploaded_by  TEXT NOT NULL,
  uploaded_at  TEXT NOT NULL,
  PRIMARY KEY (firm_id, digest)
);

CREATE TABLE survey_results (
  result_id             TEXT PRIMARY KEY,
  firm_id               TEXT NOT NULL REFERENCES survey_firms(firm_id),
  submitted_by          TEXT NOT NULL,
  submitted_at          TEXT NOT NULL,
  parcel_code           TEXT NOT NULL,
  building_name         TEXT NOT NULL,
  location              TEXT NOT NULL,
  building_area         DOUBLE PRECISION NOT NULL,
  unit_count            BIGINT NOT NULL,
  result_json           TEXT NOT NULL,
  digest                TEXT NOT NULL,
  seal_json             TEXT NOT NULL,
  min_x                 DOUBLE PRECISION NOT NULL,
  max_x                 DOUBLE PRECISION NOT NULL,
  min_y                 DOUBLE PRECISION NOT NULL,
  max_y                 DOUBLE PRECISION NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('accepted', 'refused', 'registered')),
  refused_at            TEXT,
  refused_by            TEXT,
  refusal_reasons_json  TEXT,
  registration_id       TEXT,
  registered_at         TEXT,
  certificate_count     BIGINT
);
CREATE INDEX survey_results_firm ON survey_results (firm_id, submitted_at);
CREATE INDEX survey_results_bounds ON survey_results (min_x, max_x);
CREATE UNIQUE INDEX survey_results_live_digest ON survey_results (firm_id, digest) WHERE status <> 'refused';

CREATE TABLE survey_units (
  result_id         TEXT NOT NULL REFERENCES survey_results(result_id),
  unit_code         TEXT NOT NULL,
  room              TEXT NOT NULL,
  floor             BIGINT NOT NULL,
  unit_use          TEXT NOT NULL,
  exclusive_area    DOUBLE PRECISION NOT NULL,
  apportioned_area  DOUBLE PRECISION NOT NULL,
  live              BIGINT NOT NULL,
  PRIMARY KEY (result_id, unit_code)
);
CREATE UNIQUE INDEX survey_units_live_code ON survey_units (unit_code) WHERE live = 1;
`;
