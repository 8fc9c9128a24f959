/**
 * 0006: the electronic archive. Filed packages and their manifest items (contents live
 * in the content-addressed blob store), the Merkle log (leaves and SM2-sealed tree heads), the
 * audit log of archive reads and records queries, records-query results, state-organ officers,
 * and consultation questions. Everything but the consultation answers is append-only: triggers
 * refuse UPDATE and DELETE (the 四性检测 checks that they are still in force).
 */
export const version = 6;
export const name = 'archive';

/** Append-only tables of the archive; each gets a no-update and a no-delete trigger. */
export const IMMUTABLE_TABLES = [
  'archive_packages',
  'archive_items',
  'log_leaves',
  'log_tree_heads',
  'archive_audit',
  'records_queries',
] as const;

/** The trigger statements (also used by tests that re-create them after tampering). */
export const IMMUTABILITY_TRIGGERS: string = IMMUTABLE_TABLES.map(
  (t) => `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t}
BEGIN SELECT RAISE(ABORT, '${t} is append-only (archive)'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
BEGIN SELECT RAISE(ABORT, '${t} is append-only (archive)'); END;`,
).join('\n');

export const sql = /* sql */ `
-- one filed case: its sealed manifest; serial numbers run 1, 2, … without gaps
CREATE TABLE archive_packages (
  package_id          TEXT PRIMARY KEY,
  serial              INTEGER NOT NULL UNIQUE CHECK (serial >= 1),
  archive_number      TEXT NOT NULL UNIQUE,
  case_id             TEXT NOT NULL UNIQUE REFERENCES cases(case_id),
  certificate_number  TEXT,
  filed_at            TEXT NOT NULL,
  manifest_json       TEXT NOT NULL,
  seal_json           TEXT NOT NULL,
  leaf_index          INTEGER NOT NULL UNIQUE
) STRICT;
CREATE INDEX archive_packages_certificate ON archive_packages(certificate_number);

-- the manifest's items as rows (content in data/blobs/<sm3>)
CREATE TABLE archive_items (
  package_id  TEXT NOT NULL REFERENCES archive_packages(package_id),
  item_no     INTEGER NOT NULL CHECK (item_no >= 1),
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  digest      TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  PRIMARY KEY (package_id, item_no)
) STRICT;

-- the Merkle log (RFC 6962 / 9162 construction): one row per leaf, in order
CREATE TABLE log_leaves (
  leaf_index   INTEGER PRIMARY KEY CHECK (leaf_index >= 0),
  kind         TEXT NOT NULL CHECK (kind IN ('archivePackage', 'registerEvent', 'audit', 'recordsQuery')),
  ref          TEXT NOT NULL,
  leaf_data    TEXT NOT NULL,
  leaf_hash    TEXT NOT NULL,
  appended_at  TEXT NOT NULL,
  UNIQUE (kind, ref)
) STRICT;

-- signed tree heads: size, root, hash algorithm, sealed with the registry's SM2 key
CREATE TABLE log_tree_heads (
  tree_size       INTEGER PRIMARY KEY CHECK (tree_size >= 0),
  root_hash       TEXT NOT NULL,
  hash_algorithm  TEXT NOT NULL,
  signed_at       TEXT NOT NULL,
  body_json       TEXT NOT NULL,
  seal_json       TEXT NOT NULL
) STRICT;

-- who read which package, who queried which unit, and why
CREATE TABLE archive_audit (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
  actor_id     TEXT NOT NULL,
  actor_role   TEXT NOT NULL,
  purpose      TEXT NOT NULL,
  action       TEXT NOT NULL,
  target       TEXT NOT NULL,
  outcome      TEXT NOT NULL
) STRICT;

-- records queries (令第80号) and their sealed 查询结果; proof of interest in the blob store
CREATE TABLE records_queries (
  query_id          TEXT PRIMARY KEY,
  person_id         TEXT NOT NULL,
  role              TEXT NOT NULL,
  purpose           TEXT NOT NULL,
  unit_code         TEXT,
  outcome           TEXT NOT NULL CHECK (outcome IN ('answered', 'refused')),
  proof_media_type  TEXT,
  proof_digest      TEXT,
  proof_size        INTEGER,
  result_json       TEXT NOT NULL,
  at                TEXT NOT NULL
) STRICT;
CREATE INDEX records_queries_person ON records_queries(person_id, at);

-- the state-organ role flag: persons allowed to query for an investigation
CREATE TABLE state_organ_officers (
  person_id   TEXT PRIMARY KEY,
  organ_name  TEXT NOT NULL,
  granted_at  TEXT NOT NULL
) STRICT;

-- 在线咨询: questions to the registry (general or about the asker's case) and staff answers
CREATE TABLE consultation_questions (
  question_id   TEXT PRIMARY KEY,
  person_id     TEXT NOT NULL,
  case_id       TEXT REFERENCES cases(case_id),
  topic         TEXT NOT NULL CHECK (topic IN ('general', 'case')),
  text          TEXT NOT NULL,
  asked_at      TEXT NOT NULL,
  answer        TEXT,
  answered_by   TEXT,
  answered_at   TEXT
) STRICT;
CREATE INDEX consultation_questions_person ON consultation_questions(person_id, asked_at);
CREATE INDEX consultation_questions_open ON consultation_questions(answered_at);

${IMMUTABILITY_TRIGGERS}
`;
