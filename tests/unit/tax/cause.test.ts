/**
 * assessCaseTax: taxes per taxpayer and per rule beyond a home resale between individuals
 * (docs/registry-facts.md §6, §13). Every line names its taxpayer and the rule; a case outside
 * every rule is 待人工核定 with the reason and no line.
 */
import {
  amountOwedBy,
  assessCaseTax,
  linesOf,
  taxpayersOf,
  type CaseTaxInput,
  type TaxAssessment,
  type TaxPartyFacts,
} from '../../../mock-server/src/domain/tax';

const seller: TaxPartyFacts = { personId: 'P-S', name: '卖方甲', role: 'obligor', kind: 'natural' };
const buyer: TaxPartyFacts = {
  personId: 'P-B',
  name: '买方乙',
  role: 'rightHolder',
  kind: 'natural',
};
const developer: TaxPartyFacts = {
  personId: 'ORG-D',
  name: '台州某房地产开发有限公司',
  role: 'obligor',
  kind: 'legal',
};

/** ¥2,000,000 for 100 ㎡, reference ¥10,000/㎡ (below the price), held 1 year */
const BASE: CaseTaxInput = {
  cause: 'sale',
  use: '住宅',
  parties: [seller, buyer],
  contractPriceFen: 200_000_000,
  referencePriceFenPerSqm: 1_000_000,
  areaSqm: 100,
  buyerFamilyHomeCount: 0,
  sellerRegisteredOn: '2025-06-01',
  transactionDate: '2026-03-15',
  sellerFamilyOnlyHome: false,
};

const amounts = (a: TaxAssessment, personId: string) =>
  Object.fromEntries(linesOf(a, personId).map((l) => [l.tax + ':' + l.payer, l.amountFen]));

function expectEveryLineNamed(a: TaxAssessment) {
  expect(a.manual).toBeUndefined();
  expect(a.lines.length).toBeGreaterThan(0);
  for (const l of a.lines) {
    expect(l.taxpayerId).toEqual(expect.any(String));
    expect(l.taxpayerName).toEqual(expect.any(String));
    expect(l.rule.length).toBeGreaterThan(8);
  }
}

describe('assessCaseTax: a 商铺 resale between individuals (§13 non-residential)', () => {
  const a = assessCaseTax({ ...BASE, use: '商铺', buyerFamilyHomeCount: 0 });

  it('charges 3 % 契税 and 0.05 % 印花税 to the buyer, no family relief', () => {
    expectEveryLineNamed(a);
    expect(amounts(a, 'P-B')).toEqual({
      'deedTax:rightHolder': 6_000_000,
      'stampDuty:rightHolder': 100_000,
    });
    const deed = linesOf(a, 'P-B').find((l) => l.tax === 'deedTax');
    expect(deed?.rule).toContain('非住房');
    expect(deed?.rule).toContain('契税法');
  });

  it('charges the seller 5 % VAT, its surcharges as own lines, 土地增值税 5 %, 个税 1 %, 印花税 0.05 %', () => {
    expect(amounts(a, 'P-S')).toEqual({
      'vat:obligor': 10_000_000,
      // 7 %, 3 %, 2 % of the VAT, halved for individuals
      'urbanMaintenanceTax:obligor': 350_000,
      'educationSurcharge:obligor': 150_000,
      'localEducationSurcharge:obligor': 100_000,
      'landVat:obligor': 10_000_000,
      'incomeTax:obligor': 2_000_000,
      'stampDuty:obligor': 100_000,
    });
    expect(linesOf(a, 'P-S').find((l) => l.tax === 'landVat')?.rule).toContain('假设值');
  });

  it('splits nothing between taxpayers: each owes only their own lines', () => {
    expect(amountOwedBy(a, 'P-B') + amountOwedBy(a, 'P-S')).toBe(a.totals.all);
    expect(taxpayersOf(a).map((t) => t.personId)).toEqual(['P-B', 'P-S']);
  });

  it('treats 办公, 车位 and 厂房 as non-residential too', () => {
    for (const use of ['办公', '车位', '厂房', '商业']) {
      const x = assessCaseTax({ ...BASE, use });
      expect(x.lines.find((l) => l.tax === 'deedTax')?.rate).toBe(300);
    }
  });
});

