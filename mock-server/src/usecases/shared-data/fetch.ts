/**
 * Asking a data source once, as the registry does for every shared item: a timeout per attempt,
 * a bounded number of attempts with doubling backoff on a timeout or an unavailable source, and
 * the source's seal checked on the answer. "Holds nothing" is an answer, not retried.
 */
import {
  verifySourceSeal,
  type FallbackReason,
  type RecheckAnswer,
} from '../../domain/shared-data';
import {
  SharedDataFailure,
  type SharedDataQuery,
  type SharedDataSource,
  type SharedRecord,
} from '../../ports/sharedData';

/** A source that can also answer a recheck (the simulators can; a real one would by message). */
export interface RecheckableSource extends SharedDataSource {
  recheck?(record: SharedRecord): Promise<{ answer: RecheckAnswer; corrected?: SharedRecord }>;
}

export interface FetchPolicy {
  /** per attempt */
  timeoutMs: number;
  /** attempts in all (≥ 1) */
  attempts: number;
  /** first backoff; doubles each retry */
  backoffMs: number;
}

export type FetchResult =
  { ok: true; record: SharedRecord; sealValid: boolean } | { ok: false; reason: FallbackReason };

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SharedDataFetcher {
  constructor(
    private readonly deps: {
      policy: FetchPolicy;
      /** waits between retries (tests pass a no-op) */
      sleep?: (ms: number) => Promise<void>;
    },
  ) {}

  /** One query with a timeout per attempt, bounded retries and backoff on timeout/unavailable. */
  async fetch(query: SharedDataQuery, source: RecheckableSource | undefined): Promise<FetchResult> {
    if (!source) return { ok: false, reason: 'noSource' };
    const { timeoutMs, attempts, backoffMs } = this.deps.policy;
    const sleep = this.deps.sleep ?? defaultSleep;
    let last: FallbackReason = 'unavailable';
    for (let i = 0; i < Math.max(1, attempts); i++) {
      if (i > 0) await sleep(backoffMs * 2 ** (i - 1));
      const ac = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          ac.abort();
          reject(new SharedDataFailure(source.code, 'timeout', '超时'));
        }, timeoutMs);
      });
      try {
        const record = await Promise.race([source.fetch(query, { signal: ac.signal }), timeout]);
        const sealValid = verifySourceSeal(record, source).valid;
        return { ok: true, record, sealValid };
      } catch (e) {
        if (e instanceof SharedDataFailure) {
          if (e.kind === 'notFound') return { ok: false, reason: 'notFound' };
          last = e.kind;
        } else {
          last = 'unavailable';
        }
      } finally {
        clearTimeout(timer);
      }
    }
    return { ok: false, reason: last };
  }
}
