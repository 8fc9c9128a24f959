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
    if (q.kind === 'heirs') {
      // 继承: the deceased's death (户籍注销) and living first-order heirs (民法典§1127)
      const d = await facts.person(q.idNumber);
      const diedOn = d && (await facts.deathOf(d.person_id));
      if (!d || !diedOn) return null;
      const m = await facts.marriageOf(d.person_id);
      const spouse = m && !(await facts.deathOf(m.spouse.person_id)) ? [m.spouse] : [];
      return {
        idNumber: d.id_number,
        name: d.name,
        diedOn,
        heirs: [
          ...spouse.map((s) => ({ name: s.name, idNumber: s.id_number, relation: '配偶' })),
          ...(await facts.kinOf(d.person_id)).map((k) => ({
            name: k.person.name,
            idNumber: k.person.id_number,
            relation: k.relation,
          })),
        ],
      };
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
