/** The case and its business type, as the shared-data use cases read them. */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { notFound } from '../../domain/errors';
import type { CaseStore, CatalogueRepository } from '../../ports';

export async function loadCase(cases: Pick<CaseStore, 'get'>, caseId: string): Promise<CaseRecord> {
  const c = await cases.get(caseId);
  if (!c) throw notFound('办件不存在');
  return c;
}

export async function businessTypeOf(
  catalogue: Pick<CatalogueRepository, 'current'>,
  c: CaseRecord,
): Promise<BusinessType> {
  const bt = (await catalogue.current())?.businessTypes.find((b) => b.code === c.businessTypeCode);
  if (!bt) throw notFound('业务类型不存在');
  return bt;
}

/** The name of a checklist item of the case (a query the review made has none). */
export async function materialName(
  catalogue: Pick<CatalogueRepository, 'current'>,
  c: CaseRecord,
  code: string | null,
): Promise<string> {
  if (!code) return '审核查询';
  return (await businessTypeOf(catalogue, c)).materials.find((m) => m.code === code)?.name ?? code;
}

/** A case as its party sees it: 404 unless the caller takes part. */
export interface PartyCaseAccess {
  getCase(
    caller: { personId: string; name: string },
    caseId: string,
  ): Promise<{ case: CaseRecord }>;
}
