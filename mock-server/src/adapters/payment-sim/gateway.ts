/**
 * The payment gateway simulator. Charges at most once per idempotency key
 * (its ledger is the simulated bank side), can be slow, time out before or after charging, fail
 * transiently, and delivers callbacks at least once (sometimes twice) — as the fault plan says.
 * Time is injected (`sleep`), so tests run without waiting.
 *
 * The ledger is a table (payment_gateway_charges, migration 0015) every registry node shares: a
 * payment started on one node is found by its key on another, and a retry on any node is
 * answered from the same row. Callbacks go to the handlers of the node that made the call (a
 * real gateway calls back one URL behind the load balancer; any node records them the same way).
 * The fault plan stays in each process: it is a test and demo switch, not shared state.
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
import type { SqlDb } from '../sql/types';
import { noFaults, type FaultPlan } from './faults';

export interface SimulatedPaymentGatewayOptions {
  /** where the ledger lives (migration 0015) */
  db: SqlDb;
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

interface LedgerRow {
  idempotency_key: string;
  charge_id: string;
  case_id: string;
  amount_fen: number;
  charged_at: string;
}

const LEDGER_SQL =
  'SELECT idempotency_key, charge_id, case_id, amount_fen, charged_at FROM payment_gateway_charges';

const chargeOf = (r: LedgerRow): Charge => ({
  chargeId: r.charge_id,
  idempotencyKey: r.idempotency_key,
  caseId: r.case_id,
  amountFen: r.amount_fen,
  chargedAt: r.charged_at,
});

export class SimulatedPaymentGateway implements PaymentGateway {
  readonly name = '支付网关（模拟）';
  private readonly handlers: ((cb: PaymentCallback) => void | Promise<void>)[] = [];
  private readonly faults: FaultPlan;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly defer: (fn: () => void) => void;
  private readonly slowMs: number;
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
    const row = await this.opts.db.get<LedgerRow>(`${LEDGER_SQL} WHERE idempotency_key = ?`, [
      idempotencyKey,
    ]);
    return row && chargeOf(row);
  }

  /** all charges ever made (the money that moved), for tests and the demo */
  async charges(): Promise<Charge[]> {
    const rows = await this.opts.db.all<LedgerRow>(`${LEDGER_SQL} ORDER BY charged_at, charge_id`);
    return rows.map(chargeOf);
  }

  async charge(request: ChargeRequest, options: { timeoutMs: number }): Promise<Charge> {
    const fault = await this.faults.next();
    switch (fault) {
      case 'transient':
        await this.sleep(50);
        throw new PaymentFailure('unavailable', '支付网关暂时不可用');
      case 'timeoutBeforeCharge':
        await this.sleep(options.timeoutMs);
        throw new PaymentFailure('timeout', '支付网关未在时限内应答');
      case 'timeoutAfterCharge': {
        await this.book(request, 1);
        await this.sleep(options.timeoutMs);
        throw new PaymentFailure('timeout', '支付网关未在时限内应答');
      }
      case 'slow': {
        const charge = await this.book(request, 1);
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

  /**
   * Charges once per key (same key, other amount/case → conflict), then calls back `times`.
   * The insert keeps the first row of a key, so two nodes charging one key at once move the
   * money once; both read the row that stands.
   */
  private async book(request: ChargeRequest, times: number): Promise<Charge> {
    await this.opts.db.run(
      `INSERT INTO payment_gateway_charges
         (idempotency_key, charge_id, case_id, amount_fen, charged_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        request.idempotencyKey,
        this.opts.ids.next('CHG'),
        request.caseId,
        request.amountFen,
        this.opts.clock.now().toISOString(),
      ],
    );
    const charge = await this.find(request.idempotencyKey);
    if (!charge) throw new Error(`ledger row of ${request.idempotencyKey} missing after insert`);
    if (charge.amountFen !== request.amountFen || charge.caseId !== request.caseId) {
      throw new PaymentFailure('idempotencyConflict', '同一幂等键的支付金额或办件不一致');
    }
    // a retry of a paid key is answered from the ledger and is called back again (at least once)
    for (let i = 0; i < times; i++) this.deliver(charge);
    return { ...charge };
  }

  private deliver(charge: Charge): void {
    const callback: PaymentCallback = { ...charge, deliveryId: this.opts.ids.next('DLV') };
    for (const h of this.handlers) {
      this.defer(() => {
        Promise.resolve()
          .then(() => h({ ...callback }))
          .catch((e: unknown) => this.failedDeliveries.push(e));
      });
    }
  }
}
