/**
 * Refunds (退费退税, docs/registry-facts.md §14): a case withdrawn, refused or not accepted after
 * payment gets its registration fee and its tax back through the same gateway, exactly once,
 * each with a refund record sealed by the finance department and shown to the payer.
 *
 * Exactly once and durable, by construction: each paid charge is refunded under ONE idempotency
 * key (`refundIdempotencyKey(chargeId)`), so retries, timeouts and two nodes at once pay back at
 * most once (the gateway's refund ledger); what is still owed is read from the store every time
 * (paid charges of an ended case without a refund record), never kept in memory, so a refund
 * interrupted by a crash is finished by `resume` at the next start or by the next case event;
 * the department issues one record per charge and the registry keeps the first.
 */
import {
  CLOSED_UNRECORDED_STATUSES,
  outcomeOf,
  refundsPayments,
  type CaseRecord,
} from '../../domain/cases';
import type { RefundKind, RefundReason, RefundRecord } from '../../domain/fees';
import {
  type CaseStore,
  type Clock,
  type FinanceDepartment,
  type Refund,
  type RefundGateway,
  type RefundStore,
  PaymentFailure,
} from '../../ports';

/** A payment made for a case, as the registry recorded it. */
export interface PaidCharge {
  kind: RefundKind;
  chargeId: string;
  amountFen: number;
  payerId: string;
  /** the 财政电子票据 or 完税证明 it reverses */
  receiptNo?: string;
}

export interface CaseRefundsDeps {
  caseStore: Pick<CaseStore, 'get' | 'listByStatus'>;
  gateway: RefundGateway;
  finance: Pick<FinanceDepartment, 'issueRefundRecord'>;
  store: RefundStore;
  /** every charge paid for the case (its fee, its tax) */
  paymentsOf: (caseId: string) => Promise<PaidCharge[]>;
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
  retry?: { maxAttempts?: number; timeoutMs?: number; backoffMs?: number };
}

/** the one idempotency key of a charge's refund */
export const refundIdempotencyKey = (chargeId: string): string => `REFUND-${chargeId}`;

export class RefundsUnfinished extends Error {
  constructor(readonly caseId: string) {
    super(`refunds of ${caseId} not finished; they are retried`);
    this.name = 'RefundsUnfinished';
  }
}

export class CaseRefunds {
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: CaseRefundsDeps) {
    this.maxAttempts = deps.retry?.maxAttempts ?? 4;
    this.timeoutMs = deps.retry?.timeoutMs ?? 5000;
    this.backoffMs = deps.retry?.backoffMs ?? 200;
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /**
   * Refunds what was paid for a case that ended without an entry (nothing for any other case).
   * Safe to call any number of times, on any node. Throws RefundsUnfinished when the gateway or
   * the department stayed down; what was done stays done and the rest is retried later.
   */
  async refundCase(caseId: string): Promise<RefundRecord[]> {
    const c = await this.deps.caseStore.get(caseId);
    if (!c || !refundsPayments(c)) return [];
    const reason = reasonOf(c);
    let unfinished = false;
    for (const charge of await this.deps.paymentsOf(caseId)) {
      if (charge.amountFen <= 0 || (await this.deps.store.ofCharge(charge.chargeId))) continue;
      try {
        await this.refundOne(c, charge, reason);
      } catch (e) {
        if (!(e instanceof PaymentFailure)) throw e;
        unfinished = true;
      }
    }
    if (unfinished) throw new RefundsUnfinished(caseId);
    return this.deps.store.ofCase(caseId);
  }

  /** At start (and on the machine's sweep): every ended case with a payment not yet refunded. */
  async resume(): Promise<number> {
    let n = 0;
    for (const c of await this.deps.caseStore.listByStatus(CLOSED_UNRECORDED_STATUSES)) {
      const owed = (await this.deps.paymentsOf(c.caseId)).filter((p) => p.amountFen > 0);
      if (owed.length === 0) continue;
      try {
        await this.refundCase(c.caseId);
        n += 1;
      } catch (e) {
        if (!(e instanceof RefundsUnfinished)) throw e;
      }
    }
    return n;
  }

  private async refundOne(c: CaseRecord, charge: PaidCharge, reason: RefundReason) {
    const refund = await this.refundAtGateway(c.caseId, charge);
    const record = await this.withRetries(() =>
      this.deps.finance.issueRefundRecord({
        caseId: c.caseId,
        kind: charge.kind,
        payerId: charge.payerId,
        amountFen: refund.amountFen,
        chargeId: charge.chargeId,
        ...(charge.receiptNo ? { receiptNo: charge.receiptNo } : {}),
        refundId: refund.refundId,
        refundedAt: refund.refundedAt,
        reason,
      }),
    );
    return this.deps.store.record(record, this.deps.clock.now().toISOString());
  }

  /** one refund per charge at the gateway: the same key every time, reconciled after timeouts */
  private async refundAtGateway(caseId: string, charge: PaidCharge): Promise<Refund> {
    const key = refundIdempotencyKey(charge.chargeId);
    const request = {
      idempotencyKey: key,
      caseId,
      chargeId: charge.chargeId,
      amountFen: charge.amountFen,
    };
    try {
      return await this.withRetries(() =>
        this.deps.gateway.refund(request, { timeoutMs: this.timeoutMs }),
      );
    } catch (e) {
      const found = await this.deps.gateway.findRefund(key);
      if (found) return found;
      throw e;
    }
  }

  private async withRetries<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        if (!(e instanceof PaymentFailure) || e.kind === 'idempotencyConflict') throw e;
        if (attempt >= this.maxAttempts) throw e;
        await this.sleep(this.backoffMs * 2 ** (attempt - 1));
      }
    }
  }
}

function reasonOf(c: CaseRecord): RefundReason {
  const o = outcomeOf(c);
  return o === 'refused' || o === 'notAccepted' ? o : 'withdrawn';
}
