/**
 * Review rule `sharedData.matchesRegister`: what 法院 (seizures) and 银行 (mortgages) share about
 * the unit must match the register; a record that does not is sent back for recheck. Only while
 * the registry is processing the case (neither before submission nor after recording).
 *
 * Like is compared with like: the register's counts are read once, while the case is unrecorded,
 * and a source's answer is compared with them only if the case is still unrecorded once the
 * answers are in. A case recorded meanwhile (a mortgage registered or cancelled by this very
 * case while the bank answered) changed the register between the two readings: the answer is
 * kept, but comparing it with the counts from before the recording would send a correct record
 * back for a spurious 校核.
 */
import { isInProcess } from '../../domain/cases/status';
import { DATA_SOURCE_SHORT_NAMES, SOURCE_OF_KIND } from '../../domain/shared-data';
import type { CaseStore, Clock } from '../../ports';
import type { DataSourceCode, SharedDataQuery, SharedRecord } from '../../ports/sharedData';
import type { SharedDataStore } from '../../ports/sharedDataStore';
import { loadCase } from './caseOf';
import type { RecheckableSource, SharedDataFetcher } from './fetch';
import type { Rechecks } from './rechecks';

export interface RegisterCheckDeps {
  sources: Partial<Record<DataSourceCode, RecheckableSource>>;
  fetcher: Pick<SharedDataFetcher, 'fetch'>;
  store: Pick<SharedDataStore, 'saveRecord'>;
  cases: Pick<CaseStore, 'get'>;
  /** the register's current seizures and mortgages on a unit; absent: no check */
  registerRestrictions?: (
    unitCode: string,
  ) => { seizures: number; mortgages: number } | Promise<{ seizures: number; mortgages: number }>;
  rechecks: Pick<Rechecks, 'request'>;
  clock: Clock;
  newId: (prefix: string) => string;
}

export class RegisterCheck {
  constructor(private readonly deps: RegisterCheckDeps) {}

  async check(caseId: string): Promise<void> {
    const counts = this.deps.registerRestrictions;
    const c = await loadCase(this.deps.cases, caseId);
    if (!counts || !isInProcess(c)) return;
    const held = await counts(c.unitCode);
    const answers: { recordId: string; record: SharedRecord; sealValid: boolean; field: Field }[] =
      [];
    const checks: [SharedDataQuery, Field][] = [
      [{ kind: 'seizures', unitCode: c.unitCode }, 'seizures'],
      [{ kind: 'mortgages', unitCode: c.unitCode }, 'mortgages'],
    ];
    for (const [query, field] of checks) {
      const source = this.deps.sources[SOURCE_OF_KIND[query.kind]];
      const r = await this.deps.fetcher.fetch(query, source);
      if (!r.ok) continue;
      const recordId = this.deps.newId('SHR');
      await this.deps.store.saveRecord({
        recordId,
        caseId,
        materialCode: null,
        record: r.record,
        sealValid: r.sealValid,
        status: 'current',
        storedAt: this.deps.clock.now().toISOString(),
      });
      answers.push({ recordId, record: r.record, sealValid: r.sealValid, field });
    }
    // recorded (or ended) while the sources answered: the counts read before no longer describe
    // the register the answers were read from
    if (!isInProcess(await loadCase(this.deps.cases, caseId))) return;
    for (const { recordId, record, sealValid, field } of answers) {
      const shared = (record.data as Record<string, unknown[]> | null)?.[field]?.length ?? 0;
      if (sealValid && shared !== held[field]) {
        const short = DATA_SOURCE_SHORT_NAMES[record.source];
        await this.deps.rechecks.request(
          caseId,
          recordId,
          { kind: 'rule', id: 'sharedData.matchesRegister', displayName: '自动审核规则' },
          `${short}共享的${field === 'seizures' ? '查封' : '抵押'}信息（${shared}条）与登记簿（${held[field]}条）不一致`,
        );
      }
    }
  }
}

type Field = 'seizures' | 'mortgages';
