/**
 * The registry's FeePaymentStore and RefundStore (migration 0033), written once on SqlDb. The
 * case id keys a fee payment and its 财政电子票据, the refunded charge keys a refund record; the
 * first record wins, so a duplicate callback, a double tap or a retry on another node stores
 * nothing new and reads the record that stands.
 */
import type { FiscalReceipt, RefundRecord } from '../../domain/fees';
import type { FeePaymentRecord, FeePaymentStore, RefundStore } from '../../ports';
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

export class SqlFeePaymentStore implements FeePaymentStore {
  constructor(private readonly db: SqlDb) {}

  async recordCharge(r: FeePaymentRecord): Promise<FeePaymentRecord> {
    await this.db.run(
      `INSERT INTO fee_payments
         (case_id, payer_id, idempotency_key, charge_id, amount_fen, charged_at, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [r.caseId, r.payerId, r.idempotencyKey, r.chargeId, r.amountFen, r.chargedAt, r.recordedAt],
    );
    const stored = await this.chargeOf(r.caseId);
    if (!stored) throw new Error(`fee payment of ${r.caseId} conflicts with another case`);
    return stored;
  }

  async chargeOf(caseId: string): Promise<FeePaymentRecord | undefined> {
    const row = await this.db.get<PaymentRow>(
      `SELECT case_id, payer_id, idempotency_key, charge_id, amount_fen, charged_at, recorded_at
         FROM fee_payments WHERE case_id = ?`,
      [caseId],
    );
    return (
      row && {
        caseId: row.case_id,
        payerId: row.payer_id,
        idempotencyKey: row.idempotency_key,
        chargeId: row.charge_id,
        amountFen: Number(row.amount_fen),
        chargedAt: row.charged_at,
        recordedAt: row.recorded_at,
      }
    );
  }

  async recordReceipt(caseId: string, receipt: FiscalReceipt, at: string): Promise<FiscalReceipt> {
    await this.db.run(
      `INSERT INTO fee_receipts (case_id, bill_no, digest, receipt_json, recorded_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING`,
      [caseId, receipt.body.billNo, receipt.seal.digest, JSON.stringify(receipt), at],
    );
    const stored = await this.receiptOf(caseId);
    if (!stored) throw new Error(`fiscal receipt of ${caseId} could not be stored`);
    return stored;
  }

  async receiptOf(caseId: string): Promise<FiscalReceipt | undefined> {
    const row = await this.db.get<{ receipt_json: string }>(
      'SELECT receipt_json FROM fee_receipts WHERE case_id = ?',
      [caseId],
    );
    return row && (JSON.parse(row.receipt_json) as FiscalReceipt);
  }
}

export class SqlRefundStore implements RefundStore {
  constructor(private readonly db: SqlDb) {}

  async record(r: RefundRecord, at: string): Promise<RefundRecord> {
    const b = r.body;
    await this.db.run(
      `INSERT INTO case_refunds
         (charge_id, case_id, kind, payer_id, amount_fen, refund_no, record_json, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (charge_id) DO NOTHING`,
      [b.chargeId, b.caseId, b.kind, b.payerId, b.amountFen, b.refundNo, JSON.stringify(r), at],
    );
    const stored = await this.ofCharge(b.chargeId);
    if (!stored) throw new Error(`refund record of ${b.chargeId} could not be stored`);
    return stored;
  }

  async ofCharge(chargeId: string): Promise<RefundRecord | undefined> {
    const row = await this.db.get<{ record_json: string }>(
      'SELECT record_json FROM case_refunds WHERE charge_id = ?',
      [chargeId],
    );
    return row && (JSON.parse(row.record_json) as RefundRecord);
  }

  async ofCase(caseId: string): Promise<RefundRecord[]> {
    const rows = await this.db.all<{ record_json: string }>(
      'SELECT record_json FROM case_refunds WHERE case_id = ? ORDER BY kind, charge_id',
      [caseId],
    );
    return rows.map((r) => JSON.parse(r.record_json) as RefundRecord);
  }
}
