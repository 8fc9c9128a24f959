/** 银行: the mortgages on a unit (none released: the register holds only current ones). */
import type { RegisterFacts } from '../registerFacts';
import type { DepartmentAnswers } from '../simulatedSource';
import { need } from './need';

export const banksAnswers = (facts: RegisterFacts): DepartmentAnswers => ({
  truth: async (q) => {
    const v = await facts.unit(need(q, 'mortgages').unitCode);
    if (!v) return null;
    return {
      unitCode: v.unit.unitCode,
      mortgages: v.restrictions.flatMap((r) =>
        r.kind === 'mortgage'
          ? [
              {
                mortgageType: r.mortgageType,
                securedAmountYuan: r.securedAmountYuan,
                registeredOn: r.registeredOn,
                debtEndsOn: r.debtEndsOn,
                released: false,
              },
            ]
          : [],
      ),
    };
  },
  // none ↔ one invented mortgage
  corrupt: (_q, d) => {
    const m = d as { unitCode: string; mortgages: unknown[] } | null;
    if (!m) return m;
    return {
      ...m,
      mortgages: m.mortgages.length
        ? []
        : [
            {
              mortgageType: '一般抵押',
              securedAmountYuan: 999_999,
              registeredOn: '2026-01-01',
              debtEndsOn: '2046-01-01',
              released: false,
            },
          ],
    };
  },
});
