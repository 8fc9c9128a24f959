import {
  anniversary,
  assessTax,
  DEFAULT_TAX_CONFIG,
  fullYearsHeld,
  heldAtLeast,
  referencePricePerSqm,
  TAIZHOU_REFERENCE_PRICES,
  TAX_ASSUMPTIONS,
  type TaxConfig,
  type TaxInput,
} from '../../../mock-server/src/domain/tax';
import { TAIZHOU_COUNTIES } from '../../../mock-server/src/domain/counties';
import { AppError } from '../../../mock-server/src/domain/errors';

/** ¥2,000,000 for 100 ㎡ (reference ¥10,000/㎡ → ¥1,000,000, below the price), held 6 years */
const BASE: TaxInput = {
  contractPriceFen: 200_000_000,
  referencePriceFenPerSqm: 1_000_000,
  areaSqm: 100,
  buyerFamilyHomeCount: 0,
  sellerRegisteredOn: '2020-01-10',
  transactionDate: '2026-03-15',
  sellerFamilyOnlyHome: true,
};

interface Row {
  name: string;
  input: Partial<TaxInput>;
  config?: TaxConfig;
  /** expected fen */
  deedTax: number;
  vat: number;
  incomeTax: number;
  base?: number;
  /** a fragment the line's rule must contain */
  rule?: [tax: 'deedTax' | 'vat' | 'incomeTax', fragment: string];
}

const deemed2pct: TaxConfig = {
  ...DEFAULT_TAX_CONFIG,
  incomeTax: { ...DEFAULT_TAX_CONFIG.incomeTax, deemedRate: 200 },
  label: 'test',
};

