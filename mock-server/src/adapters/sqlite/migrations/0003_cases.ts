/**
 * 0003: cases and their timeline, sealed documents, message boxes, the public list of
 * void paper certificates (公告作废), per-year serial counters, and the registry's SM2 key.
 * Numbered 0003 whatever order it lands in: the runner applies missing versions in order.
 */
export const version = 3;
export const name = 'cases';

export const sql = /* sql */ `
-- a case as its aggregate JSON plus the columns queries need
CREATE TABLE cases (
  case_id             TEXT PRIMARY KEY,
  case_number         TEXT UNIQUE,
  business_type_code  TEXT NOT NULL,
  status              TEXT NOT NULL,
  unit_code           TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  manual_queue        INTEGER NOT NULL DEFAULT 0 CHECK (manual_queue IN (0, 1)),
  version             INTEGER NOT NULL CHECK (version >= 1),
  data_json           TEXT NOT NULL
) STRICT;
CREATE INDEX cases_status ON cases(status, manual_queue);

-- who takes part in which case (for "my cases" and the party check)
CREATE TABLE case_parties (
  case_id    TEXT NOT NULL REFERENCES cases(case_id),
  person_id  TEXT NOT NULL,
  role       TEXT NOT NULL,
  PRIMARY KEY (case_id, person_id, role)
) STRICT;
CREATE INDEX case_parties_person ON case_parties(person_id);

-- every transition of every case, append-only (the audit trail; also inside data_json)
CREATE TABLE case_events (
  case_id             TEXT NOT NULL REFERENCES cases(case_id),
  seq                 INTEGER NOT NULL,
  action              TEXT NOT NULL,
  from_status         TEXT,
  to_status           TEXT NOT NULL,
  actor_kind          TEXT NOT NULL CHECK (actor_kind IN ('system', 'staff', 'party')),
  actor_id            TEXT NOT NULL,
  actor_display_name  TEXT NOT NULL,
  at                  TEXT NOT NULL,
  note                TEXT,
  PRIMARY KEY (case_id, seq)
) STRICT;
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

-- sealed documents: notices and certificates; never changed once written
CREATE TABLE documents (
  document_id     TEXT PRIMARY KEY,
  kind            TEXT NOT NULL,
  number          TEXT NOT NULL UNIQUE,
  case_id         TEXT REFERENCES cases(case_id),
  certificate_id  TEXT UNIQUE REFERENCES certificates(certificate_id),
  issued_at       TEXT NOT NULL,
  body_json       TEXT NOT NULL,
  seal_json       TEXT NOT NULL
) STRICT;
CREATE INDEX documents_case ON documents(case_id);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are immutable'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are immutable'); END;

-- each party's message box: delivery and read times
CREATE TABLE messages (
  message_id    TEXT PRIMARY KEY,
  person_id     TEXT NOT NULL,
  case_id       TEXT REFERENCES cases(case_id),
  document_id   TEXT REFERENCES documents(document_id),
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  delivered_at  TEXT NOT NULL,
  read_at       TEXT
) STRICT;
CREATE INDEX messages_person ON messages(person_id, delivered_at);

-- 公告作废: paper certificates announced void after a registration
CREATE TABLE void_announcements (
  announcement_id     TEXT PRIMARY KEY,
  certificate_id      TEXT NOT NULL UNIQUE REFERENCES certificates(certificate_id),
  certificate_number  TEXT NOT NULL,
  unit_code           TEXT NOT NULL,
  location            TEXT NOT NULL,
  case_id             TEXT REFERENCES cases(case_id),
  announced_at        TEXT NOT NULL,
  reason              TEXT NOT NULL
) STRICT;

-- serials per year and kind (certificate numbers, notice numbers, case numbers)
CREATE TABLE serial_counters (
  counter_key  TEXT PRIMARY KEY,
  value        INTEGER NOT NULL CHECK (value >= 0)
) STRICT;

-- the registry's SM2 seal key; the private key never leaves the server
CREATE TABLE registry_keys (
  key_id           TEXT PRIMARY KEY,
  public_key_hex   TEXT NOT NULL,
  private_key_hex  TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  retired_at       TEXT
) STRICT;
`;
