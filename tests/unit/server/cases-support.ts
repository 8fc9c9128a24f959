/**
 * Builders for the case tests: the seeded register projected in memory, a second-hand sale of
 * 紫荆华庭12幢3单元2303室 (李国平 P001 and 叶美华 P002, joint) to 应敏 (P048).
 */
import {
  CATALOGUE_V1,
  DEFAULT_SEED,
  generateSeed,
  mulberry32,
} from '../../../mock-server/src/adapters/seed';
import type { BusinessType } from '../../../mock-server/src/domain/catalogue';
import type { CaseParty, CaseRecord } from '../../../mock-server/src/domain/cases';
import {
  currentRightOf,
  projectRegister,
  type RegisterState,
} from '../../../mock-server/src/domain/register';
import type { ReviewContext } from '../../../mock-server/src/domain/review';

export const SALE_UNIT = '331004001005GB04397F00120001';
export const seedData = () => generateSeed(mulberry32(DEFAULT_SEED), DEFAULT_SEED);
export const seededRegister = (): RegisterState => projectRegister(seedData().events);

export const businessType = (code: string): BusinessType => {
  const bt = CATALOGUE_V1.businessTypes.find((b) => b.code === code);
  if (!bt) throw new Error(code);
  return bt;
};
export const SALE = businessType('transfer.secondHandSale');

export const SALE_ANSWERS = {
  truthful: '是',
  soleOrCoOwned: '单独所有',
  disputeOrSeizure: '否',
};

export function saleCase(over: Partial<CaseRecord> = {}, parties?: CaseParty[]): CaseRecord {
  return {
    caseId: 'C1',
    businessTypeCode: SALE.code,
    businessTypeVersion: SALE.version,
    status: 'draft',
    unitCode: SALE_UNIT,
    parties: parties ?? [
      { personId: 'P001', name: '李国平', role: 'obligor' },
      { personId: 'P002', name: '叶美华', role: 'obligor' },
      { personId: 'P048', name: '应敏', role: 'rightHolder' },
    ],
    newCoOwnership: 'sole',
    priceYuan: 1_800_000,
    answers: { ...SALE_ANSWERS },
    materials: SALE.materials.map((m) => ({
      code: m.code,
      source: m.sources[0],
      status: 'provided' as const,
    })),
    createdBy: 'P048',
    createdAt: '2026-11-27T02:00:00.000Z',
    updatedAt: '2026-11-27T02:00:00.000Z',
    timeline: [],
    version: 1,
    ...over,
  };
}

export function reviewContext(
  register: RegisterState,
  c: CaseRecord,
  over: Partial<ReviewContext> = {},
): ReviewContext {
  return {
    case: c,
    businessType: SALE,
    unit: register.units.get(c.unitCode),
    right: currentRightOf(register, c.unitCode),
    restrictions: [...register.restrictions.values()].filter(
      (r) => r.unitCode === c.unitCode && r.status === 'current',
    ),
    taxPaid: true,
    ...over,
  };
}
