/**
 * The finance department simulator (财政): issues the sealed 财政电子票据 of a paid registration
 * fee (one per case; asking again returns the same) and the sealed refund record (退付凭证) of a
 * refunded charge (one per charge), with ITS OWN SM2 key ('finance-department' in the key store,
 * published at GET /api/v1/keys) — not the registry's, not 税务's. A fault plan can make it
 * unavailable. What it issued lives in the registry's database (migration 0033), so every node
 * answers the same.
 */
import { randomBytes } from 'node:crypto';
import {
  bytesToBigint,
  encodePublicKeyHex,
  kSourceFromRandomBytes,
  publicKeyFromPrivateKey,
  SM2_CURVE,
  type KSource,
} from '../../domain/crypto';
import {
  financeDigestHex,
  FINANCE_DEPARTMENT_NAME,
  sealFiscalReceipt,
  sealRefundRecord,
  type FiscalReceipt,
  type RefundRecord,
} from '../../domain/fees';
import {
  PaymentFailure,
  type Clock,
  type FinanceDepartment,
  type FiscalReceiptRequest,
  type IdGenerator,
  type RefundRecordRequest,
} from '../../ports';
import type { KeyStore } from '../../ports/keys';
import { noFaults, type FaultPlan } from '../payment-sim/faults';
import type { SqlDb } from '../sql/types';

/** the key store's name of the department's key */
export const FINANCE_KEY_NAME = 'finance-department';
/** 收款单位 printed on the receipt (assumption: the registry's authority collects the fee) */
export const FEE_PAYEE = '台州市自然资源和规划局';
/** 票据代码 of the simulated 财政电子票据 (assumption: Zhejiang's 非税收入 code form) */
export const BILL_CODE = '33010126';

export interface SimulatedFinanceDepartmentOptions {
  db: SqlDb;
  keyId: string;
  privateKey: bigint;
  clock: Clock;
  ids: IdGenerator;
  faults?: FaultPlan;
  kSource?: KSource;
}

export class SimulatedFinanceDepartment implements FinanceDepartment {
  readonly name = FINANCE_DEPARTMENT_NAME;
  readonly publicKeyHex: string;
  private readonly faults: FaultPlan;
  private readonly kSource: KSource;

  constructor(private readonly opts: SimulatedFinanceDepartmentOptions) {
    this.publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(opts.privateKey));
    this.faults = opts.faults ?? noFaults;
    this.kSource = opts.kSource ?? kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));
  }

  private get key() {
    return { keyId: this.opts.keyId, privateKey: this.opts.privateKey };
  }

  private async up(): Promise<void> {
    if ((await this.faults.next()) !== 'ok') {
      throw new PaymentFailure('unavailable', '财政票据系统暂时不可用');
    }
  }

  async issueReceipt(request: FiscalReceiptRequest): Promise<FiscalReceipt> {
    await this.up();
    const existing = await this.receiptOf(request.caseId);
    if (existing) return existing;
    const billNo = this.opts.ids.next('PJ');
    const issuedAt = this.opts.clock.now().toISOString();
    const receipt = sealFiscalReceipt(
      {
        billCode: BILL_CODE,
        billNo,
        // 校验码: the first characters of the digest of what it certifies
        checkCode: financeDigestHex({ billNo, caseId: request.caseId, chargeId: request.chargeId })
          .slice(0, 6)
          .toUpperCase(),
        caseId: request.caseId,
        payerId: request.payerId,
        payerName: request.payerName,
        payee: FEE_PAYEE,
        items: request.items.map((i) => ({ ...i })),
        totalFen: request.totalFen,
        chargeId: request.chargeId,
        paidAt: request.paidAt,
        issuedAt,
        issuer: FINANCE_DEPARTMENT_NAME,
      },
      this.key,
      this.kSource,
    );
    await this.opts.db.run(
      `INSERT INTO finance_department_receipts (case_id, bill_no, receipt_json, issued_at)
       VALUES (?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING`,
      [request.caseId, billNo, JSON.stringify(receipt), issuedAt],
    );
    return (await this.receiptOf(request.caseId)) as FiscalReceipt;
  }

  async receiptOf(caseId: string): Promise<FiscalReceipt | undefined> {
    const row = await this.opts.db.get<{ receipt_json: string }>(
      'SELECT receipt_json FROM finance_department_receipts WHERE case_id = ?',
      [caseId],
    );
    return row && (JSON.parse(row.receipt_json) as FiscalReceipt);
  }

  async issueRefundRecord(request: RefundRecordRequest): Promise<RefundRecord> {
    await this.up();
    const existing = await this.refundOf(request.chargeId);
    if (existing) return existing;
    const refundNo = this.opts.ids.next('TF');
    const issuedAt = this.opts.clock.now().toISOString();
    const record = sealRefundRecord(
      {
        refundNo,
        caseId: request.caseId,
        kind: request.kind,
        payerId: request.payerId,
        amountFen: request.amountFen,
        chargeId: request.chargeId,
        ...(request.receiptNo ? { receiptNo: request.receiptNo } : {}),
        refundId: request.refundId,
        reason: request.reason,
        refundedAt: request.refundedAt,
        issuedAt,
        issuer: FINANCE_DEPARTMENT_NAME,
      },
      this.key,
      this.kSource,
    );
    await this.opts.db.run(
      `INSERT INTO finance_department_refunds (charge_id, refund_no, record_json, issued_at)
       VALUES (?, ?, ?, ?) ON CONFLICT (charge_id) DO NOTHING`,
      [request.chargeId, refundNo, JSON.stringify(record), issuedAt],
    );
    return (await this.refundOf(request.chargeId)) as RefundRecord;
  }

  private async refundOf(chargeId: string): Promise<RefundRecord | undefined> {
    const row = await this.opts.db.get<{ record_json: string }>(
      'SELECT record_json FROM finance_department_refunds WHERE charge_id = ?',
      [chargeId],
    );
    return row && (JSON.parse(row.record_json) as RefundRecord);
  }
}

/** A fresh random key (tests). */
export function generateFinanceDepartmentKey(): { keyId: string; privateKey: bigint } {
  let d = 0n;
  while (d < 1n || d > SM2_CURVE.n - 2n) d = bytesToBigint(new Uint8Array(randomBytes(32)));
  const pub = encodePublicKeyHex(publicKeyFromPrivateKey(d));
  return { keyId: `FIN-${pub.slice(2, 18).toUpperCase()}`, privateKey: d };
}

/** The department's key from the key store (created on first use, published at GET /api/v1/keys). */
export async function loadFinanceDepartmentKey(
  keys: KeyStore,
): Promise<{ keyId: string; privateKey: bigint }> {
  const key = await keys.current(FINANCE_KEY_NAME);
  return { keyId: key.keyId, privateKey: key.privateKey };
}
