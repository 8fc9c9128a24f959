/**
 * Which transaction a query belongs to. Every handle keeps the transaction its callbacks run in
 * with AsyncLocalStorage: a query made through the root handle from inside a `transaction`
 * callback (however deep in awaits, timers or Promise.all) finds that transaction; a query from
 * anywhere else finds none and runs on its own. A savepoint is a scope whose parent is the
 * scope it was opened in.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AsyncMutex } from './mutex';

export interface Scope {
  /** set when the transaction or savepoint has committed or rolled back */
  done: boolean;
  parent?: Scope;
  /** nested transactions of this scope run one at a time (one savepoint stack per connection) */
  readonly nested: AsyncMutex;
}

export class ScopeTracker<S extends Scope> {
  private readonly als = new AsyncLocalStorage<S>();
  private savepoints = 0;

  /**
   * The scope a query runs in. `bound` is the scope of an explicit `tx` handle: its own
   * callbacks may since have opened a savepoint, which the query then joins.
   */
  active(bound?: S): S | undefined {
    const current = this.als.getStore();
    if (bound) {
      if (bound.done)
        throw new Error('事务已结束：transaction handle used after its callback returned');
      if (current && !current.done && descends(current, bound)) return current;
      return bound;
    }
    return current && !current.done ? current : undefined;
  }

  run<T>(scope: S, fn: () => Promise<T>): Promise<T> {
    return this.als.run(scope, fn);
  }

  /** a fresh savepoint name for this connection */
  savepointName(): string {
    this.savepoints += 1;
    return `sp_${this.savepoints}`;
  }
}

function descends(scope: Scope, ancestor: Scope): boolean {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s === ancestor) return true;
  return false;
}
