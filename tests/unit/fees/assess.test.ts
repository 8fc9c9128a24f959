/**
 * Registration fees per business type from the catalogue (docs/registry-facts.md §14): 住宅 80 元,
 * 非住宅 550 元, 10 元 per further certificate, nothing for the fee-free kinds, 小微企业 /
 * 个体工商户 / a garage with its home exempt; the mortgagee pays a mortgage's fee.
 */
import { CATALOGUE_V1 } from '../../../mock-server/src/adapters/seed/catalogue-v1';
import { checkCatalogue, type BusinessType } from '../../../mock-server/src/domain/catalogue';
import {
  assessFees,
  isIndividualBusinessUscc,
  owesFee,
  type FeeFacts,
  type FeeParty,
} from '../../../mock-server/src/domain/fees';

const bt = (code: string): BusinessType => {
  const b = CATALOGUE_V1.businessTypes.find((x) => x.code === code);
  if (!b) throw new Error(code);
  return b;
};
const seller: FeeParty = { personId: 'S', role: 'obligor', name: '卖方' };
const buyer: FeeParty = { personId: 'B', role: 'rightHolder', name: '买方' };
const buyer2: FeeParty = { personId: 'B2', role: 'rightHolder', name: '买方二' };
const bank: FeeParty = { personId: 'BANK', role: 'mortgagee', name: '银行' };
const sale = (over: Partial<FeeFacts> = {}): FeeFacts => ({
  businessType: bt('transfer.secondHandSale'),
  parties: [seller, buyer],
  unitUse: '住宅',
  ...over,
});

describe('registration fee assessment', () => {
  it('a home sale: 80 元 paid by the buyer (the new right holder), with the rule', () => {
    const a = assessFees(sale());
    expect(a.totalFen).toBe(8000);
    expect(a.payerIds).toEqual(['B']);
    expect(a.lines).toHaveLength(1);
    expect(a.lines[0]).toMatchObject({ payerRole: 'rightHolder', amountFen: 8000 });
    expect(a.lines[0].rule).toContain('80元');
    expect(a.lines[0].basis).toContain('发改价格规〔2016〕2559号');
    expect(owesFee(a, 'B')).toBe(true);
    expect(owesFee(a, 'S')).toBe(false);
  });

  it('a 商铺 or office: 非住宅 550 元', () => {
    expect(assessFees(sale({ unitUse: '商业' })).totalFen).toBe(55000);
    expect(assessFees(sale({ unitUse: '办公' })).totalFen).toBe(55000);
  });

  it('按份共有: 10 元 工本费 for each certificate beyond the first; 共同共有 shares one', () => {
    const shares = assessFees(sale({ parties: [seller, buyer, buyer2], newCoOwnership: 'shares' }));
    expect(shares.lines[0]).toMatchObject({ extraCertificates: 1, extraFen: 1000 });
    expect(shares.totalFen).toBe(9000);
    expect(shares.payerIds).toEqual(['B', 'B2']);
    const joint = assessFees(sale({ parties: [seller, buyer, buyer2], newCoOwnership: 'joint' }));
    expect(joint.totalFen).toBe(8000);
    const shop = assessFees(
      sale({ parties: [seller, buyer, buyer2], newCoOwnership: 'shares', unitUse: '商业' }),
    );
    expect(shop.totalFen).toBe(56000);
  });

  it('a mortgage: the mortgagee pays (抵押权人), not the mortgagor', () => {
    const a = assessFees({
      businessType: bt('mortgage.first'),
      parties: [{ ...buyer, role: 'rightHolder' }, bank],
      unitUse: '住宅',
    });
    expect(a.totalFen).toBe(8000);
    expect(a.payerIds).toEqual(['BANK']);
    expect(a.lines[0].payerRole).toBe('mortgagee');
  });

  it('a developer’s new home to its buyer: the buyer pays 80 元', () => {
    const a = assessFees({
      businessType: bt('transfer.newHomeFromAdvanceNotice'),
      parties: [{ ...seller, personId: 'DEV' }, buyer],
      unitUse: '住宅',
    });
    expect(a).toMatchObject({ totalFen: 8000, payerIds: ['B'] });
  });

  it('no fee for a cancellation, a name change and the holdings proof', () => {
    for (const code of ['mortgage.cancellation', 'change.holderIdentity', 'query.holdingsProof']) {
      const a = assessFees({ businessType: bt(code), parties: [buyer, bank], unitUse: '住宅' });
      expect(a.totalFen).toBe(0);
      expect(a.lines).toEqual([]);
      expect(a.noFeeReason).toBeTruthy();
    }
  });

  it.each([
    'cancellation',
    'advanceNotice',
    'seizure',
    'objection',
    'correction',
    'query',
  ] as const)(
    'a %s registration pays nothing even if a catalogue lists a fee, and the catalogue check says so',
    (kind) => {
      const wrong: BusinessType = { ...bt('transfer.secondHandSale'), code: 'x.wrongFee', kind };
      expect(assessFees(sale({ businessType: wrong })).totalFen).toBe(0);
      expect(
        checkCatalogue({ ...CATALOGUE_V1, businessTypes: [wrong] }).some((p) =>
          p.includes('no registration fee'),
        ),
      ).toBe(true);
    },
  );

  it('the seeded catalogue is well-formed', () => {
    expect(checkCatalogue(CATALOGUE_V1)).toEqual([]);
  });

  it('exempt: a 小微企业 or 个体工商户 buyer, a garage registered with its home', () => {
    const small = assessFees(sale({ payerCategories: { B: ['smallMicroEnterprise'] } }));
    expect(small.totalFen).toBe(0);
    expect(small.lines[0].exemption).toContain('小微企业');
    const shop = assessFees(
      sale({ unitUse: '商业', payerCategories: { B: ['individualBusiness'] } }),
    );
    expect(shop.totalFen).toBe(0);
    expect(shop.lines[0].exemption).toContain('个体工商户');
    const garage = assessFees(sale({ ancillaryWithHome: true }));
    expect(garage.totalFen).toBe(0);
    expect(garage.lines[0].exemption).toContain('车库');
    // one exempt co-buyer does not exempt the other: the case pays in full
    const mixed = assessFees(
      sale({
        parties: [seller, buyer, buyer2],
        newCoOwnership: 'joint',
        payerCategories: { B: ['smallMicroEnterprise'] },
      }),
    );
    expect(mixed.totalFen).toBe(8000);
    // a seller's category exempts nobody: the seller does not pay the fee
    expect(assessFees(sale({ payerCategories: { S: ['smallMicroEnterprise'] } })).totalFen).toBe(
      8000,
    );
  });

  it('个体工商户 by the 统一社会信用代码 (登记管理部门 9, 类别 2)', () => {
    expect(isIndividualBusinessUscc('92331002MA2AXXXX1X')).toBe(true);
    expect(isIndividualBusinessUscc('91331002MA2AXXXX1X')).toBe(false);
  });
});
