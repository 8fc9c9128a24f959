/**
 * Loading a case and its business type, the way every case use case does: an unknown case is
 * 404, and so is a case the caller takes no part in (so that case ids reveal nothing).
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import type { CaseStore, CatalogueRepository } from '../../ports';
import type { PartyCaller } from './types';

export const conflict = (message: string) => new AppError('CONFLICT', message);

export const STALE_VERSION = '办件已被其他操作更新，请刷新后重试';

export interface CaseAccessDeps {
  store: Pick<CaseStore, 'get'>;
  catalogue: CatalogueRepository;
}

export class CaseAccess {
  constructor(private readonly deps: CaseAccessDeps) {}

  /** The business type of the current catalogue (422 when there is none by that code). */
  async businessType(code: string): Promise<BusinessType> {
    const bt = await this.findBusinessType(code);
    if (!bt) throw validationFailed('没有这个业务类型');
    return bt;
  }

  async findBusinessType(code: string): Promise<BusinessType | undefined> {
    return (await this.deps.catalogue.current())?.businessTypes.find((b) => b.code === code);
  }

  async load(caseId: string): Promise<CaseRecord> {
    const c = await this.deps.store.get(caseId);
    if (!c) throw notFound('办件不存在');
    return c;
  }

  /** A case the caller takes part in (as a party or its creator); others get 404. */
  async loadForParty(caseId: string, caller: PartyCaller): Promise<CaseRecord> {
    const c = await this.deps.store.get(caseId);
    if (
      !c ||
      (!c.parties.some((p) => p.personId === caller.personId) && c.createdBy !== caller.personId)
    ) {
      throw notFound('办件不存在');
    }
    return c;
  }
}
