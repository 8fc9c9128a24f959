/**
 * The payment gateway simulator. Charges at most once per idempotency key
 * (its ledger is the simulated bank side), can be slow, time out before or after charging, fail
 * transiently, and delivers callbacks at least once (sometimes twice) — as the fault plan says.
 * Time is injected (`sleep`), so tests run without waiting.
 */
import {
  PaymentFailure,
  type Charge,
  type ChargeRequest,
  type Clock,
  type IdGenerator,
  type PaymentCallback,
  type PaymentGateway,
} from '../../ports';
import { noFaults, type FaultPlan } from './faults';

export interface SimulatedPaymentGatewayOptions {
  clock: Clock;
  ids: IdGenerator;
  faults?: FaultPlan;
  /** waits `ms` (real timers in the demo, a no-op or fake timers in tests) */
  sleep?: (ms: number) => Promise<void>;
  /** latency of a 'slow' answer, ms (default 8000) */
  slowMs?: number;
  /** schedules a callback delivery (default: next macrotask) */
  defer?: (fn: () => void) => void;
}

export class SimulatedPaymentGateway implements PaymentGateway {
  readonly name = '支付网关（模拟）';
  private readonly ledger = new Map<string, Charge>();
  private readonly handlers: ((cb: PaymentCallback) => void | Promise<void>)[] = [];
  private readonly faults: FaultPlan;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly defer: (fn: () => void) => void;
  private readonly slowMs: number;
  private deliveries = 0;
  /** every callback delivery that failed in the receiver (the gateway would redeliver) */
  readonly failedDeliveries: unknown[] = [];

  constructor(private readonly opts: SimulatedPaymentGatewayOptions) {
    this.faults = opts.faults ?? noFaults;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.defer = opts.defer ?? ((fn) => void setTimeout(fn, 0));
    this.slowMs = opts.slowMs ?? 8000;
  }

  onCallback(handler: (cb: PaymentCallback) => void | Promise<void>): void {
    this.handlers.push(handler);
  }

  async find(idempotencyKey: string): Promise<Charge | undefined> {
    await Promise.resolve();
    const c = this.ledger.get(idempotencyKey);
    return c && { ...c };
  }

  /** all charges ever made (the money that moved), for tests and the demo */
  charges(): Charge[] {
    return [...this.ledger.values()].map((c) => ({ ...c }));
  }

  async charge(request: ChargeRequest, options: { timeoutMs: number }): Promise<Charge> {
    const fault = this.faults.next();
    switch (fault) {
      case 'transient':
        await this.sleep(50);
        throw new PaymentFailure('unavailable', '支付网关暂时不可用');
      case 'timeoutBeforeCharge':
        await this.sleep(options.timeoutMs);
        throw new PaymentFailure('timeout', '支付网关未在时限内应答');
      case 'timeoutAfterCharge': {
        this.book(request, 1);
        await this.sleep(options.timeoutMs);
        throw new PaymentFailure('timeout', '支付网关未在时限内应答');
      }
      case 'slow': {
        const charge = this.book(request, 1);
        if (this.slowMs >= options.timeoutMs) {
          await this.sleep(options.timeoutMs);
          throw new PaymentFailure('timeout', '支付网关未在时限内应答');
        }
        await this.sleep(this.slowMs);
        return charge;
      }
      case 'duplicateCallback':
        return this.book(request, 2);
      case 'ok':
        return this.book(request, 1);
    }
  }

  /** charges once per key (same key, other amount/case → conflict), then calls back `times` */
  private book(request: ChargeRequest, times: number): Charge {
    const existing = this.ledger.get(request.idempotencyKey);
    if (existing) {
      if (existing.amountFen !== request.amountFen || existing.caseId !== request.caseId) {
        throw new PaymentFailure('idempotencyConflict', '同一幂等键的支付金额或办件不一致');
      }
    }
    const charge: Charge = existing ?? {
      chargeId: this.opts.ids.next('CHG'),
      idempotencyKey: request.idempotencyKey,
      caseId: request.caseId,
      amountFen: request.amountFen,
      chargedAt: this.opts.clock.now().toISOString(),
    };
    this.ledger.set(request.idempotencyKey, charge);
    // a retry of a paid key is answered from the ledger and is called back again (at least once)
    for (let i = 0; i < times; i++) this.deliver(charge);
    return { ...charge };
  }

  private deliver(charge: Charge): void {
    const callback: PaymentCallback = { ...charge, deliveryId: `DLV-${++this.deliveries}` };
    for (const h of this.handlers) {
      this.defer(() => {
        Promise.resolve()
          .then(() => h({ ...callback }))
          .catch((e: unknown) => this.failedDeliveries.push(e));
      });
    }
  }
}
