/**
 * Group commit: many small writes that each must be durable before they are answered, committed
 * together. A transaction starts one turn of the event loop after the first write waiting for it
 * (setImmediate: after the requests read in this turn have reached their write, not after a
 * clock delay) and takes every write waiting by then; writes that arrive while it runs go into
 * the next. So under load one commit (one fsync of the WAL with synchronous=FULL, which blocks
 * the process while it lasts; one round trip on PostgreSQL) carries many writes, and alone a
 * write waits one turn of the loop. Each write's promise settles only after the transaction that holds it has
 * committed ("no acknowledged write is ever lost"); a transaction that fails acknowledges none
 * of its writes, and its writes are then tried one transaction each, so one bad write fails
 * alone.
 *
 * Writes run one after another inside the transaction, in the order `order` gives (PostgreSQL:
 * two nodes' transactions lock the same rows in the same order, so they wait for each other
 * instead of deadlocking), each seeing the ones before it, exactly as separate transactions
 * would. The transactions run outside any caller's transaction (a write is committed on its
 * own, never as part of whatever the first caller had open).
 */
import { AsyncResource } from 'node:async_hooks';
import type { SqlDb, TransactionOptions } from './types';

/** at most this many writes in one transaction */
export const GROUP_COMMIT_MAX = 256;

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions<T> {
  /** the order writes of one transaction run in (default: as they arrived) */
  order?: (a: T, b: T) => number;
  /** the transaction's options (PostgreSQL locks) */
  transaction?: TransactionOptions;
}

export class GroupCommit<T, R> {
  private readonly queue: Pending<T, R>[] = [];
  private running = false;
  /** starts draining in the async context this was built in (no caller's transaction) */
  private readonly detached: (fn: () => void) => void;

  constructor(
    private readonly db: SqlDb,
    private readonly write: (tx: SqlDb, item: T) => Promise<R>,
    private readonly opts: GroupCommitOptions<T> = {},
  ) {
    this.detached = AsyncResource.bind((fn: () => void) => fn());
  }

  /** Resolves with the write's result once the transaction holding it has committed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        this.detached(() => setImmediate(() => void this.drain()));
      }
    });
  }

  private async drain(): Promise<void> {
    let first = true;
    try {
      while (this.queue.length > 0) {
        if (!first) await new Promise<void>((resolve) => setImmediate(resolve));
        first = false;
        const batch = this.queue.splice(0, GROUP_COMMIT_MAX);
        let results: R[];
        try {
          results = await this.commit(batch.map((p) => p.item));
        } catch (e) {
          if (batch.length === 1) {
            batch[0].reject(e);
            continue;
          }
          // nothing of the batch was acknowledged: each write again, in a transaction of its own
          for (const p of batch) {
            try {
              p.resolve((await this.commit([p.item]))[0]);
            } catch (err) {
              p.reject(err);
            }
          }
          continue;
        }
        batch.forEach((p, i) => p.resolve(results[i]));
      }
    } finally {
      this.running = false;
    }
  }

  /** One transaction for `items`; the results in the items' order, after the commit. */
  private commit(items: T[]): Promise<R[]> {
    const { order } = this.opts;
    const runOrder = items.map((_, i) => i);
    if (order) runOrder.sort((a, b) => order(items[a], items[b]) || a - b);
    return this.db.transaction(async (tx) => {
      // fresh on every attempt: PostgreSQL may run the callback again after a serialization
      // failure, and nothing from a rolled-back attempt may be answered
      const results = new Array<R>(items.length);
      for (const i of runOrder) results[i] = await this.write(tx, items[i]);
      return results;
    }, this.opts.transaction);
  }
}
