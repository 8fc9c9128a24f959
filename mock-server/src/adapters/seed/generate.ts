/**
 * Deterministic generator of Taizhou demo data: parties, marriages and the register as events.
 * Pure: all randomness comes from the injected `Random`, no clock, no I/O. The same seed gives
 * the same data on every machine.
 */
import {
  TAIZHOU_CITY_CODE,
  TAIZHOU_COUNTIES,
  findCounty,
  type County,
} from '../../domain/counties';
import {
  citizenIdCheckChar,
  formatCertificateNumber,
  formatLicenceId,
  LICENCE_TYPE_REGISTRATION_PROOF,
  LICENCE_TYPE_TITLE_CERTIFICATE,
  USCC_ALPHABET,
  usccCheckChar,
} from '../../domain/identifiers';
import {
  projectRegister,
  REFORM_DATE,
  type Certificate,
  type CoOwnership,
  type Holder,
  type Marriage,
  type Person,
  type RegisterEvent,
  type Restriction,
  type Right,
  type Unit,
  type UnitUse,
} from '../../domain/register';
import type { Random } from '../../ports';
import {
  BANKS,
  COURTS,
  DEVELOPERS,
  ESTATE_PREFIXES,
  ESTATE_SUFFIXES,
  FEMALE_GIVEN,
  MALE_GIVEN,
  PHONE_PREFIXES,
  STREETS,
  SURNAMES,
} from './places';
import { Dice } from './prng';

export const DEFAULT_SEED = 20210615;

export interface SeedData {
  seed: number;
  persons: Person[];
  marriages: Marriage[];
  events: RegisterEvent[];
}

/** Units per county, in TAIZHOU_COUNTIES order (66 in all). */
const UNITS_PER_COUNTY = [9, 7, 8, 7, 7, 6, 8, 8, 6];
const COUPLES = 14;
const SINGLES = 20;
const JOINT_UNITS = 12;
const SHARE_UNITS = 7;
const PRE_REFORM_UNITS = 16;
const TRANSFERS = 4;
const MORTGAGES = 12;
const SEIZURES = 3;
const SHARE_SETS = [
  [5000, 5000],
  [6000, 4000],
  [7000, 3000],
  [3334, 3333, 3333],
  [5000, 2500, 2500],
  [4000, 3000, 3000],
  [8000, 2000],
];

// ---------------------------------------------------------------- dates (pure, UTC arithmetic)

