/**
 * 0009 on PostgreSQL: tax payments (one per case: the primary key makes "exactly once" hold),
 * 完税证明 receipts, the tax department simulator's key and receipts (see the SQLite 0009).
 */
export const version = 9;
export const name = 'tax';

export const sql = /* sql */ `
CREATE TABLE tax_payments (
  case_id         TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  charge_id       TEXT NOT NULL UNIQUE,
  amount_fen      BIGINT NOT NULL CHECK (amount_fen >= 0),
  charged_at      TEXT NOT NULL,
  recorded_at     TEXT NOT NULL
);

CREATE TABLE tax_receipts (
  case_id      TEXT PRIMARY KEY,
  receipt_no   TEXT NOT NULL UNIQUE,
  digest       TEXT NOT NULL,
  receipt_json TEXT NOT NULL,
  recorded_at  TEXT NOT NULL
);

CREATE TABLE tax_department_keys (
  key_id          TEXT PRIMARY KEY,
  public_key_hex  TEXT NOT NULL,
  private_key_hex TEXT NOT NULL,
  created_at      TEXT NOT NULL
);

CREATE TABLE tax_department_receipts (
  case_id      TEXT PRIMARY KEY,
  receipt_no   TEXT NOT NULL UNIQUE,
  receipt_json TEXT NOT NULL,
  issued_at    TEXT NOT NULL
);
`;