describe("assessCaseTax: a developer's 预告转本 (company seller)", () => {
  // the measured case: ¥2,176,680, the buyer family's first home ≤ 140 ㎡
  const a = assessCaseTax({
    ...BASE,
    cause: 'newHomePurchase',
    parties: [developer, buyer],
    contractPriceFen: 217_668_000,
    areaSqm: 120,
    referencePriceFenPerSqm: 1_500_000,
  });

  it("charges only the buyer's 契税 at the family-home rate: ¥21,766.80", () => {
    expectEveryLineNamed(a);
    expect(a.totals.all).toBe(2_176_680);
    expect(linesOf(a, 'ORG-D')).toEqual([]);
    const deed = linesOf(a, 'P-B').find((l) => l.tax === 'deedTax');
    expect(deed).toMatchObject({ amountFen: 2_176_680, rate: 100, taxpayerName: '买方乙' });
    expect(deed?.rule).toContain('家庭唯一住房');
  });

  it('never charges the company VAT or income tax', () => {
    expect(a.lines.some((l) => l.tax === 'vat' || l.tax === 'incomeTax')).toBe(false);
  });
});

describe('assessCaseTax: gifts (§13)', () => {
  const donor: TaxPartyFacts = { ...seller, name: '赠与人' };
  const child: TaxPartyFacts = { ...buyer, name: '受赠子女', relation: 'child' };
  const friend: TaxPartyFacts = { ...buyer, name: '受赠朋友', relation: 'none' };

  it('to a child: 契税 3 %, 个税 and VAT exempt, 印花税 0.05 % each side', () => {
    const a = assessCaseTax({ ...BASE, cause: 'gift', parties: [donor, child] });
    expectEveryLineNamed(a);
    expect(amounts(a, 'P-B')).toEqual({
      'deedTax:rightHolder': 6_000_000,
      'incomeTax:rightHolder': 0,
      'stampDuty:rightHolder': 100_000,
    });
    expect(amounts(a, 'P-S')).toEqual({ 'vat:obligor': 0, 'stampDuty:obligor': 100_000 });
    expect(linesOf(a, 'P-B').find((l) => l.tax === 'incomeTax')?.rule).toContain(
      '财税〔2009〕78号',
    );
    expect(linesOf(a, 'P-S').find((l) => l.tax === 'vat')?.rule).toContain('财税〔2016〕36号');
  });

  it('to a non-relative: the recipient pays 个税 20 %, the donor VAT as on a sale with surcharges', () => {
    const a = assessCaseTax({ ...BASE, cause: 'gift', parties: [donor, friend] });
    expectEveryLineNamed(a);
    expect(amounts(a, 'P-B')).toEqual({
      'deedTax:rightHolder': 6_000_000,
      'incomeTax:rightHolder': 40_000_000,
      'stampDuty:rightHolder': 100_000,
    });
    // held < 2 years: 3 % VAT (§6), then surcharges of 3.5 %, 1.5 %, 1 % of it
    expect(amounts(a, 'P-S')).toEqual({
      'vat:obligor': 6_000_000,
      'urbanMaintenanceTax:obligor': 210_000,
      'educationSurcharge:obligor': 90_000,
      'localEducationSurcharge:obligor': 60_000,
      'stampDuty:obligor': 100_000,
    });
  });

  it('between spouses (夫妻加名): 契税 exempt as well', () => {
    const a = assessCaseTax({
      ...BASE,
      cause: 'spouseAddition',
      parties: [donor, { ...donor, role: 'rightHolder' }, { ...buyer, relation: 'spouse' }],
    });
    expectEveryLineNamed(a);
    const deed = linesOf(a, 'P-B').find((l) => l.tax === 'deedTax');
    expect(deed).toMatchObject({ exempt: true, amountFen: 0 });
    // the holder who stays is not a recipient
    expect(linesOf(a, 'P-S').some((l) => l.payer === 'rightHolder')).toBe(false);
  });

  it('a spouse addition without a shown marriage waits for manual assessment', () => {
    const a = assessCaseTax({ ...BASE, cause: 'spouseAddition', parties: [donor, friend] });
    expect(a.manual?.reason).toContain('夫妻');
    expect(a.lines).toEqual([]);
  });

  it('a 商铺 given to a non-relative is outside the rules: 待人工核定', () => {
    const a = assessCaseTax({ ...BASE, cause: 'gift', use: '商铺', parties: [donor, friend] });
    expect(a.manual?.reason).toContain('非住房');
    expect(a.totals.all).toBe(0);
  });
});

