/**
 * 0003 on PostgreSQL: cases and their timeline, sealed documents, message boxes, void paper
 * certificates, serial counters and the registry's SM2 key (see the SQLite 0003).
 */
export const version = 3;
export const name = 'cases';

export const sql = /* sql */ `
CREATE TABLE cases (
  case_id             TEXT PRIMARY KEY,
  case_number         TEXT UNIQUE,
  business_type_code  TEXT NOT NULL,
  status              TEXT NOT NULL,
  unit_code           TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  manual_queue        BIGINT NOT NULL DEFAULT 0 CHECK (manual_queue IN (0, 1)),
  version             BIGINT NOT NULL CHECK (version >= 1),
  data_json           TEXT NOT NULL
);
CREATE INDEX cases_status ON cases(status, manual_queue);

CREATE TABLE case_parties (
  case_id    TEXT NOT NULL REFERENCES cases(case_id),
  person_id  TEXT NOT NULL,
  role       TEXT NOT NULL,
  PRIMARY KEY (case_id, person_id, role)
);
CREATE INDEX case_parties_person ON case_parties(person_id);

CREATE TABLE case_events (
  case_id             TEXT NOT NULL REFERENCES cases(case_id),
  seq                 BIGINT NOT NULL,
  action              TEXT NOT NULL,
  from_status         TEXT,
  to_status           TEXT NOT NULL,
  actor_kind          TEXT NOT NULL CHECK (actor_kind IN ('system', 'staff', 'party')),
  actor_id            TEXT NOT NULL,
  actor_display_name  TEXT NOT NULL,
  at                  TEXT NOT NULL,
  note                TEXT,
  PRIMARY KEY (case_id, seq)
);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
FOR EACH ROW EXECUTE FUNCTION refuse_change('case_events is append-only');
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
FOR EACH ROW EXECUTE FUNCTION refuse_change('case_events is append-only');
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('case_events is append-only');

CREATE TABLE documents (
  document_id     TEXT PRIMARY KEY,
  kind            TEXT NOT NULL,
  number          TEXT NOT NULL UNIQUE,
  case_id         TEXT REFERENCES cases(case_id),
  certificate_id  TEXT UNIQUE REFERENCES certificates(certificate_id),
  issued_at       TEXT NOT NULL,
  body_json       TEXT NOT NULL,
  seal_json       TEXT NOT NULL
);
CREATE INDEX documents_case ON documents(case_id);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
FOR EACH ROW EXECUTE FUNCTION refuse_change('documents are immutable');
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
FOR EACH ROW EXECUTE FUNCTION refuse_change('documents are immutable');
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('documents are immutable');

CREATE TABLE messages (
  message_id    TEXT PRIMARY KEY,
  person_id     TEXT NOT NULL,
  case_id       TEXT REFERENCES cases(case_id),
  document_id   TEXT REFERENCES documents(document_id),
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  delivered_at  TEXT NOT NULL,
  read_at       TEXT
);
CREATE INDEX messages_person ON messages(person_id, delivered_at);

CREATE TABLE void_announcements (
  announcement_id     TEXT PRIMARY KEY,
  certificate_id      TEXT NOT NULL UNIQUE REFERENCES certificates(certificate_id),
  certificate_number  TEXT NOT NULL,
  unit_code           TEXT NOT NULL,
  location            TEXT NOT NULL,
  case_id             TEXT REFERENCES cases(case_id),
  announced_at        TEXT NOT NULL,
  reason              TEXT NOT NULL
);

CREATE TABLE serial_counters (
  counter_key  TEXT PRIMARY KEY,
  value        BIGINT NOT NULL CHECK (value >= 0)
);

CREATE TABLE registry_keys (
  key_id           TEXT PRIMARY KEY,
  public_key_hex   TEXT NOT NULL,
  private_key_hex  TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  retired_at       TEXT
);
`;
