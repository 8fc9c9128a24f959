/**
 * 在线签约: buyer and seller fill the contract terms in the app. The terms are a document of the
 * signing bundle, so a change voids the signatures that covered the old terms; once the contract
 * is filed with the housing department (网签备案) the terms are locked.
 */
import type { BusinessType } from '../../domain/catalogue';
import { transition, type CaseRecord } from '../../domain/cases';
import { isBeforeSubmission } from '../../domain/cases/status';
import { contractTermsView } from '../../domain/sale';
import type { CaseStore, Clock } from '../../ports';
import type { ContractFiling, ContractTerms } from '../../ports/contracts';
import type { ContractTermsStore } from '../../ports/sale';
import type { CaseEffects } from '../cases/effectsRunner';
import type { PartyCaller } from '../cases/types';
import { callerHasRole, saleCaseOf, type PartyCaseReads } from './saleCase';

export interface SaleContractDeps {
  cases: PartyCaseReads & {
    businessType(code: string): BusinessType | Promise<BusinessType>;
  };
  caseStore: Pick<CaseStore, 'get'>;
  terms: Pick<ContractTermsStore, 'get'>;
  filing: Pick<ContractFiling, 'byCase'>;
  /**
   * the cases' effects runner: the terms and the price stored within the signing's change
   * tracking (the signatures over the old terms voided in the same transaction)
   */
  effects: Pick<CaseEffects, 'tracked'>;
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
   * The workflow's editContract: only the case's buyer or seller may fill the terms, only before
   * submission and before the contract is filed (网签备案: a filing made just before a submission
   * that did not go through stands — it is what 住建 shares and a re-submission reuses). New
   * terms void the signatures that covered the old ones; the application then states the
   * contract's price.
   */
  async putTerms(caller: PartyCaller, caseId: string, input: ContractTerms) {
    const { deps } = this;
    const opened = await saleCaseOf(deps.cases, caller, caseId);
    const businessType = await deps.cases.businessType(opened.businessTypeCode);
    const at = this.now();
    await deps.effects.tracked(caseId, async (store) => {
      // the case, the terms and the filing as they are now, inside the change
      const c = (await deps.caseStore.get(caseId)) as CaseRecord;
      const prior = (await deps.terms.get(caseId))?.terms;
      const r = transition(
        c,
        { type: 'editContract', terms: input, ...(prior ? { prior } : {}) },
        {
          businessType,
          contractFiled: !!(await deps.filing.byCase(caseId)),
          actor: { kind: 'party', personId: caller.personId },
          at,
          partyName: caller.name,
        },
      );
      await store(c, r, { businessType, at });
    });
    return this.contract(caller, caseId);
  }
}
