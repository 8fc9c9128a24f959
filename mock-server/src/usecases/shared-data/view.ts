/**
 * A case's shared data as the app and the staff console show it: where each checklist item came
 * from (shared with its source and retrieval time, uploaded, committed, pending, or the fallback
 * and why), the stored records, the rechecks and the objections.
 */
import { decideMaterial, DATA_SOURCE_NAMES, type FallbackReason } from '../../domain/shared-data';
import type { CaseStore, CatalogueRepository } from '../../ports';
import type { DataSourceCode } from '../../ports/sharedData';
import type {
  SharedDataStore,
  StoredObjection,
  StoredRecheck,
  StoredSharedRecord,
} from '../../ports/sharedDataStore';
import { businessTypeOf, loadCase } from './caseOf';

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

export interface SharedDataOfCase {
  items: MaterialResolutionView[];
  records: StoredSharedRecord[];
  rechecks: StoredRecheck[];
  objections: StoredObjection[];
}

export interface SharedDataViewDeps {
  store: Pick<SharedDataStore, 'resolutionsOf' | 'recordsOf' | 'rechecksOf' | 'objectionsOf'>;
  cases: Pick<CaseStore, 'get'>;
  catalogue: Pick<CatalogueRepository, 'current'>;
}

export class SharedDataView {
  constructor(private readonly deps: SharedDataViewDeps) {}

  /** Everything about the case's shared data. */
  async ofCase(caseId: string): Promise<SharedDataOfCase> {
    return {
      items: await this.items(caseId),
      records: await this.deps.store.recordsOf(caseId),
      rechecks: await this.deps.store.rechecksOf(caseId),
      objections: await this.deps.store.objectionsOf(caseId),
    };
  }

  async items(caseId: string): Promise<MaterialResolutionView[]> {
    const c = await loadCase(this.deps.cases, caseId);
    const bt = await businessTypeOf(this.deps.catalogue, c);
    const resolutions = await this.deps.store.resolutionsOf(caseId);
    const records = await this.deps.store.recordsOf(caseId);
    const rechecks = await this.deps.store.rechecksOf(caseId);
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
}
