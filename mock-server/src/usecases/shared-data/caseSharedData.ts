/**
 * A case's shared data for the people who may see it: its parties (404 otherwise) and staff
 * (with the records' data); pending rechecks are asked again first. A party may have the
 * checklist resolved again while preparing the application or in 补正; just before a party's
 * submission the fully signed online contract is filed and everything shareable fetched, so the
 * synchronous submission stores the references of the sealed records.
 */
import { isBeforeSubmission, acceptsMaterials } from '../../domain/cases/status';
import { AppError } from '../../domain/errors';
import type { PartyCaseAccess } from './caseOf';
import type { Rechecks } from './rechecks';
import type { MaterialResolution } from './resolution';
import type { SharedDataOfCase, SharedDataView } from './view';

type Caller = { personId: string; name: string };

export interface CaseSharedDataDeps {
  access: PartyCaseAccess;
  resolution: Pick<MaterialResolution, 'resolveCase'>;
  rechecks: Pick<Rechecks, 'collectPending'>;
  view: Pick<SharedDataView, 'ofCase'>;
  /** 网签备案 before a party's submission (idempotent); absent: no online contracts */
  fileContract?: (caseId: string) => Promise<unknown>;
}

export class CaseSharedData {
  constructor(private readonly deps: CaseSharedDataDeps) {}

  async forParty(caller: Caller, caseId: string): Promise<SharedDataOfCase> {
    await this.deps.access.getCase(caller, caseId);
    return this.forStaff(caseId);
  }

  async forStaff(caseId: string): Promise<SharedDataOfCase> {
    await this.deps.rechecks.collectPending(caseId);
    return this.deps.view.ofCase(caseId);
  }

  /** A party has the checklist resolved again (before submission, in 补正). */
  async resolve(caller: Caller, caseId: string): Promise<SharedDataOfCase> {
    const c = (await this.deps.access.getCase(caller, caseId)).case;
    if (!acceptsMaterials(c)) throw new AppError('CONFLICT', '办件当前状态不能重新获取共享材料');
    await this.deps.resolution.resolveCase(c.caseId);
    return this.deps.view.ofCase(c.caseId);
  }

  /**
   * Before a party's submission: file the online contract when every party has signed its
   * current terms, then fetch what can be shared (the filed contract from 住建 included). A
   * refused submission leaves the filing (idempotent per case, terms locked) for the next attempt.
   */
  async beforeSubmission(caller: Caller, caseId: string): Promise<void> {
    const c = (await this.deps.access.getCase(caller, caseId)).case; // 404 unless a party
    if (!isBeforeSubmission(c)) return;
    if (this.deps.fileContract) await this.deps.fileContract(caseId);
    await this.deps.resolution.resolveCase(caseId, { forSubmission: true });
  }
}
