/** 公安: a natural person's identity and household (the spouse as its second member). */
import type { RegisterFacts } from '../registerFacts';
import type { DepartmentAnswers } from '../simulatedSource';
import { need } from './need';

export const publicSecurityAnswers = (facts: RegisterFacts): DepartmentAnswers => ({
  truth: async (q) => {
    if (q.kind === 'identity') {
      const p = await facts.person(q.idNumber);
      return p && p.kind === 'natural'
        ? { idNumber: p.id_number, name: p.name, status: '正常' }
        : null;
    }
    const p = await facts.person(need(q, 'household').idNumber);
    if (!p) return null;
    const m = await facts.marriageOf(p.person_id);
    return {
      idNumber: p.id_number,
      members: [
        { name: p.name, relation: '户主' },
        ...(m ? [{ name: m.spouse.name, relation: '配偶' }] : []),
      ],
    };
  },
  corrupt: (_q, d) => (d && typeof d === 'object' ? { ...d, name: '（错误）张三' } : d),
});
