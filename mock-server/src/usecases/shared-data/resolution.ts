/**
 * Shared data for a case's checklist (条例 §24: nothing that can be shared is asked for): every
 * item the parties did not give is fetched from its data sources, each record stored with its
 * seal and retrieval time; when a source times out, is unavailable or holds nothing, the decision
 * records why and offers the catalogue's next sources (upload or commitment) in Chinese. After
 * submission (and completion) a contract or a tax payment not shared yet is fetched again and the
 * register check runs.
 */
import { isBeforeSubmission } from '../../domain/cases/status';
import {
  decideMaterial,
  queriesForMaterial,
  SOURCE_OF_KIND,
  type FetchOutcome,
  type MaterialDecision,
} from '../../domain/shared-data';
import type { CaseStore, CatalogueRepository, Clock } from '../../ports';
import type { DataSourceCode } from '../../ports/sharedData';
import type { SharedDataStore } from '../../ports/sharedDataStore';
import { businessTypeOf, loadCase } from './caseOf';
import type { RecheckableSource, SharedDataFetcher } from './fetch';
import type { RegisterCheck } from './registerCheck';
import type { MaterialResolutionView, SharedDataView } from './view';

type Person = { idNumber: string; kind: 'natural' | 'legal' };

export interface MaterialResolutionDeps {
  sources: Partial<Record<DataSourceCode, RecheckableSource>>;
  fetcher: Pick<SharedDataFetcher, 'fetch'>;
  store: Pick<SharedDataStore, 'saveRecord' | 'saveResolution' | 'resolutionsOf'>;
  cases: Pick<CaseStore, 'get'>;
  catalogue: Pick<CatalogueRepository, 'current'>;
  /** a party's ID number and kind (cases know parties by person id) */
  person: (personId: string) => Person | undefined | Promise<Person | undefined>;
  view: Pick<SharedDataView, 'items'>;
  registerCheck: Pick<RegisterCheck, 'check'>;
  clock: Clock;
  newId: (prefix: string) => string;
}

export class MaterialResolution {
  constructor(private readonly deps: MaterialResolutionDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
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
    const c = await loadCase(this.deps.cases, caseId);
    const bt = await businessTypeOf(this.deps.catalogue, c);
    const parties = [];
    for (const p of c.parties) {
      const person = await this.deps.person(p.personId);
      if (person)
        parties.push({
          idNumber: person.idNumber,
          role: p.role,
          natural: person.kind === 'natural',
        });
    }
    const deceased = c.succession && (await this.deps.person(c.succession.deceased.personId));
    const ctx = {
      caseId,
      unitCode: c.unitCode,
      parties,
      ...(deceased ? { deceasedIdNumber: deceased.idNumber } : {}),
    };
    for (const m of bt.materials) {
      if (opts.only && !opts.only.includes(m.code)) continue;
      const given = c.materials.find(
        (x) => x.code === m.code && x.source !== 'sharedData' && x.status === 'provided',
      );
      if (given) continue;
      const outcomes: FetchOutcome[] = [];
      const recordIds: string[] = [];
      for (const q of queriesForMaterial(m.code, ctx)) {
        const r = await this.deps.fetcher.fetch(q, this.deps.sources[SOURCE_OF_KIND[q.kind]]);
        if (!r.ok) {
          outcomes.push({ query: q, ok: false, reason: r.reason });
          continue;
        }
        const recordId = this.deps.newId('SHR');
        await this.deps.store.saveRecord({
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
          // the online contract is filed once every party signed (just before the submission),
          // so while the case is prepared a contract not filed yet is pending too
          (m.code === 'filedContract' && (opts.forSubmission || isBeforeSubmission(c))));
      if (notYet) d = { code: m.code, mode: 'pending', ...(d.source ? { source: d.source } : {}) };
      await this.deps.store.saveResolution({
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
    return this.deps.view.items(caseId);
  }

  /**
   * After submission (and completion): a contract or a tax payment not shared yet, from the
   * sources. An item already shared keeps its record (the case's material references it).
   */
  async resolveAfterSubmission(caseId: string): Promise<void> {
    const c = await loadCase(this.deps.cases, caseId);
    const shared = new Set(
      (await this.deps.store.resolutionsOf(caseId))
        .filter((r) => r.mode === 'shared')
        .map((r) => r.materialCode),
    );
    const codes = (await businessTypeOf(this.deps.catalogue, c)).materials
      .map((m) => m.code)
      .filter((code) => (code === 'filedContract' || code === 'taxReceipt') && !shared.has(code));
    if (codes.length) await this.resolveCase(caseId, { only: codes });
    await this.deps.registerCheck.check(caseId);
  }
}
