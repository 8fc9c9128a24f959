/**
 * Fault injection for the simulators: each call asks the plan what happens to it. A plan is
 * driven by an injected Random (property tests, the demo switch) or by a fixed schedule.
 */
import type { Random } from '../../ports';

export type Fault =
  /** answers at once */
  | 'ok'
  /** answers after `slowMs`; past the caller's timeout it is a timeout AFTER the charge */
  | 'slow'
  /** never answers and never charges */
  | 'timeoutBeforeCharge'
  /** charges (and calls back) but the answer never reaches the caller */
  | 'timeoutAfterCharge'
  /** refuses before charging (5xx) */
  | 'transient'
  /** charges, answers, and delivers the callback twice */
  | 'duplicateCallback';

export interface FaultPlan {
  next(): Fault;
}

export const noFaults: FaultPlan = { next: () => 'ok' };

/** the faults in order, then `then` (default 'ok') forever */
export function scheduledFaults(faults: readonly Fault[], then: Fault = 'ok'): FaultPlan {
  let i = 0;
  return { next: () => (i < faults.length ? faults[i++] : then) };
}

/** each call draws a fault with the given weights (the rest is 'ok') */
export function randomFaults(random: Random, weights: Partial<Record<Fault, number>>): FaultPlan {
  const entries = Object.entries(weights) as [Fault, number][];
  return {
    next() {
      let x = random.next();
      for (const [fault, w] of entries) {
        if (x < w) return fault;
        x -= w;
      }
      return 'ok';
    },
  };
}

/**
 * The payment gateway's next answers, switchable in tests and the demo (then 'ok'). Kept in
 * the process on purpose: a switch for the node it is set on, not state the nodes share.
 */
export class PaymentFaultQueue implements FaultPlan {
  private queue: Fault[] = [];
  set(faults: Fault[]): void {
    this.queue = [...faults];
  }
  next(): Fault {
    return this.queue.shift() ?? 'ok';
  }
}
