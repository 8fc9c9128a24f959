/**
 * The seven data-source simulators (公安, 民政, 住建, 法院, 银行, 税务, 规划) behind the
 * SharedDataSource port. Each answers from the seeded register, persons and marriages (and, for
 * 住建 contracts, the ContractFiling it is given; for 税务, the registry's tax payment records of
 * migration 0009), seals every answer with ITS OWN SM2 key and stamps the injected clock's time.
 *
 * Keys are derived from a seed per source (SM3(seed | code)), so a restart keeps the same public
 * keys without storing private keys. Each source can be slow, unavailable or wrong (faults.ts);
 * `recheck` answers a 校核 request: it confirms the error when the record differs from what the
 * source holds now (or as scripted by a test), else upholds it.
 */
import { randomBytes } from 'node:crypto';
import {
  bytesToBigint,
  canonicalJson,
  encodePublicKeyHex,
  kSourceFromRandomBytes,
  publicKeyFromPrivateKey,
  sm3,
  utf8,
  SM2_CURVE,
  type KSource,
} from '../../domain/crypto';
import {
  DATA_SOURCE_NAMES,
  DATA_SOURCE_SHORT_NAMES,
  SOURCE_OF_KIND,
  sealSharedRecord,
  type RecheckAnswer,
} from '../../domain/shared-data';
import type { Clock, RegisterRepository, TaxPaymentStore } from '../../ports';
import type { ContractFiling } from '../../ports/contracts';
import {
  DATA_SOURCE_CODES,
  SharedDataFailure,
  type DataSourceCode,
  type SharedDataKind,
  type SharedDataQuery,
  type SharedDataSource,
  type SharedRecord,
} from '../../ports/sharedData';
import type { Db } from '../sqlite/database';
import { DataSourceFaults } from './faults';

export { DataSourceFaults, parseDataSourceFaults, DATA_SOURCE_FAULT_MODES } from './faults';
export type { DataSourceFaultMode } from './faults';

/** Default seed of the demo keys (public: these are simulators, not real departments). */
export const DEFAULT_DATA_SOURCE_KEY_SEED = 'handheld-estate/data-sources/v1';

/** A private key in [1, n−2] derived from the seed and the source's code. */
export function deriveSourceKey(
  seed: string,
  code: DataSourceCode,
): { keyId: string; privateKey: bigint; publicKeyHex: string } {
  const x = bytesToBigint(sm3(utf8(`${seed}|${code}`)));
  const privateKey = (x % (SM2_CURVE.n - 2n)) + 1n;
  const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(privateKey));
  return { keyId: `${code}-${publicKeyHex.slice(2, 18)}`, privateKey, publicKeyHex };
}

/** What a source holds: the true answer to a query (null = holds nothing). */
type Truth = (query: SharedDataQuery) => Promise<unknown>;
/** The deliberately wrong answer of the 'wrong' fault. */
type Corrupt = (query: SharedDataQuery, data: unknown) => unknown;

const KINDS_OF: Record<DataSourceCode, SharedDataKind[]> = Object.fromEntries(
  DATA_SOURCE_CODES.map((c) => [
    c,
    (Object.keys(SOURCE_OF_KIND) as SharedDataKind[]).filter((k) => SOURCE_OF_KIND[k] === c),
  ]),
) as Record<DataSourceCode, SharedDataKind[]>;

export interface SimulatedSourceOptions {
  code: DataSourceCode;
  seed: string;
  clock: Clock;
  faults: DataSourceFaults;
  /** how long a 'slow' source takes, ms */
  slowMs: number;
  truth: Truth;
  corrupt: Corrupt;
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
  private readonly scripted: RecheckAnswer[] = [];
  /** number of fetch calls (tests count retries) */
  calls = 0;

