/**
 * The payment gateway simulator's refunds (原路退回): at most once per idempotency key, kept in
 * its refund ledger (payment_gateway_refunds, migration 0033) that every registry node shares, so
 * a retry on any node is answered from the row that stands. Faults as for charges: it can refuse
 * before refunding, or time out before or after refunding (the caller reconciles by key).
 */
import {
  PaymentFailure,
  type Clock,
  type IdGenerator,
  type Refund,
  type RefundGateway,
  type RefundRequest,
} from '../../ports';
import type { SqlDb } from '../sql/types';
import { noFaults, type FaultPlan } from './faults';

interface Row {
  idempotency_key: string;
  refund_id: string;
  case_id: string;
  charge_id: string;
  amount_fen: number;
  refunded_at: string;
}

const SELECT =
  'SELECT idempotency_key, refund_id, case_id, charge_id, amount_fen, refunded_at FROM payment_gateway_refunds';

const refundOf = (r: Row): Refund => ({
  refundId: r.refund_id,
  idempotencyKey: r.idempotency_key,
  caseId: r.case_id,
  chargeId: r.charge_id,
  amountFen: Number(r.amount_fen),
  refundedAt: r.refunded_at,
});

export interface SimulatedRefundGatewayOptions {
  db: SqlDb;
  clock: Clock;
  ids: IdGenerator;
  faults?: FaultPlan;
  sleep?: (ms: number) => Promise<void>;
}

export class SimulatedRefundGateway implements RefundGateway {
  private readonly faults: FaultPlan;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: SimulatedRefundGatewayOptions) {
    this.faults = opts.faults ?? noFaults;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async findRefund(idempotencyKey: string): Promise<Refund | undefined> {
    const row = await this.opts.db.get<Row>(`${SELECT} WHERE idempotency_key = ?`, [
      idempotencyKey,
    ]);
    return row && refundOf(row);
  }

  /** every refund ever made (the money that went back), for tests and the demo */
  async refunds(): Promise<Refund[]> {
    return (await this.opts.db.all<Row>(`${SELECT} ORDER BY refunded_at, refund_id`)).map(refundOf);
  }

  async refund(request: RefundRequest, options: { timeoutMs: number }): Promise<Refund> {
    switch (await this.faults.next()) {
      case 'transient':
        throw new PaymentFailure('unavailable', '支付网关暂时不可用');
      case 'timeoutBeforeCharge':
        await this.sleep(options.timeoutMs);
        throw new PaymentFailure('timeout', '支付网关未在时限内应答');
      case 'timeoutAfterCharge':
      case 'slow':
        await this.book(request);
        await this.sleep(options.timeoutMs);
        throw new PaymentFailure('timeout', '支付网关未在时限内应答');
      default:
        return this.book(request);
    }
  }

  /** one row per key (and per charge): two nodes refunding at once pay back once */
  private async book(request: RefundRequest): Promise<Refund> {
    await this.opts.db.run(
      `INSERT INTO payment_gateway_refunds
         (idempotency_key, refund_id, case_id, charge_id, amount_fen, refunded_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        request.idempotencyKey,
        this.opts.ids.next('RFD'),
        request.caseId,
        request.chargeId,
        request.amountFen,
        this.opts.clock.now().toISOString(),
      ],
    );
    const refund = await this.findRefund(request.idempotencyKey);
    if (!refund || refund.amountFen !== request.amountFen || refund.chargeId !== request.chargeId) {
      throw new PaymentFailure('idempotencyConflict', '同一幂等键的退款金额或原支付不一致');
    }
    return refund;
  }
}
