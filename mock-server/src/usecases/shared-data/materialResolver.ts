/**
 * The case use cases' synchronous lookup at submission: a shared item references its stored
 * records; a fallback item nobody supplied is missing. Undefined leaves the case's own logic in
 * charge.
 */
import type { MaterialRequirement } from '../../domain/catalogue';
import type { CaseMaterial, CaseRecord } from '../../domain/cases';
import type { SharedDataStore } from '../../ports/sharedDataStore';

export const storedMaterialResolver =
  (store: Pick<SharedDataStore, 'resolutionsOf'>) =>
  (c: CaseRecord, m: MaterialRequirement): CaseMaterial | undefined => {
    const r = store.resolutionsOf(c.caseId).find((x) => x.materialCode === m.code);
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
  };
