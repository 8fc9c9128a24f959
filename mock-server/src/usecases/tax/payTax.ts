/**
 * payTax (缴税): pays a case's assessed taxes through the PaymentGateway and
 * obtains exactly one sealed taxReceipt from the TaxDepartment. With a `taxpayer`, it pays only
 * the lines naming that taxpayer and the receipt names them (docs/registry-facts.md §13: each
 * taxpayer pays their own lines and gets their own 完税证明); every "per case" below is then
 * "per case and taxpayer".
 *
 * Exactly once, by construction:
 * - every attempt for a case carries the SAME idempotency key (`taxIdempotencyKey(caseId)`), so
 *   retries after timeouts, transient failures and double taps charge at most once at the
 *   gateway;
 * - the registry's store keys charges and receipts by case id, first record wins, so the
 *   synchronous answer and (possibly duplicated) callbacks record one charge, whichever node
 *   they reach;
 * - the department issues one receipt per case; asking again returns the same receipt.
 * After the retries run out, the gateway is asked by key whether the charge happened (a timeout
 * may hide a success) before giving up.
 */
import { AppError } from '../../domain/errors';
import type { TaxAssessment } from '../../domain/tax';
import {
  amountOwedBy,
  linesOf,
  verifyTaxReceipt,
  type TaxReceipt,
  type TaxReceiptLine,
} from '../../domain/tax';
import {
  PaymentFailure,
  type Charge,
  type Clock,
  type PaymentCallback,
  type PaymentGateway,
  type TaxDepartment,
  type TaxPaymentRecord,
  type TaxPaymentStore,
} from '../../ports';

export type TaxPaymentErrorCode =
  /** the gateway did not answer after every retry and no charge exists: nothing was charged */
  | 'PAYMENT_UNAVAILABLE'
  /** paid, but the department did not issue the receipt yet: call payTax again later */
  | 'RECEIPT_UNAVAILABLE'
  /** the case was paid for a different amount (the assessment changed after payment) */
  | 'PAYMENT_CONFLICT';

const MESSAGES: Record<TaxPaymentErrorCode, string> = {
  PAYMENT_UNAVAILABLE: '支付暂时无法完成，未发生扣款，请稍后重试',
  RECEIPT_UNAVAILABLE: '已缴款，完税证明正在开具，请稍后查看',
  PAYMENT_CONFLICT: '本办件已按其他金额缴税，请联系登记机构',
};

/** A refused or unfinished tax payment: an AppError whose code names what the payer can do. */
export class TaxPaymentError extends AppError {
  constructor(readonly code: TaxPaymentErrorCode) {
    super(code, MESSAGES[code]);
    this.name = 'TaxPaymentError';
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  /** the caller's timeout per gateway call */
  timeoutMs: number;
  /** first backoff; doubles each retry */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, timeoutMs: 5000, backoffMs: 200 };

export interface TaxPaymentDeps {
  gateway: PaymentGateway;
  taxDepartment: TaxDepartment;
  /** the department's public key as the registry trusts it (not taken from a receipt) */
  taxDepartmentPublicKeyHex: string;
  store: TaxPaymentStore;
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryPolicy>;
}

export interface PayTaxInput {
  caseId: string;
  /** who pays (person id); one payment covers the case's taxes (一件事 combined payment) */
  payerId: string;
  assessment: TaxAssessment;
  unitCode?: string;
  /** pay only this taxpayer's lines; the receipt names them */
  taxpayer?: { personId: string; name: string };
}

export interface PayTaxResult {
  charge: TaxPaymentRecord;
  receipt: TaxReceipt;
}

export interface TaxPaidCheck {
  paid: boolean;
  reason?: string;
  receipt?: TaxReceipt;
}

/** the one idempotency key of a case's tax payment */
export const taxIdempotencyKey = (caseId: string, payerId?: string): string =>
  payerId ? `TAX-${caseId}-${payerId}` : `TAX-${caseId}`;

const receiptLines = (a: TaxAssessment, payerId?: string): TaxReceiptLine[] =>
  (payerId ? linesOf(a, payerId) : a.lines).map((l) => ({
    tax: l.tax,
    payer: l.payer,
    baseFen: l.baseFen,
    rate: l.rate,
    amountFen: l.amountFen,
  }));

export function createTaxPayment(deps: TaxPaymentDeps) {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = () => deps.clock.now().toISOString();

  function record(charge: Charge, payerId?: string): Promise<TaxPaymentRecord> {
    return deps.store.recordCharge({
      caseId: charge.caseId,
      ...(payerId ? { payerId } : {}),
      idempotencyKey: charge.idempotencyKey,
      chargeId: charge.chargeId,
      amountFen: charge.amountFen,
      chargedAt: charge.chargedAt,
      recordedAt: now(),
    });
  }

  async function chargeOnce(input: PayTaxInput, amountFen: number): Promise<TaxPaymentRecord> {
    const payerId = input.taxpayer?.personId;
    const key = taxIdempotencyKey(input.caseId, payerId);
    const request = {
      idempotencyKey: key,
      caseId: input.caseId,
      payerId: input.payerId,
      amountFen,
      description: `不动产交易税费（办件${input.caseId}${payerId ? '，本人名下税款' : ''}）`,
    };
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      try {
        return await record(
          await deps.gateway.charge(request, { timeoutMs: retry.timeoutMs }),
          payerId,
        );
      } catch (e) {
        if (!(e instanceof PaymentFailure)) throw e;
        if (e.kind === 'idempotencyConflict') throw new TaxPaymentError('PAYMENT_CONFLICT');
        // a callback may have recorded it meanwhile
        const recorded = await deps.store.chargeOf(input.caseId, payerId);
        if (recorded) return recorded;
        if (attempt < retry.maxAttempts) await sleep(retry.backoffMs * 2 ** (attempt - 1));
      }
    }
    const found = await deps.gateway.find(key);
    if (found) return record(found, payerId);
    throw new TaxPaymentError('PAYMENT_UNAVAILABLE');
  }

