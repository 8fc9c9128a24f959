/**
 * The tax department's 完税证明 as the registry sees it: shared data whose seal is checked with
 * the department's key as the registry trusts it (契税法 §11: payment is checked by shared data,
 * never by a paper receipt). The review's `tax.paid` rule asks `paid`.
 */
import type { CaseRecord } from '../../domain/cases';
import { verifyTaxReceipt, type TaxReceipt } from '../../domain/tax';

export interface SharedTaxReceiptsDeps {
  /** the tax department's issued receipt of a case (shared data) */
  sharedReceiptOf: (caseId: string) => Promise<TaxReceipt | undefined>;
  /** the department's key as the registry trusts it (not taken from a receipt) */
  taxDepartmentPublicKeyHex: string;
}

export class SharedTaxReceipts {
  constructor(private readonly deps: SharedTaxReceiptsDeps) {}

  of(caseId: string): Promise<TaxReceipt | undefined> {
    return this.deps.sharedReceiptOf(caseId);
  }

  /** The department shares a receipt of this case whose seal checks out. */
  async paid(c: Pick<CaseRecord, 'caseId'>): Promise<boolean> {
    const r = await this.deps.sharedReceiptOf(c.caseId);
    return Boolean(
      r && r.body.caseId === c.caseId && verifyTaxReceipt(r, this.deps.taxDepartmentPublicKeyHex),
    );
  }

  /** A receipt with whether its seal is valid, as the app shows it. */
  view(r: TaxReceipt): { receipt: TaxReceipt; sealValid: boolean } {
    return {
      receipt: r,
      sealValid:
        verifyTaxReceipt(r, this.deps.taxDepartmentPublicKeyHex) && r.body.caseId !== undefined,
    };
  }
}
