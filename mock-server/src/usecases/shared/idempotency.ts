/**
 * Idempotent requests: a double tap or a retry with the same Idempotency-Key acts once and gets
 * the first answer again; the same key for a different request is refused.
 */
import { AppError } from '../../domain/errors';
import type { Clock } from '../../ports';

/** Where the first answer of each (person, key) is kept. */
export interface IdempotencyRecords {
  idempotent(personId: string, key: string): { fingerprint: string; response: string } | undefined;
  saveIdempotent(
    personId: string,
    key: string,
    fingerprint: string,
    response: string,
    at: string,
  ): void;
}

export interface IdempotencyDeps {
  records: IdempotencyRecords;
  /** the store transaction the work and its recorded answer share (all or nothing) */
  transaction: <T>(fn: () => T) => T;
  clock: Clock;
}

export class Idempotency {
  constructor(private readonly deps: IdempotencyDeps) {}

  /** Runs `fn` once per (person, key); without a key it simply runs. */
  run<T>(personId: string, key: string | undefined, fingerprint: string, fn: () => T): T {
    if (!key) return fn();
    const prior = this.deps.records.idempotent(personId, key);
    if (prior) {
      if (prior.fingerprint !== fingerprint)
        throw new AppError('IDEMPOTENCY_KEY_REUSED', '该请求标识已用于另一个请求，请重新操作');
      return JSON.parse(prior.response) as T;
    }
    return this.deps.transaction(() => {
      const out = fn();
      this.deps.records.saveIdempotent(
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
