/**
 * 0029: signatures that name their signer. Each party signature keeps the signer's certificate
 * (an event certificate from the signature CA, or an organisation's e-seal certificate) and the
 * face-check record it was issued on; a session keeps which face check its step-up was; the
 * simulated organisations' e-seal keys and certificates (their own systems' keys, held by the
 * simulator). Signatures made before have no certificate (NULL).
 */
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
) STRICT;
`;
