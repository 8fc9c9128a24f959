/**
 * The materials of a case: those a party provides (only items of the business type's checklist)
 * and, at submission, the whole checklist: shared items come from their data sources
 * (条例 §24), the online form is the application, the rest are missing until provided.
 */
import type { BusinessType, MaterialRequirement, MaterialSource } from '../../domain/catalogue';
import type { CaseMaterial, CaseRecord } from '../../domain/cases';
import { validationFailed } from '../../domain/errors';
import type { SharedMaterialResolver } from './types';

/** The case's materials with `given` added or replacing those of the same code (422 if unknown). */
export function mergeMaterials(
  bt: BusinessType,
  current: readonly CaseMaterial[],
  given: readonly CaseMaterial[],
): CaseMaterial[] {
  const known = new Set(bt.materials.map((m) => m.code));
  for (const m of given) {
    if (!known.has(m.code)) throw validationFailed(`本业务没有“${m.code}”这项材料`);
  }
  const byCode = new Map(current.map((m) => [m.code, m]));
  for (const m of given) byCode.set(m.code, m);
  return [...byCode.values()];
}

export class SubmissionMaterials {
  constructor(private readonly deps: { resolveShared: SharedMaterialResolver }) {}

  /** Every item of the checklist as submitted: given, shared, the online form, or missing. */
  async of(c: CaseRecord, bt: BusinessType): Promise<CaseMaterial[]> {
    const out: CaseMaterial[] = [];
    for (const m of bt.materials) out.push(await this.item(c, m));
    return out;
  }

  private async item(c: CaseRecord, m: MaterialRequirement): Promise<CaseMaterial> {
    const given = c.materials.find((x) => x.code === m.code);
    if (given) return given;
    const resolved = await this.deps.resolveShared(c, m);
    if (resolved) return resolved;
    if (m.code === 'applicationForm') {
      return { code: m.code, source: 'scan', status: 'provided', ref: 'online-application' };
    }
    if (m.code === 'taxReceipt') return { code: m.code, source: 'sharedData', status: 'missing' };
    const source: MaterialSource = m.sources[0];
    return source === 'sharedData'
      ? { code: m.code, source, status: 'provided', ref: `${m.dataSource ?? '共享'}:${c.caseId}` }
      : { code: m.code, source, status: 'missing' };
  }
}
