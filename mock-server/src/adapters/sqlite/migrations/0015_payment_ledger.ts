/**
 * 0015: the payment gateway simulator's ledger (the simulated bank side), one row per
 * idempotency key: every registry node charging through the simulator finds a payment started
 * on another node by its key, and a retry on any node is answered from the same row instead of
 * charging again. The primary key is what makes "at most once per key" hold across nodes.
 */
export const version = 15;
export const name = 'payment_ledger';

export const sql = /* sql */ `
CREATE TABLE payment_gateway_charges (
  idempotency_key TEXT PRIMARY KEY,
  charge_id       TEXT NOT NULL UNIQUE,
  case_id         TEXT NOT NULL,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
  charged_at      TEXT NOT NULL
) STRICT;
`;
