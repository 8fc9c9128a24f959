/**
 * 核价 (tax valuation) reference prices for the nine Taizhou county-level divisions, per ㎡ of
 * building area, by use. When the contract price is below the reference price of the unit, the
 * reference price is the tax base (docs/registry-facts.md §6).
 *
 * ASSUMPTION: every figure below is an invented demo value of plausible size. The real 存量房
 * 评估系统 values are per building and per floor and are not published; these are NOT them.
 * The table is data (extend or replace it; `assessTax` takes the looked-up value as input).
 */
import { TAIZHOU_COUNTIES } from '../counties';

export type PropertyUse = 'residential' | 'commercial' | 'office';

export interface ReferencePriceRow {
  countyCode: string;
  countyName: string;
  /** integer fen per ㎡ */
  fenPerSqm: Record<PropertyUse, number>;
}

export const REFERENCE_PRICE_TABLE_VERSION = 'ASSUMPTION-2026-01';

const yuan = (n: number): number => n * 100;

/** ASSUMPTION values (yuan/㎡ × 100 = fen/㎡). */
const VALUES: Record<string, [residential: number, commercial: number, office: number]> = {
  '331002': [22000, 30000, 16000], // 椒江区
  '331003': [18000, 25000, 13000], // 黄岩区
  '331004': [19000, 26000, 14000], // 路桥区
  '331022': [11000, 15000, 8000], // 三门县
  '331023': [12000, 16000, 8500], // 天台县
  '331024': [10500, 14000, 7500], // 仙居县
  '331081': [20000, 28000, 14500], // 温岭市
  '331082': [15000, 21000, 11000], // 临海市
  '331083': [21000, 29000, 15000], // 玉环市
};

export const TAIZHOU_REFERENCE_PRICES: readonly ReferencePriceRow[] = TAIZHOU_COUNTIES.map((c) => {
  const [residential, commercial, office] = VALUES[c.code];
  return {
    countyCode: c.code,
    countyName: c.name,
    fenPerSqm: {
      residential: yuan(residential),
      commercial: yuan(commercial),
      office: yuan(office),
    },
  };
});

/** fen per ㎡ for a county code (first six characters of the unit code) and use */
export function referencePricePerSqm(
  countyCode: string,
  use: PropertyUse,
  table: readonly ReferencePriceRow[] = TAIZHOU_REFERENCE_PRICES,
): number | undefined {
  return table.find((r) => r.countyCode === countyCode)?.fenPerSqm[use];
}
