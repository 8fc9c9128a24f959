/**
 * Idempotent requests: a double tap or a retry with the same Idempotency-Key runs once, and the
 * retry gets the first answer. The same key for a different request is refused.
 */
import type { CaseStore, Clock, SigningStore } from '../../ports';
import { err } from './caseAccess';

export interface IdempotencyDeps {
  store: Pick<SigningStore, 'idempotent' | 'saveIdempotent'>;
  caseStore: Pick<CaseStore, 'transaction'>;
  clock: Clock;
}

export class Idempotency {
  constructor(private readonly deps: IdempotencyDeps) {}

  /** Runs `fn` once per (caller, key): a retry with the same key gets the same answer. */
  once<T>(personId: string, key: string | undefined, fingerprint: string, fn: () => T): T {
    const { deps } = this;
    if (!key) return fn();
    const prior = deps.store.idempotent(personId, key);
    if (prior) {
      if (prior.fingerprint !== fingerprint)
        throw err('IDEMPOTENCY_KEY_REUSED', '该请求标识已用于另一个请求，请重新操作');
      return JSON.parse(prior.response) as T;
    }
    return deps.caseStore.transaction(() => {
      const out = fn();
      deps.store.saveIdempotent(
        personId,
        key,
        fingerprint,
        JSON.stringify(out),
        deps.clock.now().toISOString(),
      );
      return out;
    });
  }
}
