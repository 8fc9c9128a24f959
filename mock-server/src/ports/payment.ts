/**
 * Ports of tax payment: the payment gateway, the tax department that issues
 * the sealed 完税证明 (taxReceipt), and the registry's own record of both.
 */
import type { TaxReceipt, TaxReceiptLine } from '../domain/tax';

export interface ChargeRequest {
  /** the same key on every retry of the same payment: the gateway charges it at most once */
  idempotencyKey: string;
  caseId: string;
  payerId: string;
  amountFen: number;
  description: string;
}

export interface Charge {
  chargeId: string;
  idempotencyKey: string;
  caseId: string;
  amountFen: number;
  chargedAt: string;
}

/** The gateway's asynchronous notice of a charge; delivered at least once (maybe twice). */
export interface PaymentCallback extends Charge {
  deliveryId: string;
}

export type PaymentFailureKind =
  /** no answer within the caller's timeout: the charge may or may not have happened */
  | 'timeout'
  /** the gateway refused before charging; retrying later may succeed */
  | 'unavailable'
  /** the same idempotency key with a different amount or case: never retry */
  | 'idempotencyConflict';

export class PaymentFailure extends Error {
  constructor(
    readonly kind: PaymentFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentFailure';
  }
}

export interface PaymentGateway {
  /** charges once per idempotency key; throws PaymentFailure */
  charge(request: ChargeRequest, options: { timeoutMs: number }): Promise<Charge>;
  /** reconciliation after timeouts: the charge made under this key, if any */
  find(idempotencyKey: string): Promise<Charge | undefined>;
  /** registers the receiver of payment callbacks (at-least-once delivery) */
  onCallback(handler: (callback: PaymentCallback) => void | Promise<void>): void;
}

export interface ReceiptRequest {
  caseId: string;
  /** the taxpayer the receipt names (per-taxpayer payment); absent = the whole case in one payment */
  taxpayer?: { personId: string; name: string };
  unitCode?: string;
  lines: TaxReceiptLine[];
  totalFen: number;
  chargeId: string;
  paidAt: string;
}

/** The tax department (税务): issues the sealed taxReceipt, at most one per case. */
export interface TaxDepartment {
  /** the department's SM2 public key, 04‖x‖y hex (how the registry verifies a receipt) */
  readonly publicKeyHex: string;
  /** idempotent per case and taxpayer: asking again returns the same receipt; throws PaymentFailure('unavailable') when down */
  issueReceipt(request: ReceiptRequest): Promise<TaxReceipt>;
  /** shared data: the receipt of a case (of one taxpayer, by person id), if issued */
  receiptOf(caseId: string, payerId?: string): Promise<TaxReceipt | undefined>;
}

export interface TaxPaymentRecord {
  caseId: string;
  /** the taxpayer who paid their own lines (person id); absent = the whole case in one payment */
  payerId?: string;
  idempotencyKey: string;
  chargeId: string;
  amountFen: number;
  chargedAt: string;
  recordedAt: string;
}

/**
 * The registry's record: one charge and one receipt per case and taxpayer, whatever arrives
 * twice and on whichever node (case id + payer id is the key; the first record wins). A payer id
 * left out is the whole case paid in one payment (before taxes were per taxpayer).
 */
export interface TaxPaymentStore {
  /** records the charge once; returns the stored record (the first one wins) */
  recordCharge(record: TaxPaymentRecord): Promise<TaxPaymentRecord>;
  chargeOf(caseId: string, payerId?: string): Promise<TaxPaymentRecord | undefined>;
  /** every charge of the case: one per taxpayer who paid (or the one whole-case charge) */
  chargesOf(caseId: string): Promise<TaxPaymentRecord[]>;
  /** records the receipt once; returns the stored receipt (the first one wins) */
  recordReceipt(
    caseId: string,
    receipt: TaxReceipt,
    at: string,
    payerId?: string,
  ): Promise<TaxReceipt>;
  receiptOf(caseId: string, payerId?: string): Promise<TaxReceipt | undefined>;
}
