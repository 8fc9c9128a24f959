/**
 * 网签备案: once every party has signed the current terms, the contract is filed with the housing
 * department (once per case, idempotent) just before a party's submission, so that the shared-data
 * step right after fetches the filed contract and the submission references its sealed record.
 */
import type { CaseRecord } from '../../domain/cases';
import { contractTermsView } from '../../domain/sale';
import { digestOf } from '../../domain/signing';
import type { CaseStore, PartyDirectory } from '../../ports';
import type { ContractFiling, FiledContract } from '../../ports/contracts';
import type { ContractTermsStore } from '../../ports/sale';
import { idNumbersOf, isSaleBusinessType, saleError } from './saleCase';

export interface ContractFilingDeps {
  caseStore: Pick<CaseStore, 'get'>;
  terms: Pick<ContractTermsStore, 'get'>;
  filing: ContractFiling;
  parties: Pick<PartyDirectory, 'person'>;
  /** every party has signed the case's current signing bundle */
  signedByAll: (caseId: string) => boolean | Promise<boolean>;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export class SaleContractFiling {
  constructor(private readonly deps: ContractFilingDeps) {}

  /**
   * Before a party's submission: files the fully signed contract. Undefined when there is nothing
   * to file: not a sale, no online terms (the item then falls back to upload per the catalogue),
   * or a signature missing (the submission is refused anyway).
   *
   * A filing made for a submission that was then refused stands: the terms are locked from then
   * on and a re-submission reuses it. If the case's buyers or sellers changed since (a decline and
   * an edit), the filed contract is not this application's: 409 CONTRACT_LOCKED.
   */
  async beforeSubmission(caseId: string): Promise<FiledContract | undefined> {
    const c = await this.deps.caseStore.get(caseId);
    if (!c || !isSaleBusinessType(c.businessTypeCode) || !(await this.deps.terms.get(caseId)))
      return undefined;
    const filed = await this.deps.filing.byCase(caseId);
    if (filed) {
      if (
        !sameSet(filed.sellerIdNumbers, await idNumbersOf(this.deps.parties, c, 'obligor')) ||
        !sameSet(filed.buyerIdNumbers, await idNumbersOf(this.deps.parties, c, 'rightHolder'))
      )
        throw saleError(
          'CONTRACT_LOCKED',
          '网签备案的合同与本申请的买卖双方不一致：合同备案后买卖双方不能变更，请先向住建部门申请撤销备案',
        );
      return filed;
    }
    if (!(await this.deps.signedByAll(caseId))) return undefined;
    return this.file(c);
  }

  /**
   * Files the contract once (idempotent per case). Told of every submission, where it returns
   * the first filing (a party's submission filed it already in `beforeSubmission`).
   */
  async file(c: CaseRecord): Promise<FiledContract | undefined> {
    if (!isSaleBusinessType(c.businessTypeCode)) return undefined;
    const terms = (await this.deps.terms.get(c.caseId))?.terms;
    if (!terms) return undefined;
    return this.deps.filing.file({
      caseId: c.caseId,
      unitCode: c.unitCode,
      sellerIdNumbers: await idNumbersOf(this.deps.parties, c, 'obligor'),
      buyerIdNumbers: await idNumbersOf(this.deps.parties, c, 'rightHolder'),
      terms,
      termsDigest: digestOf(contractTermsView(terms)),
    });
  }
}
