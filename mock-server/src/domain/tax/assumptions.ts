/**
 * Tax configuration: the rates of docs/registry-facts.md §6. Everything that the rules call an
 * ASSUMPTION (or that a city sets) is a field here, passed into `assessTax`, never hard-coded in
 * the functions. Statutory rates are here too so that one object shows every rate that produced a
 * figure.
 */
import type { BasisPoints } from './money';

export interface TaxConfig {
  deedTax: {
    /** family's only home (first home) ≤ 140 ㎡: 1% (财政部 税务总局公告2024年第16号) */
    firstHomeSmall: BasisPoints;
    /** family's only home > 140 ㎡: 1.5% */
    firstHomeLarge: BasisPoints;
    /** family's second home ≤ 140 ㎡: 1% */
    secondHomeSmall: BasisPoints;
    /** family's second home > 140 ㎡: 2% */
    secondHomeLarge: BasisPoints;
    /** third home and more: the province's rate, Zhejiang 3% (in force 2021-09-01) */
    provincialRate: BasisPoints;
    /** the area limit of the reduced rates, in centi-㎡ (140 ㎡ = 14000); "≤" is reduced */
    areaLimitCentiSqm: number;
  };
  vat: {
    /** home held < 2 years: 3% of the full price (from 2026-01-01) */
    shortHoldRate: BasisPoints;
    /** held ≥ this many years: exempt */
    exemptAfterYears: number;
  };
  incomeTax: {
    /** 20% of the gain when the original cost is proven */
    gainRate: BasisPoints;
    /**
     * ASSUMPTION: Taizhou's deemed rate (核定征收率) when the cost is unproven. The law allows
     * 1%–3% set by the city; the city's figure was not found in our sources, default 1%.
     */
    deemedRate: BasisPoints;
    /** 满五唯一: held ≥ this many years and the seller family's only home → exempt */
    exemptAfterYears: number;
  };
  /** Where the config came from, shown next to the figures (e.g. "默认配置（含假设）"). */
  label: string;
}

export const DEFAULT_TAX_CONFIG: TaxConfig = Object.freeze({
  deedTax: Object.freeze({
    firstHomeSmall: 100,
    firstHomeLarge: 150,
    secondHomeSmall: 100,
    secondHomeLarge: 200,
    provincialRate: 300,
    areaLimitCentiSqm: 14000,
  }),
  vat: Object.freeze({ shortHoldRate: 300, exemptAfterYears: 2 }),
  incomeTax: Object.freeze({ gainRate: 2000, deemedRate: 100, exemptAfterYears: 5 }),
  label: '默认配置（台州核定征收率1%为假设值）',
}) as TaxConfig;

/** The fields of DEFAULT_TAX_CONFIG that are assumptions, not law, by path. */
export const TAX_ASSUMPTIONS: readonly { path: string; note: string }[] = [
  {
    path: 'incomeTax.deemedRate',
    note: '台州市个人所得税核定征收率未从资料中查得，默认按1%（法定区间1%–3%），可配置',
  },
];

/**
 * The rates of docs/registry-facts.md §13 (beyond a home resale between individuals). Statutory
 * rates and the assumptions side by side; the assumptions are listed in CAUSE_TAX_ASSUMPTIONS.
 */
export interface CauseTaxConfig {
  nonResidential: {
    /** 契税 on non-residential property: Zhejiang's rate 3 %, no family reliefs */
    deedRate: BasisPoints;
    /** individual seller's 增值税 on non-residential property: 5 % */
    vatRate: BasisPoints;
    /** ASSUMPTION: Taizhou's deemed 土地增值税 rate of the price when the cost is unproven, default 5 % */
    landVatDeemedRate: BasisPoints;
    /** ASSUMPTION: deemed 个人所得税 rate of the price when the cost is unproven, default 1 % */
    incomeTaxDeemedRate: BasisPoints;
  };
  /** 印花税 on 产权转移书据: 0.05 % of the price, each side (印花税法 2022) */
  stampDutyRate: BasisPoints;
  /** ASSUMPTION (rates and the halving): surcharges on VAT, as rates of the VAT amount */
  surcharges: {
    /** 城市维护建设税: 7 % in a city (5 % in a county town) */
    urbanMaintenance: BasisPoints;
    /** 教育费附加 3 % */
    education: BasisPoints;
    /** 地方教育附加 2 % */
    localEducation: BasisPoints;
    /** 六税两费 relief 2023–2027: halved for individuals */
    halvedForIndividuals: boolean;
  };
  gift: {
    /** the recipient's 契税: 3 % (a gift is not a purchase) */
    deedRate: BasisPoints;
    /** the recipient's 个人所得税: 20 % of the assessed value less the donor's proven costs */
    incomeTaxRate: BasisPoints;
  };
}

export const DEFAULT_CAUSE_TAX_CONFIG: CauseTaxConfig = Object.freeze({
  nonResidential: Object.freeze({
    deedRate: 300,
    vatRate: 500,
    landVatDeemedRate: 500,
    incomeTaxDeemedRate: 100,
  }),
  stampDutyRate: 5,
  surcharges: Object.freeze({
    urbanMaintenance: 700,
    education: 300,
    localEducation: 200,
    halvedForIndividuals: true,
  }),
  gift: Object.freeze({ deedRate: 300, incomeTaxRate: 2000 }),
}) as CauseTaxConfig;

export const CAUSE_TAX_ASSUMPTIONS: readonly { path: string; note: string }[] = [
  {
    path: 'nonResidential.landVatDeemedRate',
    note: '台州市土地增值税核定征收率未从资料中查得，默认按转让价格的5%，可配置',
  },
  {
    path: 'nonResidential.incomeTaxDeemedRate',
    note: '非住房个人所得税核定征收率默认按1%，可配置',
  },
  {
    path: 'surcharges',
    note: '增值税附加按城市维护建设税7%（县城5%）、教育费附加3%、地方教育附加2%，个人减半征收（2023–2027年六税两费减免），可配置',
  },
];