const TABLE: Row[] = [
  {
    name: 'first home 100 ㎡, 满五唯一',
    input: {},
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 0,
    rule: ['incomeTax', '满五唯一'],
  },
  {
    name: 'first home exactly 140 ㎡ → 1%',
    input: { areaSqm: 140 },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 0,
    rule: ['deedTax', '面积不超过140㎡'],
  },
  {
    name: 'first home 140.01 ㎡ → 1.5%',
    input: { areaSqm: 140.01 },
    deedTax: 3_000_000,
    vat: 0,
    incomeTax: 0,
    rule: ['deedTax', '契税税率1.5%'],
  },
  {
    name: 'second home 100 ㎡ → 1%',
    input: { buyerFamilyHomeCount: 1 },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 0,
    rule: ['deedTax', '家庭第二套住房且面积不超过140㎡'],
  },
  {
    name: 'second home exactly 140 ㎡ → 1%',
    input: { buyerFamilyHomeCount: 1, areaSqm: 140 },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 0,
  },
  {
    name: 'second home 150 ㎡ → 2%',
    input: { buyerFamilyHomeCount: 1, areaSqm: 150 },
    deedTax: 4_000_000,
    vat: 0,
    incomeTax: 0,
    rule: ['deedTax', '契税税率2%'],
  },
  {
    name: 'third home 100 ㎡ → Zhejiang 3%',
    input: { buyerFamilyHomeCount: 2 },
    deedTax: 6_000_000,
    vat: 0,
    incomeTax: 0,
    rule: ['deedTax', '浙江省契税适用税率3%'],
  },
  {
    name: 'fourth home 160 ㎡ → 3%',
    input: { buyerFamilyHomeCount: 3, areaSqm: 160 },
    deedTax: 6_000_000,
    vat: 0,
    incomeTax: 0,
  },
  {
    name: 'spouse transfer → deed tax exempt',
    input: { betweenSpouses: true, buyerFamilyHomeCount: 2 },
    deedTax: 0,
    vat: 0,
    incomeTax: 0,
    rule: ['deedTax', '夫妻之间'],
  },
  {
    name: 'statutory heir → deed tax exempt',
    input: { statutoryHeir: true, areaSqm: 150 },
    deedTax: 0,
    vat: 0,
    incomeTax: 0,
    rule: ['deedTax', '法定继承人'],
  },
  {
    name: 'heir of a home held 1 year: seller taxes unchanged',
    input: { statutoryHeir: true, sellerRegisteredOn: '2025-03-01', sellerFamilyOnlyHome: false },
    deedTax: 0,
    vat: 6_000_000,
    incomeTax: 2_000_000,
  },
  {
    name: 'held exactly 2 years → VAT exempt',
    input: { sellerRegisteredOn: '2024-03-15', sellerFamilyOnlyHome: false },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 2_000_000,
    rule: ['vat', '免征增值税'],
  },
  {
    name: 'held 2 years minus a day → VAT 3%',
    input: { sellerRegisteredOn: '2024-03-16', sellerFamilyOnlyHome: false },
    deedTax: 2_000_000,
    vat: 6_000_000,
    incomeTax: 2_000_000,
    rule: ['vat', '按3%征收率全额'],
  },
  {
    name: 'registered 29 Feb, exactly 2 years on 28 Feb → VAT exempt',
    input: { sellerRegisteredOn: '2024-02-29', transactionDate: '2026-02-28' },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 2_000_000,
  },
  {
    name: 'registered 29 Feb, on 27 Feb two years later → VAT 3%',
    input: { sellerRegisteredOn: '2024-02-29', transactionDate: '2026-02-27' },
    deedTax: 2_000_000,
    vat: 6_000_000,
    incomeTax: 2_000_000,
  },
  {
    name: 'held exactly 5 years, only home → income tax exempt',
    input: { sellerRegisteredOn: '2021-03-15' },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 0,
  },
  {
    name: 'held 5 years minus a day, only home → deemed 1%',
    input: { sellerRegisteredOn: '2021-03-16' },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 2_000_000,
    rule: ['incomeTax', '核定征收'],
  },
  {
    name: 'held 6 years, not the only home → deemed 1%',
    input: { sellerFamilyOnlyHome: false },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 2_000_000,
  },
  {
    name: 'cost proven → 20% of the gain',
    input: { sellerFamilyOnlyHome: false, originalPriceFen: 150_000_000 },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 10_000_000,
    rule: ['incomeTax', '转让所得'],
  },
  {
    name: 'cost proven, sold at a loss → 0',
    input: { sellerFamilyOnlyHome: false, originalPriceFen: 250_000_000 },
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 0,
    rule: ['incomeTax', '无所得'],
  },
  {
    name: 'price below reference → reference is the base',
    input: {
      contractPriceFen: 100_000_000,
      referencePriceFenPerSqm: 1_500_000,
      sellerRegisteredOn: '2025-01-01',
      sellerFamilyOnlyHome: false,
    },
    base: 150_000_000,
    deedTax: 1_500_000,
    vat: 4_500_000,
    incomeTax: 1_500_000,
  },
  {
    name: 'below reference, cost proven → gain from the reference',
    input: {
      contractPriceFen: 100_000_000,
      referencePriceFenPerSqm: 1_500_000,
      sellerFamilyOnlyHome: false,
      originalPriceFen: 120_000_000,
    },
    base: 150_000_000,
    deedTax: 1_500_000,
    vat: 0,
    incomeTax: 6_000_000,
  },
  {
    name: 'price equal to reference → contract price',
    input: { contractPriceFen: 100_000_000 },
    base: 100_000_000,
    deedTax: 1_000_000,
    vat: 0,
    incomeTax: 0,
  },
  {
    name: 'rounding: half a fen rounds up',
    input: {
      contractPriceFen: 12_345_650,
      referencePriceFenPerSqm: 100,
      areaSqm: 50,
      sellerRegisteredOn: '2025-06-01',
      sellerFamilyOnlyHome: false,
    },
    deedTax: 123_457,
    vat: 370_370,
    incomeTax: 123_457,
  },
  {
    name: 'rounding: 1.5% of an odd base rounds down below half',
    input: { contractPriceFen: 100_000_033, referencePriceFenPerSqm: 100, areaSqm: 150 },
    deedTax: 1_500_000,
    vat: 0,
    incomeTax: 0,
  },
  {
    name: 'rounding: reference price × fractional area',
    input: {
      contractPriceFen: 1,
      referencePriceFenPerSqm: 1_234_567,
      areaSqm: 89.37,
      sellerFamilyOnlyHome: false,
    },
    base: 110_333_253,
    deedTax: 1_103_333,
    vat: 0,
    incomeTax: 1_103_333,
  },
  {
    name: 'configured deemed rate 2%',
    input: { sellerFamilyOnlyHome: false },
    config: deemed2pct,
    deedTax: 2_000_000,
    vat: 0,
    incomeTax: 4_000_000,
    rule: ['incomeTax', '2%'],
  },
];

