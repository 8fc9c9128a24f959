/**
 * 0005: presentations (亮证) with their 6-digit codes and use counts, the append-only
 * verification log the holder sees, and sealed holdings proofs (有房/无房证明). Numbered 0005
 * whatever order it lands in (0004 belongs to the staff console): the runner applies missing
 * versions in order.
 */
export const version = 5;
export const name = 'certificates';

export const sql = /* sql */ `
CREATE TABLE presentations (
  presentation_id   TEXT PRIMARY KEY,
  item_id           TEXT NOT NULL,
  item_kind         TEXT NOT NULL CHECK (item_kind IN ('titleCertificate', 'holdingsProof')),
  holder_person_id  TEXT NOT NULL,
  view              TEXT NOT NULL CHECK (view IN ('full', 'minimal')),
  code              TEXT NOT NULL CHECK (length(code) = 6),
  nonce             TEXT NOT NULL UNIQUE,
  token             TEXT NOT NULL,
  issued_at         TEXT NOT NULL,
  expires_at        TEXT NOT NULL,
  allowance         INTEGER NOT NULL CHECK (allowance >= 1),
  uses              INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= allowance)
) STRICT;
CREATE INDEX presentations_code ON presentations(code, expires_at);
CREATE INDEX presentations_item ON presentations(item_id);

-- who verified what when; the holder reads it, nobody changes it
CREATE TABLE verifications (
  verification_id     INTEGER PRIMARY KEY,
  presentation_id     TEXT NOT NULL REFERENCES presentations(presentation_id),
  item_id             TEXT NOT NULL,
  holder_person_id    TEXT NOT NULL,
  verified_at         TEXT NOT NULL,
  verifier_kind       TEXT NOT NULL CHECK (verifier_kind IN ('app', 'web')),
  verifier_person_id  TEXT,
  verifier_display    TEXT NOT NULL,
  via                 TEXT NOT NULL CHECK (via IN ('qr', 'code')),
  view                TEXT NOT NULL CHECK (view IN ('full', 'minimal'))
) STRICT;
CREATE INDEX verifications_item ON verifications(item_id, holder_person_id, verified_at);
CREATE TRIGGER verifications_no_update BEFORE UPDATE ON verifications
BEGIN SELECT RAISE(ABORT, 'verifications are append-only'); END;
CREATE TRIGGER verifications_no_delete BEFORE DELETE ON verifications
BEGIN SELECT RAISE(ABORT, 'verifications are append-only'); END;

-- 不动产权属查询证明, sealed; never changed once written
CREATE TABLE holdings_proofs (
  proof_id    TEXT PRIMARY KEY,
  person_id   TEXT NOT NULL,
  number      TEXT NOT NULL UNIQUE,
  issued_at   TEXT NOT NULL,
  body_json   TEXT NOT NULL,
  seal_json   TEXT NOT NULL
) STRICT;
CREATE INDEX holdings_proofs_person ON holdings_proofs(person_id, issued_at);
CREATE TRIGGER holdings_proofs_no_update BEFORE UPDATE ON holdings_proofs
BEGIN SELECT RAISE(ABORT, 'holdings proofs are immutable'); END;
CREATE TRIGGER holdings_proofs_no_delete BEFORE DELETE ON holdings_proofs
BEGIN SELECT RAISE(ABORT, 'holdings proofs are immutable'); END;
`;
