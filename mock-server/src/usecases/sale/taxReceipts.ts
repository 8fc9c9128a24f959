/**
 * The tax department's 完税证明 as the registry sees it: shared data whose seal is checked with
 * the department's key as the registry trusts it (契税法 §11: payment is checked by shared data,
 * never by a paper receipt). The review's `tax.paid` rule asks `paid`.
 */
import type { CaseRecord } from '../../domain/cases';
import {
  isPerTaxpayer,
  taxpayersWhoOwe,
  verifyTaxReceipt,
  type TaxAssessment,
  type TaxReceipt,
} from '../../domain/tax';

export interface SharedTaxReceiptsDeps {
  /** the tax department's issued receipt of a case, or of one taxpayer of it (shared data) */
  sharedReceiptOf: (caseId: string, payerId?: string) => Promise<TaxReceipt | undefined>;
  /** the case's stored assessment: who must pay (absent = not assessed yet) */
  assessmentOf?: (caseId: string) => Promise<TaxAssessment | undefined>;
  /** the department's key as the registry trusts it (not taken from a receipt) */
  taxDepartmentPublicKeyHex: string;
}

export class SharedTaxReceipts {
  constructor(private readonly deps: SharedTaxReceiptsDeps) {}

  of(caseId: string, payerId?: string): Promise<TaxReceipt | undefined> {
    return this.deps.sharedReceiptOf(caseId, payerId);
  }

  /** A receipt of this case (of this taxpayer) whose seal checks out is shared. */
  async paidBy(caseId: string, payerId?: string): Promise<boolean> {
    const r = await this.deps.sharedReceiptOf(caseId, payerId);
    return Boolean(
      r &&
      r.body.caseId === caseId &&
      (payerId === undefined || r.body.taxpayer?.personId === payerId) &&
      verifyTaxReceipt(r, this.deps.taxDepartmentPublicKeyHex),
    );
  }

  /**
   * The case's taxes are paid: per taxpayer, every taxpayer who owes has their own verified
   * receipt (and nothing waits for manual assessment); a whole-case payment made before taxes
   * were per taxpayer counts as it did.
   */
  async paid(c: Pick<CaseRecord, 'caseId'>): Promise<boolean> {
    const a = await this.deps.assessmentOf?.(c.caseId);
    if (!a || !isPerTaxpayer(a)) return this.paidBy(c.caseId);
    if (a.manual) return false;
    for (const t of taxpayersWhoOwe(a))
      if (!(await this.paidBy(c.caseId, t.personId))) return false;
    return true;
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
