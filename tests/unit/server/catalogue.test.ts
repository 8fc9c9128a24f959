import { CATALOGUE_V1 } from '../../../mock-server/src/adapters/seed/catalogue-v1';
import { checkBusinessType, checkCatalogue } from '../../../mock-server/src/domain/catalogue';

const byName = new Map(CATALOGUE_V1.businessTypes.map((b) => [b.name, b]));

describe('business catalogue v1', () => {
  it('is well-formed', () => {
    expect(checkCatalogue(CATALOGUE_V1)).toEqual([]);
  });

  it.each([
    ['二手房买卖转移登记', true],
    ['新建商品房转移登记（预告转本）', true],
    ['抵押权首次登记', true],
    ['抵押权注销登记', false],
    ['变更登记（权利人姓名或身份证号变更）', false],
    ['不动产权属查询证明', false],
  ])('has %s with jointApplication=%s (条例第十四条)', (name, joint) => {
    const b = byName.get(name);
    expect(b).toBeDefined();
    expect(b!.jointApplication).toBe(joint);
    expect(b!.description.length).toBeGreaterThan(5);
    expect(b!.promisedWorkingDays).toBeLessThanOrEqual(30);
    expect(b!.assumptions.join()).toContain('假设');
  });

  it('rejects a promise beyond the statutory 30 working days and a joint type without counterpart', () => {
    const base = CATALOGUE_V1.businessTypes[0];
    expect(checkBusinessType({ ...base, promisedWorkingDays: 31 })).toEqual([
      'transfer.secondHandSale: promisedWorkingDays must be an integer 0–30',
    ]);
    expect(
      checkBusinessType({ ...base, roles: [{ role: 'rightHolder', min: 1, description: '买方' }] }),
    ).toEqual(['transfer.secondHandSale: joint application needs an obligor or mortgagee']);
    expect(checkCatalogue({ ...CATALOGUE_V1, businessTypes: [base, base] })).toContain(
      'duplicate business type code',
    );
  });
});
