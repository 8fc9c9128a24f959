/**
 * One simulated department behind the SharedDataSource port: it answers from what it holds (its
 * `truth`), seals every answer with ITS OWN SM2 key (random, from the key files) and stamps the injected clock's time. The
 * shared fault switch makes it slow (past the caller's timeout), unavailable or wrong (its
 * `corrupt` answer, sealed as if right). `recheck` answers a 校核 request: it confirms the error
 * when the record differs from what the source holds now (or as a test scripted), else upholds it.
 */
import { randomBytes } from 'node:crypto';
import { canonicalJson, kSourceFromRandomBytes, type KSource } from '../../domain/crypto';
import {
  DATA_SOURCE_NAMES,
  DATA_SOURCE_SHORT_NAMES,
  SOURCE_OF_KIND,
  sealSharedRecord,
  type RecheckAnswer,
} from '../../domain/shared-data';
import type { Clock } from '../../ports';
import {
  DATA_SOURCE_CODES,
  SharedDataFailure,
  type DataSourceCode,
  type SharedDataKind,
  type SharedDataQuery,
  type SharedDataSource,
  type SharedRecord,
} from '../../ports/sharedData';
import type { DataSourceFaultSwitch } from './faults';
import type { NamedKey } from '../../ports/keys';

/** What a source holds: the true answer to a query (null = holds nothing). */
export type Truth = (query: SharedDataQuery) => Promise<unknown>;
/** The deliberately wrong answer of the 'wrong' fault. */
export type Corrupt = (query: SharedDataQuery, data: unknown) => unknown;
/** How one department answers: the truth and its 'wrong' version. */
export interface DepartmentAnswers {
  truth: Truth;
  corrupt: Corrupt;
}

const KINDS_OF: Record<DataSourceCode, SharedDataKind[]> = Object.fromEntries(
  DATA_SOURCE_CODES.map((c) => [
    c,
    (Object.keys(SOURCE_OF_KIND) as SharedDataKind[]).filter((k) => SOURCE_OF_KIND[k] === c),
  ]),
) as Record<DataSourceCode, SharedDataKind[]>;

export interface SimulatedSourceOptions extends DepartmentAnswers {
  code: DataSourceCode;
  /** the department's seal key (key store: 'data-source.<code>') */
  key: NamedKey;
  clock: Clock;
  faults: Pick<DataSourceFaultSwitch, 'of'>;
  /** how long a 'slow' source takes, ms */
  slowMs: number;
  kSource?: KSource;
}

const abortable = (ms: number, signal: AbortSignal | undefined, onAbort: () => Error) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(t);
      reject(onAbort());
    };
    signal?.addEventListener('abort', abort, { once: true });
  });

export class SimulatedDataSource implements SharedDataSource {
  readonly code: DataSourceCode;
  readonly name: string;
  readonly publicKeyHex: string;
  readonly keyId: string;
  readonly kinds: readonly SharedDataKind[];
  private readonly privateKey: bigint;
  private readonly kSource: KSource;
  /** a test's scripted recheck answers (test instrumentation of this process only) */
  private readonly scripted: RecheckAnswer[] = [];
  /** number of fetch calls in this process (tests count retries) */
  calls = 0;

  constructor(private readonly opts: SimulatedSourceOptions) {
    this.code = opts.code;
    this.name = DATA_SOURCE_NAMES[opts.code];
    const key = opts.key;
    this.keyId = key.keyId;
    this.publicKeyHex = key.publicKeyHex;
    this.privateKey = key.privateKey;
    this.kinds = KINDS_OF[opts.code];
    this.kSource = opts.kSource ?? kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));
  }

  async fetch(
    query: SharedDataQuery,
    options: { signal?: AbortSignal } = {},
  ): Promise<SharedRecord> {
    this.calls++;
    const short = DATA_SOURCE_SHORT_NAMES[this.code];
    if (!this.kinds.includes(query.kind)) {
      throw new SharedDataFailure(this.code, 'notFound', `${short}不提供此类数据`);
    }
    const mode = await this.opts.faults.of(this.code);
    if (mode === 'unavailable') {
      throw new SharedDataFailure(this.code, 'unavailable', `${short}系统暂不可用`);
    }
    if (mode === 'slow') {
      await abortable(
        this.opts.slowMs,
        options.signal,
        () => new SharedDataFailure(this.code, 'timeout', `${short}系统响应超时`),
      );
    }
    const truth = await this.opts.truth(query);
    const data = mode === 'wrong' ? this.opts.corrupt(query, truth) : truth;
    return this.seal(query, data);
  }

  /** A test scripts the next recheck answers (else the source compares with what it holds). */
  scriptRecheck(...answers: RecheckAnswer[]): void {
    this.scripted.push(...answers);
  }

  /** 校核: the source checks a record it sealed; a confirmed error comes with the corrected record. */
  async recheck(
    record: SharedRecord,
  ): Promise<{ answer: RecheckAnswer; corrected?: SharedRecord }> {
    const mode = await this.opts.faults.of(this.code);
    if (mode === 'unavailable' || mode === 'slow') {
      // a source that is down (or too slow) answers the recheck later; the request stays pending
      throw new SharedDataFailure(
        this.code,
        'unavailable',
        `${DATA_SOURCE_SHORT_NAMES[this.code]}系统暂不可用`,
      );
    }
    const truth = await this.opts.truth(record.query);
    const scripted = this.scripted.shift();
    const differs = canonicalJson(truth ?? null) !== canonicalJson(record.data ?? null);
    const answer: RecheckAnswer = scripted ?? (differs ? 'errorConfirmed' : 'upheld');
    if (answer === 'upheld') return { answer };
    return { answer, corrected: this.seal(record.query, truth) };
  }

  private seal(query: SharedDataQuery, data: unknown): SharedRecord {
    return sealSharedRecord(
      {
        source: this.code,
        query,
        data: data === undefined ? null : data,
        retrievedAt: this.opts.clock.now().toISOString(),
      },
      { keyId: this.keyId, privateKey: this.privateKey },
      this.kSource,
    );
  }
}
