/**
 * The utility companies' fault queues in the registry's store (migration 0021), written once on
 * SqlDb: per provider, the answers its next calls get (then 'ok'). Tests and the demo switch
 * (`POST /api/v1/sim/utilities/faults`) set them through any node, and every node's simulators
 * take from the same queue: each queued answer is given once, to whichever call comes first.
 */
import type { UtilityKind } from '../../domain/sale';
import type { Clock } from '../../ports';
import type { SqlDb } from '../sql/types';

export type UtilityFault = 'ok' | 'unavailable' | 'timeout';

/** What the simulated utility companies answer next, and the switch that sets it. */
export interface UtilityFaultQueues {
  /** replaces the provider's queue with these answers, in order */
  set(kind: UtilityKind, faults: readonly UtilityFault[]): Promise<void>;
  /** empties every queue */
  clear(): Promise<void>;
  /** takes the provider's next queued answer ('ok' when its queue is empty) */
  next(kind: UtilityKind): Promise<UtilityFault>;
}

export class SqlUtilityFaults implements UtilityFaultQueues {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {}

  async set(kind: UtilityKind, faults: readonly UtilityFault[]): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM utility_faults WHERE provider = ?', [kind]);
      for (const [i, fault] of faults.entries()) {
        await tx.run(
          'INSERT INTO utility_faults (provider, seq, fault, set_at) VALUES (?, ?, ?, ?)',
          [kind, i + 1, fault, at],
        );
      }
    });
  }

  async clear(): Promise<void> {
    await this.db.run('DELETE FROM utility_faults');
  }

  async next(kind: UtilityKind): Promise<UtilityFault> {
    // the usual case, an empty queue, is a read without the write lock
    if (!(await this.db.get('SELECT 1 AS one FROM utility_faults WHERE provider = ?', [kind])))
      return 'ok';
    // taking the head is one write transaction (serialised on every node): two calls racing on
    // two nodes take two answers, never the same one twice
    return this.db.transaction(async (tx) => {
      const head = await tx.get<{ seq: number; fault: UtilityFault }>(
        'SELECT seq, fault FROM utility_faults WHERE provider = ? ORDER BY seq LIMIT 1',
        [kind],
      );
      if (!head) return 'ok';
      await tx.run('DELETE FROM utility_faults WHERE provider = ? AND seq = ?', [kind, head.seq]);
      return head.fault;
    });
  }
}
