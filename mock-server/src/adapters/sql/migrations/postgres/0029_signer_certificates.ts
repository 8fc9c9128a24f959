/** 0029 on PostgreSQL: signer certificates on signatures, the step-up's face check, organisations' e-seal keys (see the SQLite 0029). */
export const version = 29;
export const name = 'signer_certificates';

export const sql = /* sql */ `
ALTER TABLE case_signatures ADD COLUMN certificate_json TEXT;
ALTER TABLE case_signatures ADD COLUMN face_check_json TEXT;
ALTER TABLE sessions ADD COLUMN step_up_ref TEXT;

CREATE TABLE organisation_seal_keys (
  party_id         TEXT NOT NULL,
  key_id           TEXT NOT NULL,
  private_key_hex  TEXT NOT NULL,
  certificate_json TEXT NOT NULL,
  not_after        TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (party_id, key_id)
);
`;