describe('assessTax: the table of docs/registry-facts.md §6', () => {
  it('has at least 20 cases', () => expect(TABLE.length).toBeGreaterThanOrEqual(20));

  it.each(TABLE)('$name', (row) => {
    const a = assessTax({ ...BASE, ...row.input }, row.config);
    const amount = (tax: string) =>
      a.lines.filter((l) => l.tax === tax).reduce((s, l) => s + l.amountFen, 0);
    expect({
      deedTax: amount('deedTax'),
      vat: amount('vat'),
      incomeTax: amount('incomeTax'),
    }).toEqual({
      deedTax: row.deedTax,
      vat: row.vat,
      incomeTax: row.incomeTax,
    });
    expect(amount('stampDuty')).toBe(0);
    if (row.base !== undefined) expect(a.base.baseFen).toBe(row.base);
    if (row.rule) {
      const l = a.lines.find((x) => x.tax === row.rule?.[0]);
      expect(l?.rule).toContain(row.rule[1]);
    }
    // totals per payer, integers only
    expect(a.totals.rightHolder).toBe(row.deedTax);
    expect(a.totals.obligor).toBe(row.vat + row.incomeTax);
    expect(a.totals.all).toBe(row.deedTax + row.vat + row.incomeTax);
    for (const l of a.lines) {
      expect(Number.isSafeInteger(l.amountFen)).toBe(true);
      expect(Number.isSafeInteger(l.baseFen)).toBe(true);
      expect(l.rule.length).toBeGreaterThan(0);
      expect(l.exempt).toBe(l.rate === 0);
    }
  });
});

describe('assessTax: lines', () => {
  it('states each rule in plain Chinese with its source', () => {
    const a = assessTax({ ...BASE, sellerRegisteredOn: '2025-01-01', sellerFamilyOnlyHome: false });
    expect(a.lines.map((l) => [l.taxName, l.payer, l.rate])).toEqual([
      ['契税', 'rightHolder', 100],
      ['印花税', 'rightHolder', 0],
      ['增值税', 'obligor', 300],
      ['个人所得税', 'obligor', 100],
      ['印花税', 'obligor', 0],
    ]);
    expect(a.lines[0].rule).toBe(
      '家庭唯一住房且面积不超过140㎡，契税税率1%（财政部 税务总局公告2024年第16号）',
    );
    expect(a.lines[1].rule).toBe('个人销售或购买住房，免征印花税');
    expect(a.base.rule).toContain('以合同价格为计税依据');
    expect(a.yearsHeld).toBe(1);
  });

  it('says so when the reference price is the base', () => {
    const a = assessTax({ ...BASE, contractPriceFen: 50_000_000 });
    expect(a.base).toMatchObject({ usesReference: true, referencePriceFen: 100_000_000 });
    expect(a.base.rule).toContain('低于核价参考价格');
  });

  it('refuses bad input with VALIDATION_FAILED', () => {
    const bad: Partial<TaxInput>[] = [
      { contractPriceFen: 1.5 },
      { contractPriceFen: -1 },
      { areaSqm: 0 },
      { buyerFamilyHomeCount: -1 },
      { transactionDate: '2019-12-31' },
      { sellerRegisteredOn: '2026-02-30' },
    ];
    for (const b of bad) {
      expect(() => assessTax({ ...BASE, ...b })).toThrow(AppError);
    }
  });
});

describe('holding period', () => {
  it('≥ N years means on or after the same calendar date N years later', () => {
    expect(heldAtLeast('2021-03-15', '2026-03-15', 5)).toBe(true);
    expect(heldAtLeast('2021-03-15', '2026-03-14', 5)).toBe(false);
    expect(heldAtLeast('2024-12-31', '2026-12-31', 2)).toBe(true);
    expect(heldAtLeast('2024-12-31', '2026-12-30', 2)).toBe(false);
  });

  it('29 February has its anniversary on 28 February in a common year (民法典 §202)', () => {
    expect(anniversary('2024-02-29', 2)).toBe('2026-02-28');
    expect(anniversary('2024-02-29', 4)).toBe('2028-02-29');
    expect(fullYearsHeld('2024-02-29', '2026-02-28')).toBe(2);
    expect(fullYearsHeld('2024-02-29', '2026-02-27')).toBe(1);
  });
});

describe('核价 reference table', () => {
  it('covers the nine Taizhou districts and every use', () => {
    expect(TAIZHOU_REFERENCE_PRICES.map((r) => r.countyCode)).toEqual(
      TAIZHOU_COUNTIES.map((c) => c.code),
    );
    for (const r of TAIZHOU_REFERENCE_PRICES) {
      for (const v of Object.values(r.fenPerSqm))
        expect(Number.isSafeInteger(v) && v > 0).toBe(true);
    }
    expect(referencePricePerSqm('331002', 'residential')).toBe(2_200_000);
    expect(referencePricePerSqm('110101', 'residential')).toBeUndefined();
  });

  it('names the assumptions of the configuration', () => {
    expect(TAX_ASSUMPTIONS.map((a) => a.path)).toContain('incomeTax.deemedRate');
    expect(DEFAULT_TAX_CONFIG.incomeTax.deemedRate).toBe(100);
  });
});
