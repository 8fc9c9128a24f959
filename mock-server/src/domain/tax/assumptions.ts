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
