/**
 * 0010 on PostgreSQL: shared-data records, how each checklist item was resolved, rechecks
 * (校核) and objections (see the SQLite 0010). The partial unique indexes are the same.
 */
export const version = 10;
export const name = 'shared_data';

export const sql = /* sql */ `
CREATE TABLE shared_records (
  record_id          TEXT PRIMARY KEY,
  case_id            TEXT NOT NULL,
  material_code      TEXT,
  source             TEXT NOT NULL,
  kind               TEXT NOT NULL,
  query_json         TEXT NOT NULL,
  data_json          TEXT NOT NULL,
  retrieved_at       TEXT NOT NULL,
  seal_json          TEXT NOT NULL,
  seal_valid         BIGINT NOT NULL CHECK (seal_valid IN (0, 1)),
  status             TEXT NOT NULL CHECK (status IN ('current', 'underRecheck', 'wrong', 'superseded')),
  replaces_record_id TEXT REFERENCES shared_records(record_id),
  stored_at          TEXT NOT NULL
);
CREATE INDEX shared_records_case ON shared_records(case_id, material_code);

CREATE TABLE material_resolutions (
  case_id          TEXT NOT NULL,
  material_code    TEXT NOT NULL,
  mode             TEXT NOT NULL CHECK (mode IN ('shared', 'registry', 'application', 'fallback', 'pending')),
  source           TEXT,
  reason           TEXT,
  message          TEXT,
  allowed_json     TEXT NOT NULL,
  record_ids_json  TEXT NOT NULL,
  resolved_at      TEXT NOT NULL,
  PRIMARY KEY (case_id, material_code)
);

CREATE TABLE shared_rechecks (
  recheck_id          TEXT PRIMARY KEY,
  record_id           TEXT NOT NULL REFERENCES shared_records(record_id),
  case_id             TEXT NOT NULL,
  requested_by_kind   TEXT NOT NULL CHECK (requested_by_kind IN ('staff', 'rule', 'party')),
  requested_by        TEXT NOT NULL,
  reason              TEXT NOT NULL,
  requested_at        TEXT NOT NULL,
  due_on              TEXT NOT NULL,
  due_estimated       BIGINT NOT NULL CHECK (due_estimated IN (0, 1)),
  status              TEXT NOT NULL CHECK (status IN ('pending', 'errorConfirmed', 'upheld')),
  answered_at         TEXT,
  corrected_record_id TEXT REFERENCES shared_records(record_id),
  objection_id        TEXT
);
CREATE UNIQUE INDEX shared_rechecks_one_pending ON shared_rechecks(record_id) WHERE status = 'pending';

CREATE TABLE shared_objections (
  objection_id   TEXT PRIMARY KEY,
  record_id      TEXT NOT NULL REFERENCES shared_records(record_id),
  case_id        TEXT NOT NULL,
  person_id      TEXT NOT NULL,
  statement      TEXT NOT NULL,
  evidence_json  TEXT NOT NULL,
  filed_at       TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('open', 'sustained', 'rejected')),
  decided_at     TEXT
);
CREATE UNIQUE INDEX shared_objections_one_open ON shared_objections(record_id, person_id) WHERE status = 'open';
`;
