/**
 * 0001: parties, the business catalogue, and the register as append-only events plus derived
 * current-state tables. Never edit a migration that has shipped: add the next number instead.
 */
export const version = 1;
export const name = 'init';

export const sql = /* sql */ `
-- parties: natural persons (as 公安 would share them) and organisations
CREATE TABLE persons (
  person_id   TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('natural', 'legal')),
  name        TEXT NOT NULL,
  id_type     TEXT NOT NULL CHECK (id_type IN ('citizenId', 'uscc')),
  id_number   TEXT NOT NULL UNIQUE,
  phone       TEXT
) STRICT;

-- marriages (as 民政 would share them)
CREATE TABLE marriages (
  marriage_id    TEXT PRIMARY KEY,
  spouse_a_id    TEXT NOT NULL REFERENCES persons(person_id),
  spouse_b_id    TEXT NOT NULL REFERENCES persons(person_id),
  registered_on  TEXT NOT NULL,
  CHECK (spouse_a_id <> spouse_b_id)
) STRICT;

-- the business catalogue: versioned data
CREATE TABLE catalogue_versions (
  version       INTEGER PRIMARY KEY CHECK (version >= 1),
  published_at  TEXT NOT NULL
) STRICT;

CREATE TABLE business_types (
  catalogue_version      INTEGER NOT NULL REFERENCES catalogue_versions(version),
  code                   TEXT NOT NULL,
  version                INTEGER NOT NULL CHECK (version >= 1),
  sort_order             INTEGER NOT NULL,
  name                   TEXT NOT NULL,
  description            TEXT NOT NULL,
  kind                   TEXT NOT NULL,
  promised_working_days  INTEGER NOT NULL CHECK (promised_working_days BETWEEN 0 AND 30),
  joint_application      INTEGER NOT NULL CHECK (joint_application IN (0, 1)),
  definition_json        TEXT NOT NULL,
  PRIMARY KEY (catalogue_version, code)
) STRICT;

-- the register: every change is an appended event; nothing is ever updated or deleted
CREATE TABLE register_events (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id      TEXT NOT NULL UNIQUE,
  event_type    TEXT NOT NULL,
  unit_code     TEXT,
  recorded_at   TEXT NOT NULL,
  payload_json  TEXT NOT NULL
) STRICT;
CREATE INDEX register_events_unit ON register_events(unit_code, seq);

CREATE TRIGGER register_events_no_update BEFORE UPDATE ON register_events
BEGIN SELECT RAISE(ABORT, 'register_events is append-only'); END;
CREATE TRIGGER register_events_no_delete BEFORE DELETE ON register_events
BEGIN SELECT RAISE(ABORT, 'register_events is append-only'); END;

-- derived current state (rebuilt from register_events at any time)
CREATE TABLE units (
  unit_code         TEXT PRIMARY KEY CHECK (length(unit_code) = 28),
  county_code       TEXT NOT NULL,
  location          TEXT NOT NULL,
  use               TEXT NOT NULL,
  nature            TEXT NOT NULL,
  building_area     REAL NOT NULL CHECK (building_area > 0),
  shared_land_area  REAL NOT NULL,
  structure         TEXT NOT NULL,
  floor             INTEGER NOT NULL,
  total_floors      INTEGER NOT NULL,
  land_use_ends_on  TEXT NOT NULL,
  created_seq       INTEGER NOT NULL REFERENCES register_events(seq)
) STRICT;
CREATE INDEX units_county ON units(county_code);

CREATE TABLE certificates (
  certificate_id  TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('titleCertificate', 'registrationProof',
                    'oldHouseOwnershipCertificate', 'oldLandUseCertificate', 'oldOtherRightsCertificate')),
  number          TEXT NOT NULL UNIQUE,
  unit_code       TEXT NOT NULL REFERENCES units(unit_code),
  issued_on       TEXT NOT NULL,
  form            TEXT NOT NULL CHECK (form IN ('paper', 'electronic')),
  licence_id      TEXT UNIQUE,
  proves          TEXT,
  status          TEXT NOT NULL CHECK (status IN ('current', 'cancelled', 'void')),
  CHECK ((form = 'electronic') = (licence_id IS NOT NULL))
) STRICT;

CREATE TABLE rights (
  right_id        TEXT PRIMARY KEY,
  unit_code       TEXT NOT NULL REFERENCES units(unit_code),
  right_type      TEXT NOT NULL,
  co_ownership    TEXT NOT NULL CHECK (co_ownership IN ('sole', 'joint', 'shares')),
  registered_on   TEXT NOT NULL,
  certificate_id  TEXT NOT NULL REFERENCES certificates(certificate_id),
  status          TEXT NOT NULL CHECK (status IN ('current', 'cancelled')),
  created_seq     INTEGER NOT NULL REFERENCES register_events(seq),
  ended_seq       INTEGER REFERENCES register_events(seq)
) STRICT;
-- every unit has at most one current ownership right
CREATE UNIQUE INDEX rights_one_current ON rights(unit_code) WHERE status = 'current';

CREATE TABLE right_holders (
  right_id             TEXT NOT NULL REFERENCES rights(right_id),
  position             INTEGER NOT NULL,
  person_id            TEXT NOT NULL REFERENCES persons(person_id),
  share_basis_points   INTEGER CHECK (share_basis_points BETWEEN 1 AND 9999),
  PRIMARY KEY (right_id, position),
  UNIQUE (right_id, person_id)
) STRICT;
CREATE INDEX right_holders_person ON right_holders(person_id);

CREATE TABLE restrictions (
  restriction_id  TEXT PRIMARY KEY,
  unit_code       TEXT NOT NULL REFERENCES units(unit_code),
  kind            TEXT NOT NULL CHECK (kind IN ('mortgage', 'seizure', 'objection', 'advanceNotice')),
  registered_on   TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('current', 'cancelled')),
  cancelled_on    TEXT,
  certificate_id  TEXT REFERENCES certificates(certificate_id),
  details_json    TEXT NOT NULL,
  created_seq     INTEGER NOT NULL REFERENCES register_events(seq),
  ended_seq       INTEGER REFERENCES register_events(seq)
) STRICT;
CREATE INDEX restrictions_unit ON restrictions(unit_code, status);
`;
