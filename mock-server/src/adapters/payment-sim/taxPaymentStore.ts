/**
 * The registry's TaxPaymentStore (migrations 0009, 0032: tax_payments, tax_receipts), written once
 * on SqlDb. Case id + taxpayer ('' = the whole case) is the key and the first record wins: a duplicate callback, a concurrent
 * double tap or a retry on another node stores nothing new and reads the record that stands.
 */
import type { TaxReceipt } from '../../domain/tax';
import type { TaxPaymentRecord, TaxPaymentStore } from '../../ports';
import type { SqlDb } from '../sql/types';

interface PaymentRow {
  case_id: string;
  payer_id: string;
  idempotency_key: string;
  charge_id: string;
  amount_fen: number;
  charged_at: string;
  recorded_at: string;
}

const PAYMENT_COLUMNS =
  'case_id, payer_id, idempotency_key, charge_id, amount_fen, charged_at, recorded_at';

const toRecord = (row: PaymentRow): TaxPaymentRecord => ({
  caseId: row.case_id,
  ...(row.payer_id ? { payerId: row.payer_id } : {}),
  idempotencyKey: row.idempotency_key,
  chargeId: row.charge_id,
  amountFen: row.amount_fen,
  chargedAt: row.charged_at,
  recordedAt: row.recorded_at,
});

export class SqlTaxPaymentStore implements TaxPaymentStore {
  constructor(private readonly db: SqlDb) {}

  async recordCharge(record: TaxPaymentRecord): Promise<TaxPaymentRecord> {
    await this.db.run(
      `INSERT INTO tax_payments (case_id, payer_id, idempotency_key, charge_id, amount_fen, charged_at, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        record.caseId,
        record.payerId ?? '',
        record.idempotencyKey,
        record.chargeId,
        record.amountFen,
        record.chargedAt,
        record.recordedAt,
      ],
    );
    const stored = await this.chargeOf(record.caseId, record.payerId);
    if (!stored) throw new Error(`tax payment of ${record.caseId} conflicts with another case`);
    return stored;
  }

  async chargeOf(caseId: string, payerId = ''): Promise<TaxPaymentRecord | undefined> {
    const row = await this.db.get<PaymentRow>(
      `SELECT ${PAYMENT_COLUMNS} FROM tax_payments WHERE case_id = ? AND payer_id = ?`,
      [caseId, payerId],
    );
    return row && toRecord(row);
  }

  async chargesOf(caseId: string): Promise<TaxPaymentRecord[]> {
    const rows = await this.db.all<PaymentRow>(
      `SELECT ${PAYMENT_COLUMNS} FROM tax_payments WHERE case_id = ? ORDER BY payer_id`,
      [caseId],
    );
    return rows.map(toRecord);
  }

  async recordReceipt(
    caseId: string,
    receipt: TaxReceipt,
    at: string,
    payerId = '',
  ): Promise<TaxReceipt> {
    await this.db.run(
      `INSERT INTO tax_receipts (case_id, payer_id, receipt_no, digest, receipt_json, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, payer_id) DO NOTHING`,
      [caseId, payerId, receipt.body.receiptNo, receipt.seal.digest, JSON.stringify(receipt), at],
    );
    const stored = await this.receiptOf(caseId, payerId);
    if (!stored) throw new Error(`receipt of ${caseId} could not be stored`);
    return stored;
  }

  async receiptOf(caseId: string, payerId = ''): Promise<TaxReceipt | undefined> {
    const row = await this.db.get<{ receipt_json: string }>(
      'SELECT receipt_json FROM tax_receipts WHERE case_id = ? AND payer_id = ?',
      [caseId, payerId],
    );
    return row && (JSON.parse(row.receipt_json) as TaxReceipt);
  }
}
