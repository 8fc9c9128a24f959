/**
 * A case's shared data for the people who may see it: its parties (404 otherwise) and staff
 * (with the records' data); pending rechecks are asked again first. A party may have the
 * checklist resolved again while preparing the application or in 补正; just before a party's
 * submission the fully signed online contract is filed and everything shareable fetched, so the
 * synchronous submission stores the references of the sealed records.
 */
import type { BusinessType } from '../../domain/catalogue';
import { transition } from '../../domain/cases';
import { isBeforeSubmission } from '../../domain/cases/status';
import type { Clock } from '../../ports';
import type { PartyCaseAccess } from './caseOf';
import type { Rechecks } from './rechecks';
import type { MaterialResolution } from './resolution';
import type { SharedDataOfCase, SharedDataView } from './view';

type Caller = { personId: string; name: string };

export interface CaseSharedDataDeps {
  access: PartyCaseAccess & {
    businessType(code: string): BusinessType | Promise<BusinessType>;
  };
  resolution: Pick<MaterialResolution, 'resolveCase'>;
  rechecks: Pick<Rechecks, 'collectPending'>;
  view: Pick<SharedDataView, 'ofCase'>;
  /** 网签备案 before a party's submission (idempotent); absent: no online contracts */
  fileContract?: (caseId: string) => Promise<unknown>;
  clock: Clock;
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
    const { access, clock } = this.deps;
    const c = (await access.getCase(caller, caseId)).case;
    // the workflow's resolveSharedData: allowed while materials are accepted; it changes the
    // case itself in nothing (the records and decisions are shared data's own)
    transition(
      c,
      { type: 'resolveSharedData' },
      {
        businessType: await access.businessType(c.businessTypeCode),
        actor: { kind: 'party', personId: caller.personId },
        at: clock.now().toISOString(),
        partyName: caller.name,
      },
    );
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
