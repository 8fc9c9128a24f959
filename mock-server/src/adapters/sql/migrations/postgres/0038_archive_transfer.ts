/** 0038 on PostgreSQL: the transfer of filed archives to the archives department (see the SQLite 0038). */
export const version = 38;
export const name = 'archive_transfer';

const IMMUTABLE = [
  'archive_transfer_batches',
  'archive_transfer_packages',
  'archive_transfer_attempts',
] as const;

/** refuse_change() is the archive's trigger function (0006). */
const TRIGGERS: string = IMMUTABLE.map(
  (t) => `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t}
FOR EACH ROW EXECUTE FUNCTION refuse_change('${t} is append-only (archive transfer)');
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
FOR EACH ROW EXECUTE FUNCTION refuse_change('${t} is append-only (archive transfer)');
CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('${t} is append-only (archive transfer)');`,
).join('\n');

export const sql = /* sql */ `
CREATE TABLE archive_transfer_batches (
  batch_id      TEXT PRIMARY KEY,
  batch_serial  BIGINT NOT NULL UNIQUE CHECK (batch_serial >= 1),
  batch_number  TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL,
  list_json     TEXT NOT NULL,
  list_digest   TEXT NOT NULL
);

CREATE TABLE archive_transfer_packages (
  batch_id        TEXT NOT NULL REFERENCES archive_transfer_batches(batch_id),
  package_id      TEXT NOT NULL REFERENCES archive_packages(package_id),
  archive_number  TEXT NOT NULL,
  package_digest  TEXT NOT NULL,
  PRIMARY KEY (batch_id, package_id)
);
CREATE INDEX archive_transfer_packages_package ON archive_transfer_packages(package_id);

CREATE TABLE archive_transfer_attempts (
  batch_id        TEXT NOT NULL REFERENCES archive_transfer_batches(batch_id),
  attempt_no      BIGINT NOT NULL CHECK (attempt_no >= 1),
  at              TEXT NOT NULL,
  outcome         TEXT NOT NULL CHECK (outcome IN ('received', 'refused', 'unavailable')),
  receipt_json    TEXT,
  receipt_digest  TEXT,
  reasons_json    TEXT,
  PRIMARY KEY (batch_id, attempt_no)
);
CREATE UNIQUE INDEX archive_transfer_attempts_final ON archive_transfer_attempts(batch_id)
  WHERE outcome IN ('received', 'refused');

CREATE TABLE archives_department_keys (
  key_id           TEXT PRIMARY KEY,
  public_key_hex   TEXT NOT NULL,
  private_key_hex  TEXT NOT NULL,
  created_at       TEXT NOT NULL
);

CREATE TABLE archives_sim_batches (
  batch_id      TEXT PRIMARY KEY,
  list_digest   TEXT NOT NULL,
  list_json     TEXT NOT NULL,
  receipt_json  TEXT NOT NULL,
  received_at   TEXT NOT NULL
);
CREATE TABLE archives_sim_packages (
  batch_id        TEXT NOT NULL REFERENCES archives_sim_batches(batch_id),
  package_id      TEXT NOT NULL,
  archive_number  TEXT NOT NULL,
  package_digest  TEXT NOT NULL,
  package_json    TEXT NOT NULL,
  PRIMARY KEY (batch_id, package_id)
);
CREATE TABLE archives_sim_faults (
  seq           BIGINT PRIMARY KEY,
  fault         TEXT NOT NULL CHECK (fault IN ('unavailable', 'refuse')),
  reasons_json  TEXT NOT NULL,
  set_at        TEXT NOT NULL
);

${TRIGGERS}
`;
