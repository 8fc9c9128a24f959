/**
 * A checklist item's material at submission, from how shared data resolved it: a shared item
 * references its stored records; a fallback item nobody supplied is missing. Undefined leaves
 * the case's own logic in charge.
 */
import type { MaterialRequirement } from '../../domain/catalogue';
import type { CaseMaterial, CaseRecord } from '../../domain/cases';
import type { SharedDataStore, StoredResolution } from '../../ports/sharedDataStore';

export function materialFromResolution(
  m: MaterialRequirement,
  r: StoredResolution | undefined,
): CaseMaterial | undefined {
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

/** The material of one checklist item from the stored resolutions. */
export const storedMaterialResolver =
  (store: Pick<SharedDataStore, 'resolutionsOf'>) =>
  async (c: CaseRecord, m: MaterialRequirement): Promise<CaseMaterial | undefined> =>
    materialFromResolution(
      m,
      (await store.resolutionsOf(c.caseId)).find((x) => x.materialCode === m.code),
    );
