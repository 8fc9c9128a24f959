/** 规划: a unit's planned use and whether it complies. */
import type { RegisterFacts } from '../registerFacts';
import type { DepartmentAnswers } from '../simulatedSource';
import { need } from './need';

export const planningAnswers = (facts: RegisterFacts): DepartmentAnswers => ({
  truth: async (q) => {
    const v = await facts.unit(need(q, 'planning').unitCode);
    if (!v) return null;
    return { unitCode: v.unit.unitCode, plannedUse: v.unit.use, compliant: true };
  },
  corrupt: (_q, d) => (d && typeof d === 'object' ? { ...d, compliant: false } : d),
});
