/**
 * 0015 on PostgreSQL: the payment gateway simulator's ledger, one row per idempotency key
 * (see the SQLite 0015).
 */
export const version = 15;
export const name = 'payment_ledger';

export const sql = /* sql */ `
CREATE TABLE payment_gateway_charges (
  idempotency_key TEXT PRIMARY KEY,
  charge_id       TEXT NOT NULL UNIQUE,
  case_id         TEXT NOT NULL,
  amount_fen      BIGINT NOT NULL CHECK (amount_fen >= 0),
  charged_at      TEXT NOT NULL
);
`;