  async function ensureReceipt(
    caseId: string,
    charge: TaxPaymentRecord,
    assessment: TaxAssessment | undefined,
    unitCode: string | undefined,
    taxpayer?: { personId: string; name: string },
  ): Promise<TaxReceipt> {
    const payerId = taxpayer?.personId;
    const stored = await deps.store.receiptOf(caseId, payerId);
    if (stored) return stored;
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      try {
        const receipt = await deps.taxDepartment.issueReceipt({
          caseId,
          ...(taxpayer ? { taxpayer } : {}),
          ...(unitCode ? { unitCode } : {}),
          lines: assessment ? receiptLines(assessment, payerId) : [],
          totalFen: charge.amountFen,
          chargeId: charge.chargeId,
          paidAt: charge.chargedAt,
        });
        return await deps.store.recordReceipt(caseId, receipt, now(), payerId);
      } catch (e) {
        if (!(e instanceof PaymentFailure)) throw e;
        if (attempt < retry.maxAttempts) await sleep(retry.backoffMs * 2 ** (attempt - 1));
      }
    }
    throw new TaxPaymentError('RECEIPT_UNAVAILABLE');
  }

  /** payTax: charge once, record once, one sealed receipt; safe to call again (double tap) */
  async function payTax(input: PayTaxInput): Promise<PayTaxResult> {
    const payerId = input.taxpayer?.personId;
    const amountFen = payerId
      ? amountOwedBy(input.assessment, payerId)
      : input.assessment.totals.all;
    let charge = await deps.store.chargeOf(input.caseId, payerId);
    if (charge && charge.amountFen !== amountFen) throw new TaxPaymentError('PAYMENT_CONFLICT');
    if (!charge) {
      charge =
        amountFen === 0
          ? // everything exempt: nothing to charge, the receipt still states it (免税)
            await deps.store.recordCharge({
              caseId: input.caseId,
              ...(payerId ? { payerId } : {}),
              idempotencyKey: taxIdempotencyKey(input.caseId, payerId),
              chargeId: `EXEMPT-${input.caseId}${payerId ? `-${payerId}` : ''}`,
              amountFen: 0,
              chargedAt: now(),
              recordedAt: now(),
            })
          : await chargeOnce(input, amountFen);
    }
    if (charge.amountFen !== amountFen) throw new TaxPaymentError('PAYMENT_CONFLICT');
    const receipt = await ensureReceipt(
      input.caseId,
      charge,
      input.assessment,
      input.unitCode,
      input.taxpayer,
    );
    return { charge, receipt };
  }

  /** the gateway's callback (at least once): records the charge; a duplicate changes nothing */
  function handleCallback(callback: PaymentCallback): Promise<TaxPaymentRecord> {
    // a taxpayer's own payment carries their id in its key (taxIdempotencyKey)
    const prefix = `TAX-${callback.caseId}-`;
    const payerId = callback.idempotencyKey.startsWith(prefix)
      ? callback.idempotencyKey.slice(prefix.length)
      : undefined;
    return record(callback, payerId);
  }

  /**
   * Before approval: is the case's tax paid? Reads the receipt from the tax department (shared
   * data) and checks its seal with the TRUSTED department key; no paper receipt is asked for.
   */
  async function verifyTaxPaid(caseId: string, payerId?: string): Promise<TaxPaidCheck> {
    const receipt = await deps.taxDepartment.receiptOf(caseId, payerId);
    if (!receipt) return { paid: false, reason: '税务部门未共享完税信息' };
    if (!verifyTaxReceipt(receipt, deps.taxDepartmentPublicKeyHex)) {
      return { paid: false, reason: '完税证明的电子印章验证未通过' };
    }
    if (receipt.body.caseId !== caseId) return { paid: false, reason: '完税证明与办件不符' };
    if (payerId && receipt.body.taxpayer?.personId !== payerId)
      return { paid: false, reason: '完税证明与纳税人不符' };
    // the registry keeps its copy of every receipt it relies on: a node stopped between the
    // department's receipt and storing it leaves the case to go on without one (first record wins)
    await deps.store.recordReceipt(caseId, receipt, now(), payerId);
    return { paid: true, receipt };
  }

  deps.gateway.onCallback(async (cb) => {
    await handleCallback(cb);
  });

  return { payTax, handleCallback, verifyTaxPaid };
}

export type TaxPayment = ReturnType<typeof createTaxPayment>;
