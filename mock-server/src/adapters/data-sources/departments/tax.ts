/** 税务: whether a case's tax is paid, from the registry's tax payment records (migration 0009). */
import type { TaxPaymentStore } from '../../../ports';
import type { DepartmentAnswers } from '../simulatedSource';
import { need } from './need';

export const taxAnswers = (
  taxPayments: Pick<TaxPaymentStore, 'chargesOf' | 'receiptOf'> | undefined,
): DepartmentAnswers => ({
  // what the tax department holds of the case: each taxpayer's payment of their own lines (or
  // the one whole-case payment made before taxes were per taxpayer), with its 完税证明 number
  truth: async (q) => {
    const { caseId } = need(q, 'taxPayments');
    const charges = (await taxPayments?.chargesOf(caseId)) ?? [];
    if (charges.length === 0) return null;
    const payments = await Promise.all(
      charges.map(async (charge) => {
        const receipt = await taxPayments?.receiptOf(caseId, charge.payerId ?? '');
        return {
          amountFen: charge.amountFen,
          chargeId: charge.chargeId,
          paidAt: charge.chargedAt,
          ...(receipt ? { receiptNo: receipt.body.receiptNo } : {}),
        };
      }),
    );
    const last = payments.reduce((a, b) => (a.paidAt >= b.paidAt ? a : b));
    return {
      caseId,
      paid: true,
      amountFen: payments.reduce((sum, p) => sum + p.amountFen, 0),
      chargeId: last.chargeId,
      paidAt: last.paidAt,
      ...(last.receiptNo ? { receiptNo: last.receiptNo } : {}),
      payments,
    };
  },
  corrupt: (_q, d) => (d && typeof d === 'object' ? { ...d, amountFen: 1 } : d),
});
