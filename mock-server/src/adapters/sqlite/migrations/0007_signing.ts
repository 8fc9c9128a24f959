/**
 * 0007: applying from a phone — invitations, each party's 询问笔录, uploaded files
 * (content-addressed by SM3 in the blob store; this table holds the metadata), commitments,
 * e-signatures made by the signature CA simulator (its own key table), changes that voided
 * signatures, and stored answers of idempotent requests.
 */
export const version = 7;
export const name = 'signing';

export const sql = /* sql */ `
CREATE TABLE signing_invitations (
  code         TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(case_id),
  party_id     TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  accepted_at  TEXT
) STRICT;
CREATE INDEX signing_invitations_case ON signing_invitations(case_id);

CREATE TABLE signing_inquiries (
  case_id      TEXT NOT NULL REFERENCES cases(case_id),
  party_id     TEXT NOT NULL,
  answers_json TEXT NOT NULL,
  answered_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, party_id)
) STRICT;

CREATE TABLE case_files (
  file_id       TEXT PRIMARY KEY,
  case_id       TEXT NOT NULL REFERENCES cases(case_id),
  material_code TEXT NOT NULL,
  sm3           TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  content_type  TEXT NOT NULL,
  width         INTEGER,
  height        INTEGER,
  uploaded_by   TEXT NOT NULL,
  uploaded_at   TEXT NOT NULL,
  UNIQUE (case_id, material_code, sm3)
) STRICT;

CREATE TABLE case_commitments (
  case_id       TEXT NOT NULL REFERENCES cases(case_id),
  material_code TEXT NOT NULL,
  party_id      TEXT NOT NULL,
  committed_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, material_code)
) STRICT;

CREATE TABLE case_signatures (
  signature_id       TEXT PRIMARY KEY,
  case_id            TEXT NOT NULL REFERENCES cases(case_id),
  party_id           TEXT NOT NULL,
  signer_name        TEXT NOT NULL,
  signed_at          TEXT NOT NULL,
  bundle_digest      TEXT NOT NULL,
  handwriting_digest TEXT NOT NULL,
  signed_digest      TEXT NOT NULL,
  signature          TEXT NOT NULL,
  ca_certificate_id  TEXT NOT NULL,
  ca_public_key      TEXT NOT NULL,
  documents_json     TEXT NOT NULL,
  current            INTEGER NOT NULL CHECK (current IN (0, 1)),
  voided_at          TEXT
) STRICT;
CREATE INDEX case_signatures_case ON case_signatures(case_id);

CREATE TABLE signing_changes (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id      TEXT NOT NULL REFERENCES cases(case_id),
  at           TEXT NOT NULL,
  changes_json TEXT NOT NULL
) STRICT;
CREATE INDEX signing_changes_case ON signing_changes(case_id);

CREATE TABLE idempotency_keys (
  person_id    TEXT NOT NULL,
  key          TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  response     TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (person_id, key)
) STRICT;

-- the signature CA simulator's own key: separate from the registry's seal and the identity platform
CREATE TABLE signature_ca_keys (
  key_id          TEXT PRIMARY KEY,
  public_key_hex  TEXT NOT NULL,
  private_key_hex TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;
`;
