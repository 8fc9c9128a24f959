/**
 * 继承: who the heirs are, from 公安 (the shared publicSecurity source: the household register's
 * 户籍注销 after a death, and its spouse, parent and child relations), never from what an applicant
 * types. Asked before an inheritance draft is made, for the unit's holder; the caller must be one
 * of the deceased holder's living first-order heirs (民法典§1127) to apply online. The sealed
 * record is kept with the case it decided, as 民政's answer on a marriage is.
 */
import type { Succession } from '../../domain/cases';
import type { CaseStore, Clock, PartyDirectory, RegisterRepository } from '../../ports';
import type { SharedDataStore, StoredSharedRecord } from '../../ports/sharedDataStore';
import type { RecheckableSource, SharedDataFetcher } from './fetch';

export interface PendingSuccession {
  succession: Succession;
  records: Omit<StoredSharedRecord, 'caseId'>[];
}

export interface SuccessionChecks {
  /**
   * The deceased holder of the unit and their heirs when `callerId` is one of them; undefined
   * otherwise (not deceased, not an heir, no usable answer, or the unit held with others).
   */
  forUnit(unitCode: string, callerId: string): Promise<PendingSuccession | undefined>;
  keep(caseId: string, pending: PendingSuccession): Promise<void>;
}

type HeirsAnswer = {
  name: string;
  diedOn: string;
  heirs: { name: string; idNumber: string; relation: '配偶' | '子女' | '父母' }[];
} | null;

export interface PublicSecuritySuccessionDeps {
  publicSecurity: RecheckableSource | undefined;
  fetcher: Pick<SharedDataFetcher, 'fetch'>;
  store: Pick<SharedDataStore, 'transaction' | 'saveRecord'>;
  cases: Pick<CaseStore, 'personByIdNumber'>;
  register: Pick<RegisterRepository, 'unit'>;
  parties: Pick<PartyDirectory, 'person'>;
  clock: Clock;
  newId: (prefix: string) => string;
}

export class PublicSecuritySuccession implements SuccessionChecks {
  constructor(private readonly deps: PublicSecuritySuccessionDeps) {}

  async forUnit(unitCode: string, callerId: string): Promise<PendingSuccession | undefined> {
    const holders = (await this.deps.register.unit(unitCode))?.right?.holders ?? [];
    // online: a unit held by the deceased alone (a co-owner's share is inherited at the counter)
    if (holders.length !== 1) return undefined;
    const holder = await this.deps.parties.person(holders[0].personId);
    if (!holder || holder.kind !== 'natural') return undefined;
    const r = await this.deps.fetcher.fetch(
      { kind: 'heirs', idNumber: holder.idNumber },
      this.deps.publicSecurity,
    );
    if (!r.ok || !r.sealValid) return undefined;
    const data = r.record.data as HeirsAnswer;
    if (!data) return undefined;
    const heirs: Succession['heirs'] = [];
    for (const h of data.heirs) {
      const p = await this.deps.cases.personByIdNumber(h.idNumber);
      if (p) heirs.push({ personId: p.personId, name: p.name, relation: h.relation });
    }
    if (!heirs.some((h) => h.personId === callerId)) return undefined;
    const now = this.deps.clock.now().toISOString();
    const recordId = this.deps.newId('SHR');
    return {
      succession: {
        deceased: { personId: holder.personId, name: holder.name },
        diedOn: data.diedOn,
        heirs,
        recordId,
        checkedAt: now,
      },
      records: [
        {
          recordId,
          materialCode: null,
          record: r.record,
          sealValid: r.sealValid,
          status: 'current',
          storedAt: now,
        },
      ],
    };
  }

  /** Stores 公安's answer with the case it decided. */
  async keep(caseId: string, pending: PendingSuccession): Promise<void> {
    await this.deps.store.transaction(async () => {
      for (const r of pending.records) await this.deps.store.saveRecord({ ...r, caseId });
    });
  }
}
