/**
 * Fault injection for the simulators: each call asks the plan what happens to it. A plan is
 * driven by an injected Random (property tests, the demo switch) or by a fixed schedule.
 */
import type { Clock, Random } from '../../ports';
import type { SqlDb } from '../sql/types';

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
  next(): Fault | Promise<Fault>;
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
 * The payment gateway's next answers, switchable in tests and the demo (then 'ok'), in the
 * registry's store (migration 0022), written once on SqlDb: faults set through one node are what
 * every node's gateway answers next, and each queued answer is given once, to whichever charge
 * comes first.
 */
export class SqlPaymentFaults implements FaultPlan {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {}

  /** replaces the queue with these answers, in order */
  async set(faults: readonly Fault[]): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM payment_faults');
      for (const [i, fault] of faults.entries())
        await tx.run('INSERT INTO payment_faults (seq, fault, set_at) VALUES (?, ?, ?)', [
          i + 1,
          fault,
          at,
        ]);
    });
  }

  async next(): Promise<Fault> {
    // the usual case, an empty queue, is a read without the write lock
    if (!(await this.db.get('SELECT 1 AS one FROM payment_faults'))) return 'ok';
    // taking the head is one write transaction (serialised on every node): two charges racing on
    // two nodes take two answers, never the same one twice
    return this.db.transaction(async (tx) => {
      const head = await tx.get<{ seq: number; fault: Fault }>(
        'SELECT seq, fault FROM payment_faults ORDER BY seq LIMIT 1',
      );
      if (!head) return 'ok';
      await tx.run('DELETE FROM payment_faults WHERE seq = ?', [head.seq]);
      return head.fault;
    });
  }
}
