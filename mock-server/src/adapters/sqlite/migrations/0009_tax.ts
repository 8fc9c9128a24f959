/**
 * 0009: tax payment. The registry's record of each case's charge and sealed
 * 完税证明 (one row per case: the primary key is what makes "exactly once" hold), and the tax
 * department simulator's own SM2 key and issued receipts. No foreign key to cases: the rows are
 * written by the payment path, which the case workflow will call (see usecases/tax).
 */
export const version = 9;
export const name = 'tax';

export const sql = /* sql */ `
CREATE TABLE tax_payments (
  case_id         TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  charge_id       TEXT NOT NULL UNIQUE,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
  charged_at      TEXT NOT NULL,
  recorded_at     TEXT NOT NULL
) STRICT;

CREATE TABLE tax_receipts (
  case_id      TEXT PRIMARY KEY,
  receipt_no   TEXT NOT NULL UNIQUE,
  digest       TEXT NOT NULL,
  receipt_json TEXT NOT NULL,
  recorded_at  TEXT NOT NULL
) STRICT;

CREATE TABLE tax_department_keys (
  key_id          TEXT PRIMARY KEY,
  public_key_hex  TEXT NOT NULL,
  private_key_hex TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE tax_department_receipts (
  case_id      TEXT PRIMARY KEY,
  receipt_no   TEXT NOT NULL UNIQUE,
  receipt_json TEXT NOT NULL,
  issued_at    TEXT NOT NULL
) STRICT;
`;
