/**
 * 在线签约: buyer and seller fill the contract terms in the app. The terms are a document of the
 * signing bundle, so a change voids the signatures that covered the old terms; once the contract
 * is filed with the housing department (网签备案) the terms are locked.
 */
import { beijingDate, type CaseRecord } from '../../domain/cases';
import { isBeforeSubmission } from '../../domain/cases/status';
import { checkContractTerms, contractTermsView } from '../../domain/sale';
import type { CaseStore, Clock } from '../../ports';
import type { ContractFiling, ContractTerms } from '../../ports/contracts';
import type { ContractTermsStore } from '../../ports/sale';
import type { PartyCaller } from '../cases/types';
import { callerHasRole, saleCaseOf, saleError, type PartyCaseReads } from './saleCase';

export interface SaleContractDeps {
  cases: PartyCaseReads;
  caseStore: Pick<CaseStore, 'get' | 'update'>;
  terms: ContractTermsStore;
  filing: Pick<ContractFiling, 'byCase'>;
  /**
   * runs a change of the signing bundle (database work only) and then voids the signatures it
   * invalidates, as one transaction
   */
  trackSigningChange: (caseId: string, change: () => Promise<void>) => Promise<void>;
  clock: Clock;
}

export class SaleContract {
  constructor(private readonly deps: SaleContractDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async contract(caller: PartyCaller, caseId: string) {
    const c = await saleCaseOf(this.deps.cases, caller, caseId);
    const stored = await this.deps.terms.get(caseId);
    const filed = await this.deps.filing.byCase(caseId);
    return {
      caseId,
      editable:
        isBeforeSubmission(c) && !filed && callerHasRole(c, caller, 'obligor', 'rightHolder'),
      ...(stored
        ? {
            terms: stored.terms,
            view: contractTermsView(stored.terms),
            updatedAt: stored.updatedAt,
            updatedByName: c.parties.find((p) => p.personId === stored.updatedBy)?.name ?? '',
          }
        : {}),
      ...(filed
        ? {
            filing: {
              contractNumber: filed.contractNumber,
              filedAt: filed.filedAt,
              termsDigest: filed.termsDigest,
              filedBy: '台州市住房和城乡建设局',
            },
          }
        : {}),
      sellers: c.parties.filter((p) => p.role === 'obligor').map((p) => p.name),
      buyers: c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.name),
    };
  }

  /**
   * Only the case's buyer or seller may fill the terms, and only before submission. A change
   * while signing voids the signatures that covered the old terms; the application then states
   * the contract's price.
   */
  async putTerms(caller: PartyCaller, caseId: string, input: ContractTerms) {
    const c = await saleCaseOf(this.deps.cases, caller, caseId);
    if (!callerHasRole(c, caller, 'obligor', 'rightHolder'))
      throw saleError('FORBIDDEN', '只有买卖双方可以填写合同条款');
    if (!isBeforeSubmission(c))
      throw saleError('CONTRACT_LOCKED', '合同已随申请提交并网签备案，条款不能再修改');
    // filed just before a submission that did not go through: the filing stands (it is what
    // 住建 shares and a re-submission reuses), so its terms cannot change either
    if (await this.deps.filing.byCase(caseId))
      throw saleError('CONTRACT_LOCKED', '合同已网签备案，条款不能再修改');
    const check = checkContractTerms(input, beijingDate(this.now()));
    if (!check.ok) throw saleError('CONTRACT_TERMS_INVALID', check.message);
    const terms = check.terms;
    const prior = (await this.deps.terms.get(caseId))?.terms;
    if (!prior || JSON.stringify(prior) !== JSON.stringify(terms)) {
      await this.deps.trackSigningChange(caseId, async () => {
        await this.deps.terms.put({
          caseId,
          terms,
          updatedBy: caller.personId,
          updatedAt: this.now(),
        });
        const fresh = (await this.deps.caseStore.get(caseId)) as CaseRecord;
        const priceYuan = terms.priceFen / 100;
        if (fresh.priceYuan !== priceYuan) {
          await this.deps.caseStore.update(
            { ...fresh, priceYuan, updatedAt: this.now(), version: fresh.version + 1 },
            fresh.version,
          );
        }
      });
    }
    return this.contract(caller, caseId);
  }
}