describe('assessCaseTax: inheritance (§13)', () => {
  it('statutory heirs pay no 契税 and no 个税, each on their own lines', () => {
    const a = assessCaseTax({
      ...BASE,
      cause: 'inheritance',
      parties: [
        { ...buyer, heir: 'statutory', relation: 'child' },
        {
          personId: 'P-C',
          name: '继承人丙',
          role: 'rightHolder',
          kind: 'natural',
          heir: 'statutory',
          relation: 'spouse',
        },
      ],
    });
    expectEveryLineNamed(a);
    expect(a.totals.all).toBe(0);
    for (const id of ['P-B', 'P-C']) {
      expect(linesOf(a, id).map((l) => [l.tax, l.exempt])).toEqual([
        ['deedTax', true],
        ['incomeTax', true],
      ]);
    }
    expect(linesOf(a, 'P-B')[0].rule).toContain('契税法》第六条');
  });

  it('an heir under a will who is a close relative is taxed as a gift', () => {
    const a = assessCaseTax({
      ...BASE,
      cause: 'inheritance',
      parties: [{ ...buyer, heir: 'will', relation: 'grandchild' }],
    });
    expect(amounts(a, 'P-B')).toEqual({
      'deedTax:rightHolder': 6_000_000,
      'incomeTax:rightHolder': 0,
      'stampDuty:rightHolder': 100_000,
    });
  });

  it('an heir whose standing is not shown waits for manual assessment', () => {
    const a = assessCaseTax({ ...BASE, cause: 'inheritance', parties: [buyer] });
    expect(a.manual?.reason).toContain('法定继承人');
  });
});

describe('assessCaseTax: the reference price (核价)', () => {
  it('assesses a sale below the reference price on the reference price, saying so', () => {
    // ¥800,000 declared for 100 ㎡ at a reference of ¥10,000/㎡ = ¥1,000,000
    const a = assessCaseTax({ ...BASE, contractPriceFen: 80_000_000 });
    expectEveryLineNamed(a);
    expect(a.base).toMatchObject({ usesReference: true, baseFen: 100_000_000 });
    expect(a.base.rule).toContain('低于核价参考价格');
    const deed = linesOf(a, 'P-B').find((l) => l.tax === 'deedTax');
    expect(deed).toMatchObject({ baseFen: 100_000_000, amountFen: 1_000_000 });
    // held < 2 years: 3 % VAT of the reference price
    expect(linesOf(a, 'P-S').find((l) => l.tax === 'vat')?.amountFen).toBe(3_000_000);
  });
});

describe('assessCaseTax: outside every rule', () => {
  it.each<[string, Partial<CaseTaxInput>, string]>([
    ['a company buyer', { parties: [seller, { ...buyer, kind: 'legal' }] }, '买方为单位'],
    ['an unknown use', { use: '宗教' }, '宗教'],
    ['a division on divorce', { cause: 'divorceDivision' }, '离婚析产'],
    [
      'a proven cost on a shop (土地增值税 progressive)',
      { use: '商铺', originalPriceFen: 50_000_000 },
      '土地增值税',
    ],
  ])('%s → 待人工核定 with the reason and no line', (_name, change, reason) => {
    const a = assessCaseTax({ ...BASE, ...change });
    expect(a.manual?.reason).toContain(reason);
    expect(a.lines).toEqual([]);
    expect(a.totals.all).toBe(0);
  });

  it('no taxable cause: no line and nothing to wait for', () => {
    const a = assessCaseTax({ ...BASE, cause: 'none' });
    expect(a.lines).toEqual([]);
    expect(a.manual).toBeUndefined();
  });
});

describe('perTaxpayer: co-buyers share a line', () => {
  it('by shares when every buyer has one, to the fen', () => {
    const a = assessCaseTax({
      ...BASE,
      use: '商铺',
      contractPriceFen: 100_000_001,
      parties: [
        seller,
        { ...buyer, shareBasisPoints: 3333 },
        {
          personId: 'P-C',
          name: '买方丙',
          role: 'rightHolder',
          kind: 'natural',
          shareBasisPoints: 6667,
        },
      ],
    });
    const deed = a.lines.filter((l) => l.tax === 'deedTax');
    expect(deed.map((l) => l.taxpayerId)).toEqual(['P-B', 'P-C']);
    expect(deed[0].amountFen + deed[1].amountFen).toBe(3_000_000);
    expect(deed[0].rule).toContain('按各自份额分摊');
  });
});
