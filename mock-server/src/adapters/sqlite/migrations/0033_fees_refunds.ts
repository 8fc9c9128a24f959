/**
 * 0033: registration fees and refunds (docs/registry-facts.md §14).
 * - fee_payments / fee_receipts: the registry's record of a case's fee payment and its 财政电子票据,
 *   one per case (first record wins: a duplicate callback or a retry on another node adds nothing);
 * - finance_department_receipts / finance_department_refunds: what the finance department
 *   simulator issued (one receipt per case, one refund record per refunded charge);
 * - payment_gateway_refunds: the gateway simulator's refund ledger, one row per idempotency key
 *   (the money goes back at most once, whichever node retries);
 * - case_refunds: the registry's sealed refund records, one per refunded charge, shown to the payer.
 */
export const version = 33;
export const name = 'fees_refunds';

export const sql = /* sql */ `
CREATE TABLE fee_payments (
  case_id         TEXT PRIMARY KEY,
  payer_id        TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  charge_id       TEXT NOT NULL UNIQUE,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
  charged_at      TEXT NOT NULL,
  recorded_at     TEXT NOT NULL
) STRICT;
CREATE TABLE fee_receipts (
  case_id      TEXT PRIMARY KEY,
  bill_no      TEXT NOT NULL UNIQUE,
  digest       TEXT NOT NULL,
  receipt_json TEXT NOT NULL,
  recorded_at  TEXT NOT NULL
) STRICT;
CREATE TABLE finance_department_receipts (
  case_id      TEXT PRIMARY KEY,
  bill_no      TEXT NOT NULL UNIQUE,
  receipt_json TEXT NOT NULL,
  issued_at    TEXT NOT NULL
) STRICT;
CREATE TABLE finance_department_refunds (
  charge_id   TEXT PRIMARY KEY,
  refund_no   TEXT NOT NULL UNIQUE,
  record_json TEXT NOT NULL,
  issued_at   TEXT NOT NULL
) STRICT;
CREATE TABLE payment_gateway_refunds (
  idempotency_key TEXT PRIMARY KEY,
  refund_id       TEXT NOT NULL UNIQUE,
  case_id         TEXT NOT NULL,
  charge_id       TEXT NOT NULL UNIQUE,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
  refunded_at     TEXT NOT NULL
) STRICT;
CREATE TABLE case_refunds (
  charge_id   TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('fee', 'tax')),
  payer_id    TEXT NOT NULL,
  amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
  refund_no   TEXT NOT NULL UNIQUE,
  record_json TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_refunds_case ON case_refunds (case_id);
`;
