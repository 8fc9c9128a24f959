/**
 * 住建: a case's filed sale contract (网签备案, from the ContractFiling it is given), a family's
 * housing count (the person's and the spouse's current homes) and a unit's completion record.
 */
import type { ContractFiling } from '../../../ports/contracts';
import type { RegisterFacts } from '../registerFacts';
import type { DepartmentAnswers } from '../simulatedSource';
import { need } from './need';

export const housingAnswers = (
  facts: RegisterFacts,
  /** absent → 住建 holds no filed contracts */
  contracts: Pick<ContractFiling, 'byCase'> | undefined,
): DepartmentAnswers => ({
  truth: async (q) => {
    if (q.kind === 'filedContract') {
      const c = contracts ? await contracts.byCase(q.caseId) : undefined;
      return c ? JSON.parse(JSON.stringify(c)) : null;
    }
    if (q.kind === 'familyHousing') {
      const p = await facts.person(q.idNumber);
      if (!p) return { idNumber: q.idNumber, homeCount: 0, unitCodes: [] };
      const spouse = (await facts.marriageOf(p.person_id))?.spouse;
      const homes = await facts.homesOf([p.person_id, ...(spouse ? [spouse.person_id] : [])]);
      return { idNumber: q.idNumber, homeCount: homes.length, unitCodes: homes };
    }
    const v = await facts.unit(need(q, 'completion').unitCode);
    if (!v) return null;
    return {
      unitCode: v.unit.unitCode,
      completionRecordNumber: `JB${v.unit.unitCode.slice(0, 6)}${v.unit.unitCode.slice(-6)}`,
      completedBefore: v.right?.registeredOn ?? null,
      use: v.unit.use,
    };
  },
  corrupt: (q, d) => {
    if (!d || typeof d !== 'object') return d;
    if (q.kind === 'familyHousing') {
      const h = d as { homeCount: number };
      return { ...h, homeCount: h.homeCount + 1 };
    }
    if (q.kind === 'filedContract') {
      const c = d as { terms: { priceFen: number } };
      return { ...c, terms: { ...c.terms, priceFen: c.terms.priceFen * 10 } };
    }
    return { ...d, completedBefore: '1900-01-01' };
  },
});
