/**
 * The registry's TaxPaymentStore (migration 0009: tax_payments, tax_receipts), written once on
 * SqlDb. The case id is the key and the first record wins: a duplicate callback, a concurrent
 * double tap or a retry on another node stores nothing new and reads the record that stands.
 */
import type { TaxReceipt } from '../../domain/tax';
import type { TaxPaymentRecord, TaxPaymentStore } from '../../ports';
import type { SqlDb } from '../sql/types';

interface PaymentRow {
  case_id: string;
  idempotency_key: string;
  charge_id: string;
  amount_fen: number;
  charged_at: string;
  recorded_at: string;
}

export class SqlTaxPaymentStore implements TaxPaymentStore {
  constructor(private readonly db: SqlDb) {}

  async recordCharge(record: TaxPaymentRecord): Promise<TaxPaymentRecord> {
    await this.db.run(
      `INSERT INTO tax_payments (case_id, idempotency_key, charge_id, amount_fen, charged_at, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        record.caseId,
        record.idempotencyKey,
        record.chargeId,
        record.amountFen,
        record.chargedAt,
        record.recordedAt,
      ],
    );
    const stored = await this.chargeOf(record.caseId);
    if (!stored) throw new Error(`tax payment of ${record.caseId} conflicts with another case`);
    return stored;
  }

  async chargeOf(caseId: string): Promise<TaxPaymentRecord | undefined> {
    const row = await this.db.get<PaymentRow>(
      `SELECT case_id, idempotency_key, charge_id, amount_fen, charged_at, recorded_at
         FROM tax_payments WHERE case_id = ?`,
      [caseId],
    );
    return (
      row && {
        caseId: row.case_id,
        idempotencyKey: row.idempotency_key,
        chargeId: row.charge_id,
        amountFen: row.amount_fen,
        chargedAt: row.charged_at,
        recordedAt: row.recorded_at,
      }
    );
  }

  async recordReceipt(caseId: string, receipt: TaxReceipt, at: string): Promise<TaxReceipt> {
    await this.db.run(
      `INSERT INTO tax_receipts (case_id, receipt_no, digest, receipt_json, recorded_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING`,
      [caseId, receipt.body.receiptNo, receipt.seal.digest, JSON.stringify(receipt), at],
    );
    const stored = await this.receiptOf(caseId);
    if (!stored) throw new Error(`receipt of ${caseId} could not be stored`);
    return stored;
  }

  async receiptOf(caseId: string): Promise<TaxReceipt | undefined> {
    const row = await this.db.get<{ receipt_json: string }>(
      'SELECT receipt_json FROM tax_receipts WHERE case_id = ?',
      [caseId],
    );
    return row && (JSON.parse(row.receipt_json) as TaxReceipt);
  }
}
