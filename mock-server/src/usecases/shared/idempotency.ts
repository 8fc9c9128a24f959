/**
 * Idempotent requests: a double tap or a retry with the same Idempotency-Key acts once and gets
 * the first answer again, on whichever node it arrives; the same key for a different request is
 * refused.
 */
import { AppError } from '../../domain/errors';
import type { Clock } from '../../ports';

/** Where the first answer of each (person, key) is kept (the shared store). */
export interface IdempotencyRecords {
  idempotent(
    personId: string,
    key: string,
  ): Promise<{ fingerprint: string; response: string } | undefined>;
  saveIdempotent(
    personId: string,
    key: string,
    fingerprint: string,
    response: string,
    at: string,
  ): Promise<void>;
}

export interface IdempotencyDeps {
  records: IdempotencyRecords;
  /**
   * the store's write transaction the work and its recorded answer share (all or nothing);
   * write transactions are serialised across nodes, so the key is checked again inside it
   */
  transaction: <T>(fn: () => Promise<T>) => Promise<T>;
  clock: Clock;
}

const answerOf = <T>(prior: { fingerprint: string; response: string }, fingerprint: string): T => {
  if (prior.fingerprint !== fingerprint)
    throw new AppError('IDEMPOTENCY_KEY_REUSED', '该请求标识已用于另一个请求，请重新操作');
  return JSON.parse(prior.response) as T;
};

export class Idempotency {
  constructor(private readonly deps: IdempotencyDeps) {}

  /**
   * Runs `fn` once per (person, key); without a key it simply runs. `fn` runs inside the
   * transaction: database work only (what must follow the commit goes to the store's
   * afterCommit).
   */
  async run<T>(
    personId: string,
    key: string | undefined,
    fingerprint: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    if (!key) return fn();
    const { records } = this.deps;
    const prior = await records.idempotent(personId, key);
    if (prior) return answerOf<T>(prior, fingerprint);
    return this.deps.transaction(async () => {
      // the same key may have been answered meanwhile, by this node or another
      const again = await records.idempotent(personId, key);
      if (again) return answerOf<T>(again, fingerprint);
      const out = await fn();
      await records.saveIdempotent(
        personId,
        key,
        fingerprint,
        JSON.stringify(out),
        this.deps.clock.now().toISOString(),
      );
      return out;
    });
  }
}