const DAY = 86_400_000;
const toDays = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY;
const fromDays = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => fromDays(toDays(d) + n);
const addYears = (d: string, n: number) => {
  const s = `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;
  return s.endsWith('-02-29') ? `${s.slice(0, 8)}28` : s;
};
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

export function generateSeed(random: Random, seed = DEFAULT_SEED): SeedData {
  const dice = new Dice(random);
  const dateBetween = (from: string, to: string) => fromDays(dice.int(toDays(from), toDays(to)));
  const at = (date: string, hhmm: string) => `${date}T${hhmm}:00.000Z`;

  // ---------------------------------------------------------------- citizens
  const persons: Person[] = [];
  const usedIds = new Set<string>();
  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  const birthOf = new Map<string, string>();
  let personSeq = 0;

  function citizen(sex: 'male' | 'female', birthDate: string): Person {
    let name: string;
    do {
      name = dice.pick(SURNAMES) + dice.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
    } while (usedNames.has(name));
    usedNames.add(name);
    let idNumber: string;
    do {
      const area = dice.pick(TAIZHOU_COUNTIES).code;
      const seq = dice.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
      const first17 = `${area}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      idNumber = first17 + citizenIdCheckChar(first17);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    let phone: string;
    do {
      phone = dice.pick(PHONE_PREFIXES) + String(dice.int(0, 99_999_999)).padStart(8, '0');
    } while (usedPhones.has(phone));
    usedPhones.add(phone);
    personSeq += 1;
    const p: Person = {
      personId: `P${String(personSeq).padStart(3, '0')}`,
      kind: 'natural',
      name,
      idType: 'citizenId',
      idNumber,
      phone,
    };
    birthOf.set(p.personId, birthDate);
    persons.push(p);
    return p;
  }

  const marriages: Marriage[] = [];
  const couples: [Person, Person][] = [];
  for (let k = 0; k < COUPLES; k++) {
    const hb = dateBetween('1955-01-01', '1989-12-31');
    const wb = maxDate(addDays(hb, dice.int(-5 * 365, 5 * 365)), '1955-01-01');
    const husband = citizen('male', hb);
    const wife = citizen('female', minDate(wb, '1991-12-31'));
    const married = minDate(addDays(maxDate(hb, wb), dice.int(24 * 365, 30 * 365)), '2015-12-31');
    couples.push([husband, wife]);
    marriages.push({
      marriageId: `M${String(k + 1).padStart(3, '0')}`,
      spouseIds: [husband.personId, wife.personId],
      registeredOn: married,
    });
  }
  const singles: Person[] = [];
  for (let k = 0; k < SINGLES; k++) {
    singles.push(citizen(k % 2 === 0 ? 'male' : 'female', dateBetween('1960-01-01', '2000-12-31')));
  }
  const marriageOf = new Map<string, Marriage>();
  for (const m of marriages) for (const id of m.spouseIds) marriageOf.set(id, m);

  // ---------------------------------------------------------------- organisations
  const usedUscc = new Set<string>();
  let orgSeq = 0;
  function organisation(name: string, prefix2: string, area: string): Person {
    let code: string;
    do {
      let body = '';
      for (let i = 0; i < 8; i++)
        body += dice.pick(USCC_ALPHABET.slice(0, i < 2 ? 10 : 31).split(''));
      body += String(dice.int(0, 9));
      const first17 = `${prefix2}${area}${body}`;
      code = first17 + usccCheckChar(first17);
    } while (usedUscc.has(code));
    usedUscc.add(code);
    orgSeq += 1;
    const p: Person = {
      personId: `ORG${String(orgSeq).padStart(2, '0')}`,
      kind: 'legal',
      name,
      idType: 'uscc',
      idNumber: code,
    };
    persons.push(p);
    return p;
  }
  const banks = BANKS.map((b) => organisation(b.name, '91', b.area));
  const courts = COURTS.map((c) => ({ ...c, person: organisation(c.name, '11', c.area) }));
  const developers = DEVELOPERS.map((d) => ({ ...d, person: organisation(d.name, '91', d.area) }));

  // ---------------------------------------------------------------- units
  interface Draft {
    unit: Unit;
    county: County;
  }
  const drafts: Draft[] = [];
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
        granted: dateBetween('2003-01-01', '2014-12-31'),
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
      const unit: Unit = {
        unitCode,
        countyCode: county.code,
        location,
        use,
        nature: use === '住宅' && estate.street.endsWith('镇') ? '出让/自建房' : '出让/商品房',
        buildingArea: area / 100,
        sharedLandArea: Math.round(area * dice.int(15, 35)) / 10000,
        structure: estate.totalFloors <= 6 ? '混合结构' : '钢筋混凝土结构',
        floor,
        totalFloors: estate.totalFloors,
        landUseEndsOn: addDays(addYears(estate.granted, use === '住宅' ? 70 : 40), -1),
      };
      drafts.push({ unit, county });
    }
  });

  // ---------------------------------------------------------------- certificates
  const serials = new Map<string, number>();
  let certSeq = 0;
  function certificate(
    kind: 'titleCertificate' | 'registrationProof',
    county: County,
    unitCode: string,
    issuedOn: string,
    proves?: string,
  ): Certificate {
    const year = Number(issuedOn.slice(0, 4));
    const key = `${county.registryName}|${year}|${kind}`;
    const serial = (serials.get(key) ?? dice.int(1000, 30000)) + dice.int(1, 40);
    serials.set(key, serial);
    const number = formatCertificateNumber({
      province: '浙',
      year,
      registryName: county.registryName,
      kind,
      serial,
    });
    const electronic = issuedOn >= REFORM_DATE;
    certSeq += 1;
    const issuerCode = county.registryName === '台州市' ? TAIZHOU_CITY_CODE : county.code;
    return {
      certificateId: `CERT${String(certSeq).padStart(4, '0')}`,
      kind,
      number,
      unitCode,
      issuedOn,
      form: electronic ? 'electronic' : 'paper',
      ...(electronic
        ? {
            licenceId: formatLicenceId({
              type:
                kind === 'titleCertificate'
                  ? LICENCE_TYPE_TITLE_CERTIFICATE
                  : LICENCE_TYPE_REGISTRATION_PROOF,
              issuerCode,
              serial: `${year}${String(serial).padStart(7, '0')}`,
              version: '001',
            }),
          }
        : {}),
      ...(proves ? { proves } : {}),
    };
  }

  // ---------------------------------------------------------------- who holds what
  const residential = drafts.map((_, i) => i).filter((i) => drafts[i].unit.use === '住宅');
  const advanceNoticeUnits = [
    dice.pick(residential.filter((i) => drafts[i].county.code === developers[0].area)),
    dice.pick(residential.filter((i) => drafts[i].county.code === developers[1].area)),
  ];
  const oldStyleUnit = dice.pick(residential.filter((i) => !advanceNoticeUnits.includes(i)));
  const ordinary = dice.shuffle(
    drafts.map((_, i) => i).filter((i) => !advanceNoticeUnits.includes(i) && i !== oldStyleUnit),
  );
  const preReform = new Set(ordinary.slice(0, PRE_REFORM_UNITS));
  const byOwnership = dice.shuffle(ordinary);
  const joint = new Set(byOwnership.slice(0, JOINT_UNITS));
  const shares = new Set(byOwnership.slice(JOINT_UNITS, JOINT_UNITS + SHARE_UNITS));
  const postReformOrdinary = ordinary.filter((i) => !preReform.has(i));
  const transferred = new Set(dice.shuffle(postReformOrdinary).slice(0, TRANSFERS));

  // the objector, the two advance-notice buyers and one person who holds nothing are kept out
  const [objector, buyerA, buyerB] = singles.slice(-4);
  const ownerPool = dice.shuffle([...couples.flat(), ...singles.slice(0, -4)]);
  let poolIndex = 0;
  const nextOwner = (exclude: Set<string> = new Set()) => {
    for (;;) {
      const p = ownerPool[poolIndex++ % ownerPool.length];
      if (!exclude.has(p.personId)) return p;
    }
  };

  const events: { event: RegisterEvent; order: number }[] = [];
  let order = 0;
  let rightSeq = 0;
  let restrictionSeq = 0;
  const push = (event: Omit<RegisterEvent, 'eventId'>) =>
    events.push({ event: { ...event, eventId: '' } as RegisterEvent, order: order++ });
  const newRightId = () => `RIGHT${String(++rightSeq).padStart(4, '0')}`;
  const newRestrictionId = () => `RSTR${String(++restrictionSeq).padStart(4, '0')}`;

  const currentRights = new Map<number, Right>();
  const rightDate = new Map<number, string>();

  drafts.forEach((d, i) => {
    const { unit, county } = d;
    let holders: Holder[];
    let coOwnership: CoOwnership = 'sole';
    let from = REFORM_DATE;
    let to = '2026-06-30';
    if (preReform.has(i)) [from, to] = ['2016-03-01', addDays(REFORM_DATE, -1)];
    if (joint.has(i)) {
      const [h, w] = couples[[...joint].indexOf(i) % couples.length];
      coOwnership = 'joint';
      holders = [{ personId: h.personId }, { personId: w.personId }];
      from = maxDate(from, addDays(marriageOf.get(h.personId)!.registeredOn, 30));
    } else if (shares.has(i)) {
      coOwnership = 'shares';
      const set = SHARE_SETS[[...shares].indexOf(i) % SHARE_SETS.length];
      const taken = new Set<string>();
      holders = set.map((bp) => {
        const p = nextOwner(taken);
        taken.add(p.personId);
        return { personId: p.personId, shareBasisPoints: bp };
      });
    } else if (advanceNoticeUnits.includes(i)) {
      holders = [{ personId: developers[advanceNoticeUnits.indexOf(i)].person.personId }];
      [from, to] = ['2025-01-01', '2025-06-30'];
    } else {
      holders = [{ personId: nextOwner().personId }];
    }
    const registeredOn = dateBetween(from, to);
    push({ type: 'unitRegistered', recordedAt: at(registeredOn, '01:00'), unit } as RegisterEvent);

    let supersedes: string | undefined;
    if (transferred.has(i)) {
      // a sale: the seller held it on a pre-reform paper certificate, now announced void
      const seller = nextOwner(new Set(holders.map((h) => h.personId)));
      const boughtOn = dateBetween('2016-03-01', addDays(REFORM_DATE, -1));
      const previous: Right = {
        rightId: newRightId(),
        unitCode: unit.unitCode,
        rightType: '国有建设用地使用权/房屋所有权',
        coOwnership: 'sole',
        holders: [{ personId: seller.personId }],
        registeredOn: boughtOn,
        certificateId: '',
      };
      const cert = certificate('titleCertificate', county, unit.unitCode, boughtOn);
      previous.certificateId = cert.certificateId;
      // the unit must exist before its first right: move the unit event to that day
      events[events.length - 1].event.recordedAt = at(boughtOn, '01:00');
      push({
        type: 'rightRecorded',
        recordedAt: at(boughtOn, '02:00'),
        right: previous,
        certificate: cert,
      } as RegisterEvent);
      supersedes = previous.rightId;
    }

    const right: Right = {
      rightId: newRightId(),
      unitCode: unit.unitCode,
      rightType: i === oldStyleUnit ? '房屋所有权' : '国有建设用地使用权/房屋所有权',
      coOwnership,
      holders,
      registeredOn,
      certificateId: '',
    };
    let cert: Certificate;
    if (i === oldStyleUnit) {
      const issuedOn = dateBetween('2006-01-01', '2014-12-31');
      right.registeredOn = issuedOn;
      events[events.length - 1].event.recordedAt = at(issuedOn, '01:00');
      certSeq += 1;
      cert = {
        certificateId: `CERT${String(certSeq).padStart(4, '0')}`,
        kind: 'oldHouseOwnershipCertificate',
        number: `台房权证${county.shortName}字第${String(dice.int(10000, 999999)).padStart(7, '0')}号`,
        unitCode: unit.unitCode,
        issuedOn,
        form: 'paper',
      };
    } else {
      cert = certificate('titleCertificate', county, unit.unitCode, registeredOn);
    }
    right.certificateId = cert.certificateId;
    push({
      type: 'rightRecorded',
      recordedAt: at(right.registeredOn, '02:00'),
      right,
      certificate: cert,
      ...(supersedes ? { supersedesRightId: supersedes } : {}),
    } as RegisterEvent);
    currentRights.set(i, right);
    rightDate.set(i, right.registeredOn);
  });

  // ---------------------------------------------------------------- restrictions
  const restriction = (r: Restriction, cert?: Certificate, hhmm = '03:00') =>
    push({
      type: 'restrictionRecorded',
      recordedAt: at(r.registeredOn, hhmm),
      restriction: r,
      ...(cert ? { certificate: cert } : {}),
    } as RegisterEvent);

  // advance notices: developer-held new homes sold off-plan to a buyer
  advanceNoticeUnits.forEach((i, k) => {
    const d = drafts[i];
    const registeredOn = dateBetween(addDays(rightDate.get(i)!, 10), '2025-12-31');
    const cert = certificate(
      'registrationProof',
      d.county,
      d.unit.unitCode,
      registeredOn,
      '预告登记',
    );
    restriction(
      {
        kind: 'advanceNotice',
        restrictionId: newRestrictionId(),
        unitCode: d.unit.unitCode,
        registeredOn,
        rightHolderIds: [(k === 0 ? buyerA : buyerB).personId],
        obligorIds: [developers[k].person.personId],
        certificateId: cert.certificateId,
      },
      cert,
    );
  });

  const mortgageable = dice.shuffle(ordinary);
  // the paid-off mortgage needs a unit registered early enough to have a history
  const dischargedUnit = mortgageable.find((i) => rightDate.get(i)! < '2022-12-31')!;
  const rest = mortgageable.filter((i) => i !== dischargedUnit);
  const mortgaged = rest.slice(0, MORTGAGES);
  const seized = [mortgaged[0], ...rest.slice(MORTGAGES, MORTGAGES + SEIZURES - 1)];
  const objectionUnit = rest[MORTGAGES + SEIZURES - 1];

  function mortgage(i: number, from: string, to: string): Restriction {
    const d = drafts[i];
    const right = currentRights.get(i)!;
    const registeredOn = dateBetween(maxDate(from, addDays(rightDate.get(i)!, 1)), to);
    const cert = certificate(
      'registrationProof',
      d.county,
      d.unit.unitCode,
      registeredOn,
      '抵押权',
    );
    const r: Restriction = {
      kind: 'mortgage',
      restrictionId: newRestrictionId(),
      unitCode: d.unit.unitCode,
      registeredOn,
      mortgageeId: dice.pick(banks).personId,
      mortgagorIds: right.holders.map((h) => h.personId),
      mortgageType: dice.chance(0.85) ? '一般抵押' : '最高额抵押',
      securedAmountYuan: dice.int(20, 150) * 10000,
      debtStartsOn: registeredOn,
      debtEndsOn: addDays(addYears(registeredOn, dice.pick([10, 20, 25, 30])), -1),
      certificateId: cert.certificateId,
    };
    restriction(r, cert);
    return r;
  }
  for (const i of mortgaged) mortgage(i, rightDate.get(i)!, '2026-08-31');

  // a mortgage paid off and cancelled: history only
  const paidOff = mortgage(dischargedUnit, rightDate.get(dischargedUnit)!, '2023-12-31');
  const cancelledOn = dateBetween(addDays(paidOff.registeredOn, 200), '2026-06-30');
  push({
    type: 'restrictionCancelled',
    recordedAt: at(cancelledOn, '04:00'),
    restrictionId: paidOff.restrictionId,
    cancelledOn,
  } as RegisterEvent);

  seized.forEach((i, k) => {
    const court = courts[k % courts.length];
    const registeredOn = dateBetween(
      maxDate('2025-09-01', addDays(rightDate.get(i)!, 30)),
      '2026-09-30',
    );
    restriction(
      {
        kind: 'seizure',
        restrictionId: newRestrictionId(),
        unitCode: drafts[i].unit.unitCode,
        registeredOn,
        courtId: court.person.personId,
        rulingNumber: `(${registeredOn.slice(0, 4)})${court.docCode}执保${dice.int(100, 999)}号`,
        endsOn: addDays(addYears(registeredOn, 3), -1),
      },
      undefined,
      '05:00',
    );
  });

  {
    const d = drafts[objectionUnit];
    const registeredOn = dateBetween(
      maxDate('2026-08-01', addDays(rightDate.get(objectionUnit)!, 30)),
      '2026-09-30',
    );
    const cert = certificate(
      'registrationProof',
      d.county,
      d.unit.unitCode,
      registeredOn,
      '异议登记',
    );
    restriction(
      {
        kind: 'objection',
        restrictionId: newRestrictionId(),
        unitCode: d.unit.unitCode,
        registeredOn,
        objectorId: objector.personId,
        reason: '异议人主张该房屋系其出资购买，与登记的权利人存在权属争议',
        lawsuitFiledOn: addDays(registeredOn, dice.int(3, 14)),
        certificateId: cert.certificateId,
      },
      cert,
    );
  }

  // chronological register; ties keep generation order (unit before right before restriction)
  events.sort((a, b) =>
    a.event.recordedAt < b.event.recordedAt
      ? -1
      : a.event.recordedAt > b.event.recordedAt
        ? 1
        : a.order - b.order,
  );
  const ordered = events.map(({ event }, n) => ({
    ...event,
    eventId: `EV${String(n + 1).padStart(5, '0')}`,
  }));

  // the generator must never produce a register the domain would refuse
  projectRegister(ordered);
  for (const p of persons)
    if (!findCountyOfPerson(p)) throw new Error(`bad area for ${p.personId}`);

  return { seed, persons, marriages, events: ordered };
}

function findCountyOfPerson(p: Person): boolean {
  if (p.kind === 'legal') return true;
  return findCounty(p.idNumber.slice(0, 6)) !== undefined;
}
