/**
 * Spouse consent from 民政 (民法典 §1062: a home bought during the marriage is the spouses' common
 * property): before a draft or a counter intake of a business type with a consenting spouse, 民政
 * (the shared civilAffairs source, not the register's own marriage data) is asked about each
 * holder of the unit, with the same timeout, retries and backoff as for materials. A holder is
 * 'unknown' when 民政 gives no usable answer (down, timed out, seal invalid, no record) or names a
 * spouse the registry cannot identify. The answers are kept with the case they decided.
 */
import type { HolderMarriage, MarriageCheck } from '../../domain/cases';
import type { CaseStore, CatalogueRepository, Clock } from '../../ports';
import type { SharedDataStore, StoredSharedRecord } from '../../ports/sharedDataStore';
import { holdersToCheck, needsSpouseConsent, type ApplicationDeps } from '../cases/application';
import type { RecheckableSource, SharedDataFetcher } from './fetch';

/** 民政's answers on a unit's holders, fetched before a synchronous case step and kept after it. */
export interface PendingMarriageCheck {
  check: MarriageCheck;
  records: Omit<StoredSharedRecord, 'caseId'>[];
}

/** Ask 民政 about the holders of a unit, then keep the records with the case they decided. */
export interface MarriageChecks {
  /** undefined for business types without a consenting spouse */
  forUnit(businessTypeCode: string, unitCode: string): Promise<PendingMarriageCheck | undefined>;
  keep(caseId: string, pending: PendingMarriageCheck): Promise<void>;
}

export interface CivilAffairsMarriagesDeps {
  civilAffairs: RecheckableSource | undefined;
  fetcher: Pick<SharedDataFetcher, 'fetch'>;
  store: Pick<SharedDataStore, 'transaction' | 'saveRecord'>;
  cases: Pick<CaseStore, 'personByIdNumber'>;
  catalogue: Pick<CatalogueRepository, 'current'>;
  /** the register and the persons: whose marriage is asked about */
  application: ApplicationDeps;
  clock: Clock;
  newId: (prefix: string) => string;
}

export class CivilAffairsMarriages implements MarriageChecks {
  constructor(private readonly deps: CivilAffairsMarriagesDeps) {}

  async forUnit(businessTypeCode: string, unitCode: string) {
    const bt = (await this.deps.catalogue.current())?.businessTypes.find(
      (b) => b.code === businessTypeCode,
    );
    if (!bt || !needsSpouseConsent(bt)) return undefined;
    return this.check(await holdersToCheck(this.deps.application, bt, unitCode));
  }

  /** Stores 民政's answers with the case they decided (a review query). */
  async keep(caseId: string, pending: PendingMarriageCheck): Promise<void> {
    await this.deps.store.transaction(async () => {
      for (const r of pending.records) await this.deps.store.saveRecord({ ...r, caseId });
    });
  }

  /** The answer per holder with the records to keep; nothing is stored (no case exists yet). */
  async check(
    holders: readonly { personId: string; idNumber: string }[],
  ): Promise<PendingMarriageCheck> {
    const now = () => this.deps.clock.now().toISOString();
    const records: Omit<StoredSharedRecord, 'caseId'>[] = [];
    const out: HolderMarriage[] = [];
    for (const h of holders) {
      const r = await this.deps.fetcher.fetch(
        { kind: 'marriage', idNumber: h.idNumber },
        this.deps.civilAffairs,
      );
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
        storedAt: now(),
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
        ? await this.deps.cases.personByIdNumber(data.spouse.idNumber)
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
    return { check: { checkedAt: now(), holders: out }, records };
  }
}
