/**
 * payFee (缴纳登记费): charges a case's registration fee through the PaymentGateway once and
 * obtains exactly one sealed 财政电子票据 from the finance department (docs/registry-facts.md §14).
 *
 * Exactly once, as for the tax: every attempt for a case carries the same idempotency key
 * (`feeIdempotencyKey(caseId)`), so retries, timeouts and double taps charge at most once; the
 * registry's store keeps the first charge and the first receipt of a case, whichever node or
 * callback brings it; the department issues one receipt per case. After the retries run out the
 * gateway is asked by key whether the charge happened before giving up (the treasury account's
 * gateway answers synchronously; its callbacks carry no payer and are not needed here).
 */
import { AppError } from '../../domain/errors';
import { verifyFinanceSeal, type FiscalReceipt, type FiscalReceiptItem } from '../../domain/fees';
import {
  PaymentFailure,
  type Charge,
  type Clock,
  type FeePaymentRecord,
  type FeePaymentStore,
  type FinanceDepartment,
  type PaymentGateway,
} from '../../ports';

export type FeePaymentErrorCode =
  'PAYMENT_UNAVAILABLE' | 'RECEIPT_UNAVAILABLE' | 'PAYMENT_CONFLICT';

const MESSAGES: Record<FeePaymentErrorCode, string> = {
  PAYMENT_UNAVAILABLE: '支付暂时无法完成，未发生扣款，请稍后重试',
  RECEIPT_UNAVAILABLE: '已缴款，财政电子票据正在开具，请稍后查看',
  PAYMENT_CONFLICT: '本办件已按其他金额缴纳登记费，请联系登记机构',
};

export class FeePaymentError extends AppError {
  constructor(readonly code: FeePaymentErrorCode) {
    super(code, MESSAGES[code], { retryAfterSeconds: 5 });
    this.name = 'FeePaymentError';
  }
}

export interface FeeRetryPolicy {
  maxAttempts: number;
  timeoutMs: number;
  backoffMs: number;
}

export const DEFAULT_FEE_RETRY: FeeRetryPolicy = {
  maxAttempts: 4,
  timeoutMs: 5000,
  backoffMs: 200,
};

export interface FeePaymentDeps {
  /** the gateway of the treasury's account (its own callbacks) */
  gateway: PaymentGateway;
  finance: FinanceDepartment;
  /** the finance department's key as the registry trusts it (never taken from a receipt) */
  financePublicKeyHex: string;
  store: FeePaymentStore;
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<FeeRetryPolicy>;
}

export interface PayFeeInput {
  caseId: string;
  payerId: string;
  payerName: string;
  items: FiscalReceiptItem[];
  amountFen: number;
}

/** the one idempotency key of a case's fee payment */
export const feeIdempotencyKey = (caseId: string): string => `FEE-${caseId}`;

export function createFeePayment(deps: FeePaymentDeps) {
  const retry: FeeRetryPolicy = { ...DEFAULT_FEE_RETRY, ...deps.retry };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = () => deps.clock.now().toISOString();
  const backoff = (attempt: number) => sleep(retry.backoffMs * 2 ** (attempt - 1));

  const record = (charge: Charge, payerId: string): Promise<FeePaymentRecord> =>
    deps.store.recordCharge({
      caseId: charge.caseId,
      payerId,
      idempotencyKey: charge.idempotencyKey,
      chargeId: charge.chargeId,
      amountFen: charge.amountFen,
      chargedAt: charge.chargedAt,
      recordedAt: now(),
    });

  async function chargeOnce(input: PayFeeInput): Promise<FeePaymentRecord> {
    const key = feeIdempotencyKey(input.caseId);
    const request = {
      idempotencyKey: key,
      caseId: input.caseId,
      payerId: input.payerId,
      amountFen: input.amountFen,
      description: `不动产登记费（办件${input.caseId}）`,
    };
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      try {
        return await record(
          await deps.gateway.charge(request, { timeoutMs: retry.timeoutMs }),
          input.payerId,
        );
      } catch (e) {
        if (!(e instanceof PaymentFailure)) throw e;
        if (e.kind === 'idempotencyConflict') throw new FeePaymentError('PAYMENT_CONFLICT');
        const recorded = await deps.store.chargeOf(input.caseId);
        if (recorded) return recorded;
        if (attempt < retry.maxAttempts) await backoff(attempt);
      }
    }
    const found = await deps.gateway.find(key);
    if (found) return record(found, input.payerId);
    throw new FeePaymentError('PAYMENT_UNAVAILABLE');
  }

  async function ensureReceipt(
    input: PayFeeInput,
    charge: FeePaymentRecord,
  ): Promise<FiscalReceipt> {
    const stored = await deps.store.receiptOf(input.caseId);
    if (stored) return stored;
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      try {
        const receipt = await deps.finance.issueReceipt({
          caseId: input.caseId,
          payerId: charge.payerId,
          payerName: input.payerName,
          items: input.items,
          totalFen: charge.amountFen,
          chargeId: charge.chargeId,
          paidAt: charge.chargedAt,
        });
        return await deps.store.recordReceipt(input.caseId, receipt, now());
      } catch (e) {
        if (!(e instanceof PaymentFailure)) throw e;
        if (attempt < retry.maxAttempts) await backoff(attempt);
      }
    }
    throw new FeePaymentError('RECEIPT_UNAVAILABLE');
  }

  /** charge once, record once, one sealed 财政电子票据; safe to call again (double tap, retry) */
  async function payFee(
    input: PayFeeInput,
  ): Promise<{ charge: FeePaymentRecord; receipt: FiscalReceipt }> {
    let charge = await deps.store.chargeOf(input.caseId);
    if (!charge) charge = await chargeOnce(input);
    if (charge.amountFen !== input.amountFen) throw new FeePaymentError('PAYMENT_CONFLICT');
    return { charge, receipt: await ensureReceipt(input, charge) };
  }

  /** the registry's 财政电子票据 of a case whose finance seal checks out with the trusted key */
  async function verifiedReceipt(caseId: string): Promise<FiscalReceipt | undefined> {
    const r = (await deps.store.receiptOf(caseId)) ?? (await deps.finance.receiptOf(caseId));
    return r && r.body.caseId === caseId && verifyFinanceSeal(r, deps.financePublicKeyHex)
      ? r
      : undefined;
  }

  return { payFee, verifiedReceipt };
}

export type FeePayment = ReturnType<typeof createFeePayment>;
