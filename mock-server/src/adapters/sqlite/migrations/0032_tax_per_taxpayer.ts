/**
 * 0032: taxes per taxpayer (docs/registry-facts.md §13: each taxpayer pays their own lines and
 * gets their own 完税证明). A case's charges, the registry's receipts and the tax department's
 * issued receipts are keyed by (case, taxpayer) instead of by case: the primary key is what
 * keeps "one charge and one receipt per taxpayer" across nodes. Rows written before keep the
 * empty taxpayer ('') and stand for a whole case paid in one payment. The taxpayer column comes
 * last, as PostgreSQL's ALTER TABLE … ADD COLUMN puts it.
 */
export const version = 32;
export const name = 'tax_per_taxpayer';

export const sql = /* sql */ `
CREATE TABLE tax_payments_v32 (
  case_id         TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  charge_id       TEXT NOT NULL UNIQUE,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
  charged_at      TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  payer_id        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, payer_id)
) STRICT;
INSERT INTO tax_payments_v32 (case_id, payer_id, idempotency_key, charge_id, amount_fen, charged_at, recorded_at)
  SELECT case_id, '', idempotency_key, charge_id, amount_fen, charged_at, recorded_at FROM tax_payments;
DROP TABLE tax_payments;
ALTER TABLE tax_payments_v32 RENAME TO tax_payments;

CREATE TABLE tax_receipts_v32 (
  case_id      TEXT NOT NULL,
  receipt_no   TEXT NOT NULL UNIQUE,
  digest       TEXT NOT NULL,
  receipt_json TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  payer_id     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, payer_id)
) STRICT;
INSERT INTO tax_receipts_v32 (case_id, payer_id, receipt_no, digest, receipt_json, recorded_at)
  SELECT case_id, '', receipt_no, digest, receipt_json, recorded_at FROM tax_receipts;
DROP TABLE tax_receipts;
ALTER TABLE tax_receipts_v32 RENAME TO tax_receipts;

CREATE TABLE tax_department_receipts_v32 (
  case_id      TEXT NOT NULL,
  receipt_no   TEXT NOT NULL UNIQUE,
  receipt_json TEXT NOT NULL,
  issued_at    TEXT NOT NULL,
  payer_id     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, payer_id)
) STRICT;
INSERT INTO tax_department_receipts_v32 (case_id, payer_id, receipt_no, receipt_json, issued_at)
  SELECT case_id, '', receipt_no, receipt_json, issued_at FROM tax_department_receipts;
DROP TABLE tax_department_receipts;
ALTER TABLE tax_department_receipts_v32 RENAME TO tax_department_receipts;
`;
