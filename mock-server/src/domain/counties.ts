/**
 * The nine county-level divisions of 台州市 (GB/T 2260), the first six characters of every
 * Taizhou 不动产单元号 (docs/registry-facts.md §2).
 *
 * `registryName` is the 市县 part of a certificate number issued there. Assumption: the three
 * districts (椒江/黄岩/路桥) are served by the city registry and print 台州市; the three counties
 * and three county-level cities print their own name.
 */
export interface County {
  code: string;
  name: string;
  /** one-character abbreviation used by old-style certificates, e.g. 台房权证椒字 */
  shortName: string;
  registryName: string;
}

export const TAIZHOU_CITY_CODE = '331000';

export const TAIZHOU_COUNTIES: readonly County[] = [
  { code: '331002', name: '椒江区', shortName: '椒', registryName: '台州市' },
  { code: '331003', name: '黄岩区', shortName: '黄', registryName: '台州市' },
  { code: '331004', name: '路桥区', shortName: '路', registryName: '台州市' },
  { code: '331022', name: '三门县', shortName: '三', registryName: '三门县' },
  { code: '331023', name: '天台县', shortName: '天', registryName: '天台县' },
  { code: '331024', name: '仙居县', shortName: '仙', registryName: '仙居县' },
  { code: '331081', name: '温岭市', shortName: '温', registryName: '温岭市' },
  { code: '331082', name: '临海市', shortName: '临', registryName: '临海市' },
  { code: '331083', name: '玉环市', shortName: '玉', registryName: '玉环市' },
];

const BY_CODE = new Map(TAIZHOU_COUNTIES.map((c) => [c.code, c]));

export function findCounty(code: string): County | undefined {
  return BY_CODE.get(code);
}

export function isTaizhouCounty(code: string): boolean {
  return BY_CODE.has(code);
}