  constructor(private readonly opts: SimulatedSourceOptions) {
    this.code = opts.code;
    this.name = DATA_SOURCE_NAMES[opts.code];
    const key = deriveSourceKey(opts.seed, opts.code);
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
    const mode = this.opts.faults.of(this.code);
    await Promise.resolve();
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
    await Promise.resolve();
    const mode = this.opts.faults.of(this.code);
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

// ---------------------------------------------------------------- what the sources hold

interface PersonRow {
  person_id: string;
  name: string;
  id_number: string;
  kind: string;
}

/** The seeded register as the departments know it (read-only SQL over persons/marriages/register). */
class RegisterFacts {
  constructor(
    private readonly db: Db,
    private readonly register: RegisterRepository,
  ) {}

  person(idNumber: string): PersonRow | undefined {
    return this.db
      .prepare('SELECT person_id, name, id_number, kind FROM persons WHERE id_number = ?')
      .get(idNumber) as PersonRow | undefined;
  }

  marriageOf(personId: string): { spouse: PersonRow; registeredOn: string } | undefined {
    const row = this.db
      .prepare(
        `SELECT CASE WHEN spouse_a_id = ? THEN spouse_b_id ELSE spouse_a_id END AS spouse_id, registered_on
         FROM marriages WHERE spouse_a_id = ? OR spouse_b_id = ? LIMIT 1`,
      )
      .get(personId, personId, personId) as
      { spouse_id: string; registered_on: string } | undefined;
    if (!row) return undefined;
    const spouse = this.db
      .prepare('SELECT person_id, name, id_number, kind FROM persons WHERE person_id = ?')
      .get(row.spouse_id) as PersonRow;
    return { spouse, registeredOn: row.registered_on };
  }

  /** current residential units held by any of these persons */
  homesOf(personIds: string[]): string[] {
    if (personIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT DISTINCT r.unit_code FROM right_holders h
         JOIN rights r ON r.right_id = h.right_id AND r.status = 'current'
         JOIN units u ON u.unit_code = r.unit_code AND u.use = '住宅'
         WHERE h.person_id IN (${personIds.map(() => '?').join(',')}) ORDER BY r.unit_code`,
      )
      .all(...personIds) as { unit_code: string }[];
    return rows.map((r) => r.unit_code);
  }

  unit(unitCode: string) {
    return this.register.unit(unitCode);
  }
}

export interface DataSourcesOptions {
  db: Db;
  register: RegisterRepository;
  /** 住建's contract filing; absent → 住建 holds no filed contracts */
  contracts?: ContractFiling;
  taxPayments?: TaxPaymentStore;
  clock: Clock;
  seed?: string;
  faults?: DataSourceFaults;
  slowMs?: number;
  kSource?: KSource;
}

export type DataSources = Record<DataSourceCode, SimulatedDataSource>;

/** narrows a query to the kind a source's truth function was registered for */
function need<K extends SharedDataKind>(q: SharedDataQuery, kind: K) {
  if (q.kind !== kind) throw new Error(`expected a ${kind} query`);
  return q as Extract<SharedDataQuery, { kind: K }>;
}

export function createDataSources(o: DataSourcesOptions): DataSources {
  const facts = new RegisterFacts(o.db, o.register);
  const faults = o.faults ?? new DataSourceFaults();
  const seed = o.seed ?? DEFAULT_DATA_SOURCE_KEY_SEED;
  const make = (code: DataSourceCode, truth: Truth, corrupt: Corrupt) =>
    new SimulatedDataSource({
      code,
      seed,
      clock: o.clock,
      faults,
      slowMs: o.slowMs ?? 3_000,
      truth,
      corrupt,
      ...(o.kSource ? { kSource: o.kSource } : {}),
    });

  const marriage = (idNumber: string) => {
    const p = facts.person(idNumber);
    if (!p) return null;
    const m = facts.marriageOf(p.person_id);
    return m
      ? {
          idNumber,
          name: p.name,
          maritalStatus: '已婚',
          spouse: { name: m.spouse.name, idNumber: m.spouse.id_number },
          registeredOn: m.registeredOn,
        }
      : { idNumber, name: p.name, maritalStatus: '未婚或无婚姻登记记录' };
  };

  return {
    publicSecurity: make(
      'publicSecurity',
      async (q) => {
        if (q.kind === 'identity') {
          const p = facts.person(q.idNumber);
          return p && p.kind === 'natural'
            ? { idNumber: p.id_number, name: p.name, status: '正常' }
            : null;
        }
        const p = facts.person(need(q, 'household').idNumber);
        if (!p) return null;
        const m = facts.marriageOf(p.person_id);
        return {
          idNumber: p.id_number,
          members: [
            { name: p.name, relation: '户主' },
            ...(m ? [{ name: m.spouse.name, relation: '配偶' }] : []),
          ],
        };
      },
      (_q, d) => (d && typeof d === 'object' ? { ...d, name: '（错误）张三' } : d),
    ),
    civilAffairs: make(
      'civilAffairs',
      async (q) => marriage(need(q, 'marriage').idNumber),
      (_q, d) => {
        const m = d as ReturnType<typeof marriage>;
        if (!m) return m;
        return m.maritalStatus === '已婚'
          ? { idNumber: m.idNumber, name: m.name, maritalStatus: '未婚或无婚姻登记记录' }
          : { ...m, maritalStatus: '已婚', spouse: { name: '（错误）李四', idNumber: '' } };
      },
    ),
    housing: make(
      'housing',
      async (q) => {
        if (q.kind === 'filedContract') {
          const c = o.contracts ? await o.contracts.byCase(q.caseId) : undefined;
          return c ? JSON.parse(JSON.stringify(c)) : null;
        }
        if (q.kind === 'familyHousing') {
          const p = facts.person(q.idNumber);
          if (!p) return { idNumber: q.idNumber, homeCount: 0, unitCodes: [] };
          const spouse = facts.marriageOf(p.person_id)?.spouse;
          const homes = facts.homesOf([p.person_id, ...(spouse ? [spouse.person_id] : [])]);
          return { idNumber: q.idNumber, homeCount: homes.length, unitCodes: homes };
        }
        const v = facts.unit(need(q, 'completion').unitCode);
        if (!v) return null;
        return {
          unitCode: v.unit.unitCode,
          completionRecordNumber: `JB${v.unit.unitCode.slice(0, 6)}${v.unit.unitCode.slice(-6)}`,
          completedBefore: v.right?.registeredOn ?? null,
          use: v.unit.use,
        };
      },
      (q, d) => {
        if (!d || typeof d !== 'object') return d;
        if (q.kind === 'familyHousing') {
          const h = d as { homeCount: number };
          return { ...h, homeCount: h.homeCount + 1 };
        }
        if (q.kind === 'filedContract') {
          const c = d as { terms: { priceFen: number } };
          return { ...c, terms: { ...c.terms, priceFen: c.terms.priceFen * 10 } };
        }
        return { ...d, completedBefore: '1900-01-01' };
      },
    ),
    courts: make(
      'courts',
      async (q) => {
        const v = facts.unit(need(q, 'seizures').unitCode);
        if (!v) return null;
        return {
          unitCode: v.unit.unitCode,
          seizures: v.restrictions
            .filter((r) => r.kind === 'seizure')
            .map((r) => ({
              rulingNumber: r.kind === 'seizure' ? r.rulingNumber : '',
              registeredOn: r.registeredOn,
              endsOn: r.kind === 'seizure' ? r.endsOn : '',
            })),
        };
      },
      (_q, d) => {
        const s = d as { unitCode: string; seizures: unknown[] } | null;
        if (!s) return s;
        return {
          ...s,
          seizures: s.seizures.length
            ? []
            : [
                {
                  rulingNumber: '(2026)浙1002执保999号',
                  registeredOn: '2026-01-01',
                  endsOn: '2029-01-01',
                },
              ],
        };
      },
    ),
    banks: make(
      'banks',
      async (q) => {
        const v = facts.unit(need(q, 'mortgages').unitCode);
        if (!v) return null;
        return {
          unitCode: v.unit.unitCode,
          mortgages: v.restrictions
            .filter((r) => r.kind === 'mortgage')
            .map((r) =>
              r.kind === 'mortgage'
                ? {
                    mortgageType: r.mortgageType,
                    securedAmountYuan: r.securedAmountYuan,
                    registeredOn: r.registeredOn,
                    debtEndsOn: r.debtEndsOn,
                    released: false,
                  }
                : {},
            ),
        };
      },
      (_q, d) => {
        const m = d as { unitCode: string; mortgages: unknown[] } | null;
        if (!m) return m;
        return {
          ...m,
          mortgages: m.mortgages.length
            ? []
            : [
                {
                  mortgageType: '一般抵押',
                  securedAmountYuan: 999_999,
                  registeredOn: '2026-01-01',
                  debtEndsOn: '2046-01-01',
                  released: false,
                },
              ],
        };
      },
    ),
    tax: make(
      'tax',
      async (q) => {
        const { caseId } = need(q, 'taxPayments');
        const charge = o.taxPayments?.chargeOf(caseId);
        if (!charge) return null;
        const receipt = o.taxPayments?.receiptOf(caseId);
        return {
          caseId,
          paid: true,
          amountFen: charge.amountFen,
          chargeId: charge.chargeId,
          paidAt: charge.chargedAt,
          ...(receipt ? { receiptNo: receipt.body.receiptNo } : {}),
        };
      },
      (_q, d) => (d && typeof d === 'object' ? { ...d, amountFen: 1 } : d),
    ),
    planning: make(
      'planning',
      async (q) => {
        const v = facts.unit(need(q, 'planning').unitCode);
        if (!v) return null;
        return { unitCode: v.unit.unitCode, plannedUse: v.unit.use, compliant: true };
      },
      (_q, d) => (d && typeof d === 'object' ? { ...d, compliant: false } : d),
    ),
  };
}
