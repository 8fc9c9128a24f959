/** The demo units: two estates per Taizhou county; each unit with code, location, use, areas. */
import { TAIZHOU_COUNTIES, type County } from '../../domain/counties';
import type { Unit, UnitUse } from '../../domain/register';
import { addDays, addYears, dateBetween } from './dates';
import { ESTATE_PREFIXES, ESTATE_SUFFIXES, STREETS } from './places';
import type { Dice } from './prng';

/** Units per county, in TAIZHOU_COUNTIES order (66 in all). */
const UNITS_PER_COUNTY = [9, 7, 8, 7, 7, 6, 8, 8, 6];

/** A unit not yet registered, with the county whose registry records it. */
export interface UnitDraft {
  unit: Unit;
  county: County;
}

/** Draws every unit, county by county. Unit codes are unique (a duplicate throws). */
export function generateUnits(dice: Dice): UnitDraft[] {
  const drafts: UnitDraft[] = [];
  const usedCodes = new Set<string>();
  TAIZHOU_COUNTIES.forEach((county, ci) => {
    const streets = STREETS[county.code];
    const estates = [0, 1].map((e) => {
      const streetIndex = (dice.int(0, streets.length - 1) + e) % streets.length;
      return {
        street: streets[streetIndex],
        district: String(streetIndex + 1).padStart(3, '0'),
        subDistrict: String(dice.int(1, 9)).padStart(3, '0'),
        parcel: String(dice.int(1, 4999) * 2 + e).padStart(5, '0'),
        name: dice.pick(ESTATE_PREFIXES) + dice.pick(ESTATE_SUFFIXES),
        totalFloors: dice.pick([6, 11, 18, 26, 33]),
        granted: dateBetween(dice, '2003-01-01', '2014-12-31'),
        nextInBuilding: new Map<number, number>(),
      };
    });
    for (let n = 0; n < UNITS_PER_COUNTY[ci]; n++) {
      const estate = estates[n % 2];
      const roll = dice.int(1, 10);
      const use: UnitUse = roll <= 7 ? '住宅' : roll <= 9 ? '商业' : '办公';
      const building = dice.int(1, 12);
      const seqInBuilding = (estate.nextInBuilding.get(building) ?? 0) + 1;
      estate.nextInBuilding.set(building, seqInBuilding);
      const floor = use === '商业' ? 1 : dice.int(2, estate.totalFloors);
      const door = dice.int(1, 4);
      const prefix = `台州市${county.name}${estate.street}${estate.name}${building}幢`;
      const location =
        use === '住宅'
          ? `${prefix}${dice.int(1, 3)}单元${floor}${String(door).padStart(2, '0')}室`
          : use === '商业'
            ? `${prefix}${dice.int(101, 130)}号商铺`
            : `${prefix}${floor}${String(door).padStart(2, '0')}室`;
      const unitCode =
        `${county.code}${estate.district}${estate.subDistrict}GB${estate.parcel}` +
        `F${String(building).padStart(4, '0')}${String(seqInBuilding).padStart(4, '0')}`;
      if (usedCodes.has(unitCode)) throw new Error(`duplicate unit code ${unitCode}`);
      usedCodes.add(unitCode);
      const area =
        use === '住宅'
          ? dice.int(5500, 16000)
          : use === '商业'
            ? dice.int(3000, 20000)
            : dice.int(5000, 15000);
      // 分摊: a share of the building area by how the estate is built (公摊率, basis points),
      // varied by the area itself so that no draw of the dice is added (the seed stays the same)
      const apportionedBp =
        (use === '住宅' ? (estate.totalFloors <= 6 ? 900 : 1700) : 2300) + (area % 600);
      const apportioned = Math.round((area * apportionedBp) / 10000);
      const unit: Unit = {
        unitCode,
        countyCode: county.code,
        location,
        use,
        nature: use === '住宅' && estate.street.endsWith('镇') ? '出让/自建房' : '出让/商品房',
        buildingArea: area / 100,
        exclusiveArea: (area - apportioned) / 100,
        apportionedArea: apportioned / 100,
        sharedLandArea: Math.round(area * dice.int(15, 35)) / 10000,
        structure: estate.totalFloors <= 6 ? '混合结构' : '钢筋混凝土结构',
        floor,
        totalFloors: estate.totalFloors,
        landUseEndsOn: addDays(addYears(estate.granted, use === '住宅' ? 70 : 40), -1),
      };
      drafts.push({ unit, county });
    }
  });
  return drafts;
}
