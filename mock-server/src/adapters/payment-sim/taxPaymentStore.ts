/**
 * The registry's TaxPaymentStore: in memory (unit tests, demo without a database) and SQLite
 * (migration 0009: tax_payments, tax_receipts). In both, the case id is the key, and the first
 * record wins: a duplicate callback or a concurrent double tap stores nothing new.
 */
import type { TaxReceipt } from '../../domain/tax';
import type { TaxPaymentRecord, TaxPaymentStore } from '../../ports';
import type { Db } from '../sqlite/database';

/** receipts are JSON: a JSON round trip copies them as plain objects (canonicalJson needs those) */
const cloneJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class MemoryTaxPaymentStore implements TaxPaymentStore {
  private readonly charges = new Map<string, TaxPaymentRecord>();
  private readonly receipts = new Map<string, TaxReceipt>();

  recordCharge(record: TaxPaymentRecord): TaxPaymentRecord {
    const existing = this.charges.get(record.caseId);
    if (existing) return { ...existing };
    this.charges.set(record.caseId, { ...record });
    return { ...record };
  }

  chargeOf(caseId: string): TaxPaymentRecord | undefined {
    const r = this.charges.get(caseId);
    return r && { ...r };
  }

  recordReceipt(caseId: string, receipt: TaxReceipt): TaxReceipt {
    const existing = this.receipts.get(caseId);
    if (existing) return cloneJson(existing);
    this.receipts.set(caseId, cloneJson(receipt));
    return cloneJson(receipt);
  }

  receiptOf(caseId: string): TaxReceipt | undefined {
    const r = this.receipts.get(caseId);
    return r && cloneJson(r);
  }

  countCharges(): number {
    return this.charges.size;
  }

  countReceipts(): number {
    return this.receipts.size;
  }
}

interface PaymentRow {
  case_id: string;
  idempotency_key: string;
  charge_id: string;
  amount_fen: number;
  charged_at: string;
  recorded_at: string;
}

export class SqliteTaxPaymentStore implements TaxPaymentStore {
  constructor(private readonly db: Db) {}

  recordCharge(record: TaxPaymentRecord): TaxPaymentRecord {
    this.db
      .prepare(
        `INSERT INTO tax_payments (case_id, idempotency_key, charge_id, amount_fen, charged_at, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        record.caseId,
        record.idempotencyKey,
        record.chargeId,
        record.amountFen,
        record.chargedAt,
        record.recordedAt,
      );
    const stored = this.chargeOf(record.caseId);
    if (!stored) throw new Error(`tax payment of ${record.caseId} conflicts with another case`);
    return stored;
  }

  chargeOf(caseId: string): TaxPaymentRecord | undefined {
    const row = this.db.prepare('SELECT * FROM tax_payments WHERE case_id = ?').get(caseId) as
      PaymentRow | undefined;
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

  recordReceipt(caseId: string, receipt: TaxReceipt, at: string): TaxReceipt {
    this.db
      .prepare(
        `INSERT INTO tax_receipts (case_id, receipt_no, digest, receipt_json, recorded_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING`,
      )
      .run(caseId, receipt.body.receiptNo, receipt.seal.digest, JSON.stringify(receipt), at);
    const stored = this.receiptOf(caseId);
    if (!stored) throw new Error(`receipt of ${caseId} could not be stored`);
    return stored;
  }

  receiptOf(caseId: string): TaxReceipt | undefined {
    const row = this.db
      .prepare('SELECT receipt_json FROM tax_receipts WHERE case_id = ?')
      .get(caseId) as { receipt_json: string } | undefined;
    return row && (JSON.parse(row.receipt_json) as TaxReceipt);
  }
}
