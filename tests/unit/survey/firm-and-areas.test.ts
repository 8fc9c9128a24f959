/**
 * A surveying firm's registration data (统一社会信用代码 by its GB 32100 check character,
 * docs/registry-facts.md §2) and the area tolerance of a survey result (0.01 ㎡ per unit).
 */
import { checkFirm } from '../../../mock-server/src/domain/survey/firm';
import {
  checkSurveyResult,
  type SurveyCheckContext,
  type SurveyResultInput,
} from '../../../mock-server/src/domain/survey/result';

const FIRM = {
  name: '台州星海测绘有限公司',
  creditCode: '91350100M000100Y43',
  licenceNumber: '乙测资字33100001',
  licenceValidUntil: '2030-12-31',
};

describe('checkFirm', () => {
  it('accepts a firm whose credit code passes the GB 32100 check', () => {
    expect(checkFirm(FIRM).ok).toBe(true);
    expect(checkFirm({ ...FIRM, creditCode: '11100000MB03271699' }).ok).toBe(true);
  });
  it('refuses a wrong check character, a bad licence number', () => {
    expect(checkFirm({ ...FIRM, creditCode: '91350100M000100Y44' })).toEqual({
      ok: false,
      reason: '统一社会信用代码校验码不正确',
    });
    expect(checkFirm({ ...FIRM, licenceNumber: 'ABC' }).ok).toBe(false);
  });
});

describe('areas against the building total', () => {
  const ctx: SurveyCheckContext = {
    codesInUse: new Set(),
    nearbyParcels: [],
    checkedUploads: new Set(['a'.repeat(64), 'b'.repeat(64)]),
    seal: { valid: true },
    sealCoversResult: true,
    licenceValid: true,
  };
  const result = (buildingArea: number): SurveyResultInput => ({
    buildingName: '星海苑1幢',
    location: '椒江区星海路1号',
    boundary: [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 0 },
    ],
    buildingArea,
    storeys: 2,
    structure: '砖混',
    units: [1, 2].map((n) => ({
      unitCode: `331002001001GB00991F0001000${n}`,
      room: `${n}01`,
      floor: n,
      use: '住宅' as const,
      exclusiveArea: 80.01,
      apportionedArea: 10,
    })),
    drawings: [
      { kind: 'parcelMap', digest: 'a'.repeat(64) },
      { kind: 'unitPlan', digest: 'b'.repeat(64) },
    ],
  });
  it('allows 0.01 ㎡ per unit of rounding, and no more', () => {
    expect(checkSurveyResult(result(180.02), ctx)).toEqual([]);
    expect(checkSurveyResult(result(180.04), ctx)).toEqual([]);
    expect(checkSurveyResult(result(180.0), ctx)).toEqual([]);
    expect(checkSurveyResult(result(180.05), ctx).map((r) => r.code)).toEqual(['areaMismatch']);
    expect(checkSurveyResult(result(179.99), ctx).map((r) => r.code)).toEqual(['areaMismatch']);
  });
});
