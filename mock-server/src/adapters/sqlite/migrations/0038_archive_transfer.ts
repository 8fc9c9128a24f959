/**
 * 0038: the transfer of filed archives to the archives department (docs/registry-facts.md §16).
 * The registry's side, append-only like the archive (triggers refuse UPDATE and DELETE): each
 * batch with its sealed transfer list (移交清单), the packages it names with their digests, and
 * every attempt to send it (received with the archives' sealed receipt, refused with reasons,
 * or the archives unavailable). The archives' published public keys. The archives department
 * simulator's own system (what it received and keeps, its receipts, its scripted faults).
 */
export const version = 38;
export const name = 'archive_transfer';

/** Append-only tables of the transfer record; each gets a no-update and a no-delete trigger. */
export const TRANSFER_IMMUTABLE_TABLES = [
  'archive_transfer_batches',
  'archive_transfer_packages',
  'archive_transfer_attempts',
] as const;

export const TRANSFER_IMMUTABILITY_TRIGGERS: string = TRANSFER_IMMUTABLE_TABLES.map(
  (t) => `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t}
BEGIN SELECT RAISE(ABORT, '${t} is append-only (archive transfer)'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
BEGIN SELECT RAISE(ABORT, '${t} is append-only (archive transfer)'); END;`,
).join('\n');

export const sql = /* sql */ `
-- one batch: the transfer list as sealed by the registry; serials run 1, 2, … without gaps
CREATE TABLE archive_transfer_batches (
  batch_id      TEXT PRIMARY KEY,
  batch_serial  INTEGER NOT NULL UNIQUE CHECK (batch_serial >= 1),
  batch_number  TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL,
  list_json     TEXT NOT NULL,
  list_digest   TEXT NOT NULL
) STRICT;

-- the packages a batch names, with each package's digest when the list was made
CREATE TABLE archive_transfer_packages (
  batch_id        TEXT NOT NULL REFERENCES archive_transfer_batches(batch_id),
  package_id      TEXT NOT NULL REFERENCES archive_packages(package_id),
  archive_number  TEXT NOT NULL,
  package_digest  TEXT NOT NULL,
  PRIMARY KEY (batch_id, package_id)
) STRICT;
CREATE INDEX archive_transfer_packages_package ON archive_transfer_packages(package_id);

-- every attempt to send a batch; at most one final answer (received or refused) per batch
CREATE TABLE archive_transfer_attempts (
  batch_id        TEXT NOT NULL REFERENCES archive_transfer_batches(batch_id),
  attempt_no      INTEGER NOT NULL CHECK (attempt_no >= 1),
  at              TEXT NOT NULL,
  outcome         TEXT NOT NULL CHECK (outcome IN ('received', 'refused', 'unavailable')),
  receipt_json    TEXT,
  receipt_digest  TEXT,
  reasons_json    TEXT,
  PRIMARY KEY (batch_id, attempt_no)
) STRICT;
CREATE UNIQUE INDEX archive_transfer_attempts_final ON archive_transfer_attempts(batch_id)
  WHERE outcome IN ('received', 'refused');

-- the archives department's published public keys (its private key is in the key files)
CREATE TABLE archives_department_keys (
  key_id           TEXT PRIMARY KEY,
  public_key_hex   TEXT NOT NULL,
  private_key_hex  TEXT NOT NULL,
  created_at       TEXT NOT NULL
) STRICT;

-- the archives department simulator's own system: batches received, their sealed receipts
CREATE TABLE archives_sim_batches (
  batch_id      TEXT PRIMARY KEY,
  list_digest   TEXT NOT NULL,
  list_json     TEXT NOT NULL,
  receipt_json  TEXT NOT NULL,
  received_at   TEXT NOT NULL
) STRICT;
-- … and its own copy of every package received (manifest and files)
CREATE TABLE archives_sim_packages (
  batch_id        TEXT NOT NULL REFERENCES archives_sim_batches(batch_id),
  package_id      TEXT NOT NULL,
  archive_number  TEXT NOT NULL,
  package_digest  TEXT NOT NULL,
  package_json    TEXT NOT NULL,
  PRIMARY KEY (batch_id, package_id)
) STRICT;
-- scripted answers (demo and tests), taken once each, by whichever node sends first
CREATE TABLE archives_sim_faults (
  seq           INTEGER PRIMARY KEY,
  fault         TEXT NOT NULL CHECK (fault IN ('unavailable', 'refuse')),
  reasons_json  TEXT NOT NULL,
  set_at        TEXT NOT NULL
) STRICT;

${TRANSFER_IMMUTABILITY_TRIGGERS}
`;
