/** 民政: whether a person is married, and to whom since when. */
import type { RegisterFacts } from '../registerFacts';
import type { DepartmentAnswers } from '../simulatedSource';
import { need } from './need';

type MarriageAnswer = {
  idNumber: string;
  name: string;
  maritalStatus: string;
  spouse?: { name: string; idNumber: string };
  registeredOn?: string;
} | null;

export const civilAffairsAnswers = (facts: RegisterFacts): DepartmentAnswers => ({
  truth: async (q): Promise<MarriageAnswer> => {
    const { idNumber } = need(q, 'marriage');
    const p = await facts.person(idNumber);
    if (!p) return null;
    const m = await facts.marriageOf(p.person_id);
    return m
      ? {
          idNumber,
          name: p.name,
          maritalStatus: '已婚',
          spouse: { name: m.spouse.name, idNumber: m.spouse.id_number },
          registeredOn: m.registeredOn,
        }
      : { idNumber, name: p.name, maritalStatus: '未婚或无婚姻登记记录' };
  },
  // married ↔ not married
  corrupt: (_q, d) => {
    const m = d as MarriageAnswer;
    if (!m) return m;
    return m.maritalStatus === '已婚'
      ? { idNumber: m.idNumber, name: m.name, maritalStatus: '未婚或无婚姻登记记录' }
      : { ...m, maritalStatus: '已婚', spouse: { name: '（错误）李四', idNumber: '' } };
  },
});
