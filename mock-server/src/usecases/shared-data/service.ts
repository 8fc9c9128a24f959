/**
 * Shared data for cases: resolves each checklist item of a case from the
 * data sources (条例§24: nothing that can be shared is asked for), with bounded retries, backoff
 * and a timeout per query; stores every record with its seal and retrieval time; when a source
 * times out, is unavailable or holds nothing, records why and offers the catalogue's next
 * sources (upload or commitment) in Chinese. Staff, a rule or a party (objection with evidence
 * photos) can send a record back to its source for recheck (校核, due in 1 working day); when
 * the source confirms the error, the party's material prevails. All of it enters the timeline.
 *
 * The case use cases stay synchronous: fetching happens here, before submission (the online
 * contract is filed just before, see adapters/data-sources/wiring.ts) and after it (a tax
 * payment); CaseService reads the stored resolutions (`resolverFor`).
 */
import type { BusinessType, MaterialRequirement } from '../../domain/catalogue';
import type {
  CaseMaterial,
  CaseRecord,
  CaseStep,
  HolderMarriage,
  MarriageCheck,
  TimelineEntry,
} from '../../domain/cases';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import {
  DATA_SOURCE_NAMES,
  DATA_SOURCE_SHORT_NAMES,
  RECHECK_ANSWER_TEXT,
  SOURCE_OF_KIND,
  decideMaterial,
  objectionStatusAfter,
  queriesForMaterial,
  recheckDueOn,
  verifySourceSeal,
  type FallbackReason,
  type FetchOutcome,
  type MaterialDecision,
  type RecheckAnswer,
} from '../../domain/shared-data';
import type { BlobStore, CaseStore, CatalogueRepository, Clock } from '../../ports';
import {
  SharedDataFailure,
  type DataSourceCode,
  type SharedDataQuery,
  type SharedDataSource,
  type SharedRecord,
} from '../../ports/sharedData';
import type {
  SharedDataStore,
  StoredRecheck,
  StoredSharedRecord,
} from '../../ports/sharedDataStore';

/** 民政's answers on a unit's holders, fetched before a synchronous case step and kept after it. */
export interface PendingMarriageCheck {
  check: MarriageCheck;
  records: Omit<StoredSharedRecord, 'caseId'>[];
}

/**
 * Spouse consent for the HTTP routes: ask 民政 about the holders of a unit (undefined for
 * business types without a consenting spouse), then keep the records with the case they decided.
 */
export interface MarriageChecks {
  forUnit(businessTypeCode: string, unitCode: string): Promise<PendingMarriageCheck | undefined>;
  keep(caseId: string, pending: PendingMarriageCheck): void;
}

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

export interface SharedDataDeps {
  sources: Partial<Record<DataSourceCode, RecheckableSource>>;
  store: SharedDataStore;
  cases: CaseStore;
  catalogue: CatalogueRepository;
  blobs?: BlobStore;
  clock: Clock;
  newId: (prefix: string) => string;
  /** the register's current seizures and mortgages on a unit, to check what 法院/银行 share */
  registerRestrictions?: (unitCode: string) => { seizures: number; mortgages: number };
  /** a party's ID number and kind (cases know parties by person id) */
  person: (personId: string) => { idNumber: string; kind: 'natural' | 'legal' } | undefined;
  policy: FetchPolicy;
  /** checks and stores an evidence photo; returns its digest and type */
  storeEvidence?: (bytes: Uint8Array, contentType: string) => { sm3: string; contentType: string };
  /** waits between retries (tests pass a no-op) */
  sleep?: (ms: number) => Promise<void>;
}

export interface Requester {
  kind: 'staff' | 'rule' | 'party';
  id: string;
  displayName: string;
}

/** One checklist item as the case shows it: where it came from. */
export interface MaterialResolutionView {
  code: string;
  name: string;
  required: boolean;
  mode: 'shared' | 'registry' | 'application' | 'fallback' | 'pending' | 'uploaded' | 'committed';
  source?: DataSourceCode;
  sourceName?: string;
  retrievedAt?: string;
  sealValid?: boolean;
  recordIds: string[];
  reason?: FallbackReason;
  message?: string;
  allowed: ('scan' | 'commitment')[];
  /** the source confirmed an error after a recheck: the party's material prevails */
  partyPrevails?: boolean;
}

