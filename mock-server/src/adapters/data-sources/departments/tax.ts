/** 税务: whether a case's tax is paid, from the registry's tax payment records (migration 0009). */
import type { TaxPaymentStore } from '../../../ports';
import type { DepartmentAnswers } from '../simulatedSource';
import { need } from './need';

export const taxAnswers = (
  taxPayments: Pick<TaxPaymentStore, 'chargeOf' | 'receiptOf'> | undefined,
): DepartmentAnswers => ({
  truth: async (q) => {
    const { caseId } = need(q, 'taxPayments');
    const charge = await taxPayments?.chargeOf(caseId);
    if (!charge) return null;
    const receipt = await taxPayments?.receiptOf(caseId);
    return {
      caseId,
      paid: true,
      amountFen: charge.amountFen,
      chargeId: charge.chargeId,
      paidAt: charge.chargedAt,
      ...(receipt ? { receiptNo: receipt.body.receiptNo } : {}),
    };
  },
  corrupt: (_q, d) => (d && typeof d === 'object' ? { ...d, amountFen: 1 } : d),
});
