/** 法院: the seizures on a unit. */
import type { RegisterFacts } from '../registerFacts';
import type { DepartmentAnswers } from '../simulatedSource';
import { need } from './need';

export const courtsAnswers = (facts: RegisterFacts): DepartmentAnswers => ({
  truth: async (q) => {
    const v = await facts.unit(need(q, 'seizures').unitCode);
    if (!v) return null;
    return {
      unitCode: v.unit.unitCode,
      seizures: v.restrictions.flatMap((r) =>
        r.kind === 'seizure'
          ? [{ rulingNumber: r.rulingNumber, registeredOn: r.registeredOn, endsOn: r.endsOn }]
          : [],
      ),
    };
  },
  // none ↔ one invented seizure
  corrupt: (_q, d) => {
    const s = d as { unitCode: string; seizures: unknown[] } | null;
    if (!s) return s;
    return {
      ...s,
      seizures: s.seizures.length
        ? []
        : [
            {
              rulingNumber: '(2026)浙1002执保999号',
              registeredOn: '2026-01-01',
              endsOn: '2029-01-01',
            },
          ],
    };
  },
});