const UNRESOLVABLE_STATUSES = ['draft', 'signing', 'correctionRequested'];
const TERMINAL = ['notAccepted', 'refused', 'archived', 'withdrawn'];

const err = (code: ConstructorParameters<typeof AppError>[0], message: string) =>
  new AppError(code, message);

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SharedDataService {
  constructor(readonly deps: SharedDataDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private businessType(c: CaseRecord): BusinessType {
    const bt = this.deps.catalogue
      .current()
      ?.businessTypes.find((b) => b.code === c.businessTypeCode);
    if (!bt) throw notFound('业务类型不存在');
    return bt;
  }

  private load(caseId: string): CaseRecord {
    const c = this.deps.cases.get(caseId);
    if (!c) throw notFound('办件不存在');
    return c;
  }

  // ------------------------------------------------------------ fetching

  /** One query with a timeout per attempt, bounded retries and backoff on timeout/unavailable. */
  async fetch(
    query: SharedDataQuery,
    source: RecheckableSource | undefined,
  ): Promise<
    { ok: true; record: SharedRecord; sealValid: boolean } | { ok: false; reason: FallbackReason }
  > {
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

  /**
   * Resolves every checklist item of a case not given by the parties: fetches, stores the records
   * and the decision. `forSubmission`: the online contract is filed at submission, so a contract
   * not filed yet is pending rather than missing.
   */
  async resolveCase(
    caseId: string,
    opts: { forSubmission?: boolean; only?: readonly string[] } = {},
  ): Promise<MaterialResolutionView[]> {
    const c = this.load(caseId);
    const bt = this.businessType(c);
    const ctx = {
      caseId,
      unitCode: c.unitCode,
      parties: c.parties.flatMap((p) => {
        const person = this.deps.person(p.personId);
        return person
          ? [{ idNumber: person.idNumber, role: p.role, natural: person.kind === 'natural' }]
          : [];
      }),
    };
    for (const m of bt.materials) {
      if (opts.only && !opts.only.includes(m.code)) continue;
      const given = c.materials.find(
        (x) => x.code === m.code && x.source !== 'sharedData' && x.status === 'provided',
      );
      if (given) continue;
      const queries = queriesForMaterial(m.code, ctx);
      const outcomes: FetchOutcome[] = [];
      const recordIds: string[] = [];
      for (const q of queries) {
        const source = this.deps.sources[SOURCE_OF_KIND[q.kind]];
        const r = await this.fetch(q, source);
        if (!r.ok) {
          outcomes.push({ query: q, ok: false, reason: r.reason });
          continue;
        }
        const recordId = this.deps.newId('SHR');
        this.deps.store.saveRecord({
          recordId,
          caseId,
          materialCode: m.code,
          record: r.record,
          sealValid: r.sealValid,
          status: 'current',
          storedAt: this.now(),
        });
        recordIds.push(recordId);
        outcomes.push(
          r.sealValid
            ? { query: q, ok: true, hasData: r.record.data !== null }
            : { query: q, ok: false, reason: 'sealInvalid' },
        );
      }
      let d: MaterialDecision = decideMaterial(m, outcomes);
      const notYet =
        d.mode === 'fallback' &&
        d.reason === 'notFound' &&
        (m.code === 'taxReceipt' ||
          // the online contract is filed once every party signed (just before the
          // submission), so while the case is a draft or being signed a contract not filed yet
          // is pending too
          (m.code === 'filedContract' &&
            (opts.forSubmission || c.status === 'draft' || c.status === 'signing')));
      if (notYet) d = { code: m.code, mode: 'pending', ...(d.source ? { source: d.source } : {}) };
      this.deps.store.saveResolution({
        caseId,
        materialCode: m.code,
        mode: d.mode,
        ...(d.source ? { source: d.source } : {}),
        ...(d.reason ? { reason: d.reason } : {}),
        ...(d.message ? { message: d.message } : {}),
        allowed: d.allowed ?? [],
        recordIds,
        resolvedAt: this.now(),
      });
    }
    return this.view(caseId);
  }

  /**
   * After submission (and completion): a contract or a tax payment not shared yet, from the
   * sources. An item already shared keeps its record (the case's material references it).
   */
  async resolveAfterSubmission(caseId: string): Promise<void> {
    const c = this.load(caseId);
    const shared = new Set(
      this.deps.store
        .resolutionsOf(caseId)
        .filter((r) => r.mode === 'shared')
        .map((r) => r.materialCode),
    );
    const codes = this.businessType(c)
      .materials.map((m) => m.code)
      .filter((code) => (code === 'filedContract' || code === 'taxReceipt') && !shared.has(code));
    if (codes.length) await this.resolveCase(caseId, { only: codes });
    await this.checkAgainstRegister(caseId);
  }

  // ------------------------------------------------------------ marriage (spouse consent)

  /**
   * Spouse consent from 民政 (the shared civilAffairs source, not the register's own
   * marriage data): asks 民政 about each holder (timeout, retries and backoff as for materials) and
   * returns the answer per holder with the records to keep. A holder is 'unknown' when 民政 gives
   * no usable answer (down, timed out, seal invalid, no record) or names a spouse the registry
   * cannot identify. Nothing is stored here: the draft does not exist yet (`keepMarriageRecords`).
   */
  async checkMarriages(
    holders: readonly { personId: string; idNumber: string }[],
  ): Promise<PendingMarriageCheck> {
    const source = this.deps.sources.civilAffairs;
    const records: Omit<StoredSharedRecord, 'caseId'>[] = [];
    const out: HolderMarriage[] = [];
    for (const h of holders) {
      const r = await this.fetch({ kind: 'marriage', idNumber: h.idNumber }, source);
      if (!r.ok) {
        out.push({ personId: h.personId, status: 'unknown', reason: r.reason });
        continue;
      }
      const recordId = this.deps.newId('SHR');
      records.push({
        recordId,
        materialCode: null,
        record: r.record,
        sealValid: r.sealValid,
        status: 'current',
        storedAt: this.now(),
      });
      const data = r.record.data as {
        maritalStatus?: string;
        spouse?: { idNumber?: string };
        registeredOn?: string;
      } | null;
      if (!r.sealValid || !data) {
        out.push({
          personId: h.personId,
          status: 'unknown',
          reason: r.sealValid ? 'notFound' : 'sealInvalid',
          recordId,
        });
        continue;
      }
      if (data.maritalStatus !== '已婚') {
        out.push({ personId: h.personId, status: 'unmarried', recordId });
        continue;
      }
      const spouse = data.spouse?.idNumber
        ? this.deps.cases.personByIdNumber(data.spouse.idNumber)
        : undefined;
      out.push(
        spouse && data.registeredOn
          ? {
              personId: h.personId,
              status: 'married',
              spouseId: spouse.personId,
              registeredOn: data.registeredOn,
              recordId,
            }
          : { personId: h.personId, status: 'unknown', reason: 'spouseUnknown', recordId },
      );
    }
    return { check: { checkedAt: this.now(), holders: out }, records };
  }

  /** Stores 民政's answers of `checkMarriages` with the case they decided (a review query). */
  keepMarriageRecords(caseId: string, records: readonly Omit<StoredSharedRecord, 'caseId'>[]) {
    this.deps.store.transaction(() => {
      for (const r of records) this.deps.store.saveRecord({ ...r, caseId });
    });
  }

  /**
   * Review rule `sharedData.matchesRegister`: what 法院 (seizures) and 银行 (mortgages) share
   * about the unit must match the register; a record that does not is sent back for recheck.
   */
  async checkAgainstRegister(caseId: string): Promise<void> {
    const counts = this.deps.registerRestrictions;
    const c = this.load(caseId);
    if (!counts || ['draft', 'signing', 'recorded', 'issued', ...TERMINAL].includes(c.status))
      return;
    const held = counts(c.unitCode);
    const checks: [SharedDataQuery, 'seizures' | 'mortgages'][] = [
      [{ kind: 'seizures', unitCode: c.unitCode }, 'seizures'],
      [{ kind: 'mortgages', unitCode: c.unitCode }, 'mortgages'],
    ];
    for (const [query, field] of checks) {
      const source = this.deps.sources[SOURCE_OF_KIND[query.kind]];
      const r = await this.fetch(query, source);
      if (!r.ok) continue;
      const recordId = this.deps.newId('SHR');
      this.deps.store.saveRecord({
        recordId,
        caseId,
        materialCode: null,
        record: r.record,
        sealValid: r.sealValid,
        status: 'current',
        storedAt: this.now(),
      });
      const shared = (r.record.data as Record<string, unknown[]> | null)?.[field]?.length ?? 0;
      if (r.sealValid && shared !== held[field]) {
        const short = DATA_SOURCE_SHORT_NAMES[r.record.source];
        await this.requestRecheck(
          caseId,
          recordId,
          { kind: 'rule', id: 'sharedData.matchesRegister', displayName: '自动审核规则' },
          `${short}共享的${field === 'seizures' ? '查封' : '抵押'}信息（${shared}条）与登记簿（${held[field]}条）不一致`,
        );
      }
    }
  }

  /**
   * CaseService's sync lookup at submission: a shared item references its records; a fallback
   * item nobody supplied is missing. Undefined leaves the case's own logic in charge.
   */
  resolverFor(c: CaseRecord, m: MaterialRequirement): CaseMaterial | undefined {
    const r = this.deps.store.resolutionsOf(c.caseId).find((x) => x.materialCode === m.code);
    if (!r) return undefined;
    if (r.mode === 'shared')
      return {
        code: m.code,
        source: 'sharedData',
        status: 'provided',
        ref: `shared:${r.recordIds.join(',')}`.slice(0, 200),
      };
    if (r.mode === 'fallback')
      return { code: m.code, source: r.allowed[0] ?? 'sharedData', status: 'missing' };
    return undefined;
  }

  // ------------------------------------------------------------ the case's view

  view(caseId: string): MaterialResolutionView[] {
    const c = this.load(caseId);
    const bt = this.businessType(c);
    const resolutions = this.deps.store.resolutionsOf(caseId);
    const records = this.deps.store.recordsOf(caseId);
    const rechecks = this.deps.store.rechecksOf(caseId);
    return bt.materials.map((m) => {
      const onCase = c.materials.find((x) => x.code === m.code && x.status === 'provided');
      const res = resolutions.find((r) => r.materialCode === m.code);
      const base = {
        code: m.code,
        name: m.name,
        required: m.required,
        allowed: m.sources.filter((s): s is 'scan' | 'commitment' => s !== 'sharedData'),
        recordIds: res?.recordIds ?? [],
      };
      if (onCase?.source === 'commitment') return { ...base, mode: 'committed' as const };
      if (onCase?.source === 'scan' && m.code !== 'applicationForm')
        return { ...base, mode: 'uploaded' as const };
      if (m.code === 'applicationForm') return { ...base, mode: 'application' as const };
      if (!res) {
        const decision = decideMaterial(m, []);
        if (decision.mode === 'registry') return { ...base, mode: 'registry' as const };
        return { ...base, mode: 'pending' as const };
      }
      const mine = records.filter((r) => res.recordIds.includes(r.recordId));
      const latest = mine
        .map((r) => r.record.retrievedAt)
        .sort()
        .at(-1);
      const prevailed = rechecks.some(
        (x) => res.recordIds.includes(x.correctedRecordId ?? '') && x.status === 'errorConfirmed',
      );
      return {
        ...base,
        mode: res.mode,
        ...(res.source ? { source: res.source, sourceName: DATA_SOURCE_NAMES[res.source] } : {}),
        ...(latest ? { retrievedAt: latest } : {}),
        ...(mine.length
          ? { sealValid: mine.every((r) => r.sealValid && r.status === 'current') }
          : {}),
        ...(res.reason ? { reason: res.reason } : {}),
        ...(res.message ? { message: res.message } : {}),
        ...(prevailed ? { partyPrevails: true } : {}),
      };
    });
  }

  records(caseId: string): StoredSharedRecord[] {
    return this.deps.store.recordsOf(caseId);
  }

  rechecks(caseId: string): StoredRecheck[] {
    return this.deps.store.rechecksOf(caseId);
  }

  objections(caseId: string) {
    return this.deps.store.objectionsOf(caseId);
  }

  /** Whether a party may still have the case's materials resolved (before submission, 补正). */
  assertResolvable(c: CaseRecord): void {
    if (!UNRESOLVABLE_STATUSES.includes(c.status))
      throw err('CONFLICT', '办件当前状态不能重新获取共享材料');
  }

  // ------------------------------------------------------------ recheck and objection

  /**
   * Sends a record back to its source for recheck (校核): due in 1 working day; the timeline says
   * so. The source's answer (simulated at once; scripted in tests) is recorded as it comes.
   */
  async requestRecheck(
    caseId: string,
    recordId: string,
    by: Requester,
    reason: string,
    objectionId?: string,
  ): Promise<StoredRecheck> {
    const c = this.load(caseId);
    if (TERMINAL.includes(c.status)) throw err('CONFLICT', '办件当前状态不能提请校核');
    const stored = this.deps.store.record(recordId);
    if (!stored || stored.caseId !== caseId) throw notFound('该办件没有这条共享数据');
    if (stored.status !== 'current')
      throw err('CONFLICT', '这条共享数据正在校核或已被更正，不能重复提请');
    const text = reason.trim();
    if (!text) throw validationFailed('请说明提请校核的理由');
    const at = this.now();
    const due = recheckDueOn(at);
    const recheck: StoredRecheck = {
      recheckId: this.deps.newId('RCK'),
      recordId,
      caseId,
      requestedByKind: by.kind,
      requestedBy: by.id,
      reason: text,
      requestedAt: at,
      dueOn: due.dueOn,
      dueEstimated: due.estimated,
      status: 'pending',
      ...(objectionId ? { objectionId } : {}),
    };
    const short = DATA_SOURCE_SHORT_NAMES[stored.record.source];
    this.deps.store.transaction(() => {
      this.deps.store.saveRecheck(recheck);
      this.deps.store.setRecordStatus(recordId, 'underRecheck');
      this.note(
        caseId,
        'sharedDataRecheck',
        {
          kind: by.kind === 'party' ? 'party' : by.kind === 'staff' ? 'staff' : 'system',
          id: by.id,
          displayName: by.displayName,
        },
        `已将${short}共享数据（${this.materialName(c, stored.materialCode)}）退回${DATA_SOURCE_NAMES[stored.record.source]}校核，校核期限 ${due.dueOn}（1个工作日）${due.estimated ? '（节假日安排未公布，期限为估算）' : ''}`,
      );
    });
    await this.collectAnswer(recheck);
    return (
      this.deps.store.rechecksOf(caseId).find((x) => x.recheckId === recheck.recheckId) ?? recheck
    );
  }

  /** Asks again for the answers of a case's pending rechecks (a source that was down). */
  async collectPending(caseId: string): Promise<void> {
    for (const x of this.deps.store.rechecksOf(caseId)) {
      if (x.status === 'pending') await this.collectAnswer(x);
    }
  }

  /** Asks the source for its answer to a pending recheck; a source that is down leaves it pending. */
  async collectAnswer(recheck: StoredRecheck): Promise<void> {
    const stored = this.deps.store.record(recheck.recordId);
    if (!stored || recheck.status !== 'pending') return;
    const source = this.deps.sources[stored.record.source];
    if (!source?.recheck) return;
    let answer: { answer: RecheckAnswer; corrected?: SharedRecord };
    try {
      answer = await source.recheck(stored.record);
    } catch {
      return;
    }
    const at = this.now();
    const c = this.load(recheck.caseId);
    const sourceName = DATA_SOURCE_NAMES[stored.record.source];
    this.deps.store.transaction(() => {
      let correctedId: string | undefined;
      if (answer.answer === 'errorConfirmed') {
        this.deps.store.setRecordStatus(stored.recordId, 'wrong');
        if (answer.corrected && verifySourceSeal(answer.corrected, source).valid) {
          correctedId = this.deps.newId('SHR');
          this.deps.store.saveRecord({
            recordId: correctedId,
            caseId: recheck.caseId,
            materialCode: stored.materialCode,
            record: answer.corrected,
            sealValid: true,
            status: 'current',
            replacesRecordId: stored.recordId,
            storedAt: at,
          });
        }
        const res = this.deps.store
          .resolutionsOf(recheck.caseId)
          .find((r) => r.materialCode === stored.materialCode);
        if (res) {
          this.deps.store.saveResolution({
            ...res,
            recordIds: res.recordIds.map((id) =>
              id === stored.recordId ? (correctedId ?? id) : id,
            ),
            resolvedAt: at,
          });
        }
      } else {
        this.deps.store.setRecordStatus(stored.recordId, 'current');
      }
      this.deps.store.answerRecheck(recheck.recheckId, answer.answer, at, correctedId);
      if (recheck.objectionId) {
        this.deps.store.decideObjection(
          recheck.objectionId,
          objectionStatusAfter(answer.answer),
          at,
        );
      }
      this.note(
        recheck.caseId,
        'sharedDataRecheckAnswered',
        { kind: 'system', id: stored.record.source, displayName: sourceName },
        `${sourceName}校核答复（${this.materialName(c, stored.materialCode)}）：${RECHECK_ANSWER_TEXT[answer.answer]}`,
      );
    });
  }

  /** A party objects to a shared record with evidence photos; the record goes back for recheck. */
  async object(
    caller: { personId: string; name: string },
    caseId: string,
    recordId: string,
    statement: string,
    evidence: { contentType: string; bytes: Uint8Array }[],
  ) {
    const c = this.load(caseId);
    if (!c.parties.some((p) => p.personId === caller.personId)) throw notFound('办件不存在');
    const stored = this.deps.store.record(recordId);
    if (!stored || stored.caseId !== caseId) throw notFound('该办件没有这条共享数据');
    if (stored.status !== 'current')
      throw err('CONFLICT', '这条共享数据正在校核或已被更正，不能重复提出异议');
    if (TERMINAL.includes(c.status)) throw err('CONFLICT', '办件当前状态不能对共享数据提出异议');
    const text = statement.trim();
    if (!text) throw validationFailed('请说明异议的内容');
    if (evidence.length === 0) throw validationFailed('请至少上传一张证据照片');
    const photos = evidence.map((e) => {
      if (!this.deps.storeEvidence) throw err('CONFLICT', '暂不能接收证据照片');
      return { ...this.deps.storeEvidence(e.bytes, e.contentType), bytes: e.bytes.length };
    });
    const objectionId = this.deps.newId('OBJ');
    this.deps.store.saveObjection({
      objectionId,
      recordId,
      caseId,
      personId: caller.personId,
      statement: text,
      evidence: photos,
      filedAt: this.now(),
      status: 'open',
    });
    const recheck = await this.requestRecheck(
      caseId,
      recordId,
      { kind: 'party', id: caller.personId, displayName: caller.name },
      `当事人异议：${text}`,
      objectionId,
    );
    return {
      objection: this.deps.store.objectionsOf(caseId).find((o) => o.objectionId === objectionId),
      recheck,
    };
  }

  // ------------------------------------------------------------ helpers

  private materialName(c: CaseRecord, code: string | null): string {
    if (!code) return '审核查询';
    return this.businessType(c).materials.find((m) => m.code === code)?.name ?? code;
  }

  /** Appends a timeline entry that does not change the case's status. */
  private note(caseId: string, action: string, actor: TimelineEntry['actor'], note: string): void {
    const c = this.load(caseId);
    const last = c.timeline.at(-1);
    const step: CaseStep = last?.step ?? '申请';
    const entry: TimelineEntry = {
      seq: (last?.seq ?? 0) + 1,
      action,
      step,
      from: c.status,
      to: c.status,
      actor,
      at: this.now(),
      note,
    };
    this.deps.cases.update(
      { ...c, timeline: [...c.timeline, entry], updatedAt: entry.at, version: c.version + 1 },
      c.version,
    );
  }
}
