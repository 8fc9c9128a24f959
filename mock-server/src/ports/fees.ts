/**
 * Ports of the registration fee and of refunds (docs/registry-facts.md §14): the finance
 * department that issues the sealed 财政电子票据 and refund records, the gateway's refunds, and the
 * registry's own record of fee payments and refunds.
 */
import type {
  FiscalReceipt,
  FiscalReceiptItem,
  RefundKind,
  RefundReason,
  RefundRecord,
} from '../domain/fees';

export interface FiscalReceiptRequest {
  caseId: string;
  payerId: string;
  payerName: string;
  items: FiscalReceiptItem[];
  totalFen: number;
  chargeId: string;
  paidAt: string;
}

export interface RefundRecordRequest {
  caseId: string;
  kind: RefundKind;
  payerId: string;
  amountFen: number;
  chargeId: string;
  receiptNo?: string;
  refundId: string;
  refundedAt: string;
  reason: RefundReason;
}

/** The finance department (财政): one receipt per case, one refund record per refunded charge. */
export interface FinanceDepartment {
  /** the department's SM2 public key, 04‖x‖y hex */
  readonly publicKeyHex: string;
  /** idempotent per caseId; throws PaymentFailure('unavailable') when down */
  issueReceipt(request: FiscalReceiptRequest): Promise<FiscalReceipt>;
  receiptOf(caseId: string): Promise<FiscalReceipt | undefined>;
  /** idempotent per chargeId; throws PaymentFailure('unavailable') when down */
  issueRefundRecord(request: RefundRecordRequest): Promise<RefundRecord>;
}

export interface RefundRequest {
  /** the same key on every retry of the same refund: the gateway pays it back at most once */
  idempotencyKey: string;
  caseId: string;
  chargeId: string;
  amountFen: number;
}

export interface Refund {
  refundId: string;
  idempotencyKey: string;
  caseId: string;
  chargeId: string;
  amountFen: number;
  refundedAt: string;
}

/** The payment gateway's refunds ("原路退回" to the instrument that paid). */
export interface RefundGateway {
  /** refunds once per idempotency key; throws PaymentFailure */
  refund(request: RefundRequest, options: { timeoutMs: number }): Promise<Refund>;
  /** reconciliation after a timeout: the refund made under this key, if any */
  findRefund(idempotencyKey: string): Promise<Refund | undefined>;
}

export interface FeePaymentRecord {
  caseId: string;
  payerId: string;
  idempotencyKey: string;
  chargeId: string;
  amountFen: number;
  chargedAt: string;
  recordedAt: string;
}

/** The registry's fee record: one charge and one 财政电子票据 per case, the first record wins. */
export interface FeePaymentStore {
  recordCharge(record: FeePaymentRecord): Promise<FeePaymentRecord>;
  chargeOf(caseId: string): Promise<FeePaymentRecord | undefined>;
  recordReceipt(caseId: string, receipt: FiscalReceipt, at: string): Promise<FiscalReceipt>;
  receiptOf(caseId: string): Promise<FiscalReceipt | undefined>;
}

/** The registry's sealed refund records: one per refunded charge, the first record wins. */
export interface RefundStore {
  record(record: RefundRecord, at: string): Promise<RefundRecord>;
  ofCharge(chargeId: string): Promise<RefundRecord | undefined>;
  ofCase(caseId: string): Promise<RefundRecord[]>;
}
