/** Who holds what in the demo register: sole, joint and shares; transfers; pre-reform, old-style. */
import {
  REFORM_DATE,
  type Certificate,
  type CoOwnership,
  type Holder,
  type Person,
  type RegisterEvent,
  type Right,
} from '../../domain/register';
import type { CertificateIssuer } from './certificates';
import { addDays, at, dateBetween, maxDate } from './dates';
import type { EventLedger } from './ledger';
import type { Population } from './people';
import type { Dice } from './prng';
import type { UnitDraft } from './units';

const JOINT_UNITS = 12;
const SHARE_UNITS = 7;
const PRE_REFORM_UNITS = 16;
const TRANSFERS = 4;
const SHARE_SETS = [
  [5000, 5000],
  [6000, 4000],
  [7000, 3000],
  [3334, 3333, 3333],
  [5000, 2500, 2500],
  [4000, 3000, 3000],
  [8000, 2000],
];

/** What the restrictions are drawn from (units are indices into the drafts). */
export interface Holdings {
  /** Units held by citizens (neither the developers' advance-notice units nor the old-style one). */
  ordinary: number[];
  /** The two developer-held units sold off-plan, in DEVELOPERS order. */
  advanceNoticeUnits: number[];
  currentRights: Map<number, Right>;
  rightDate: Map<number, string>;
  /** Citizens kept out of ownership: the objector and the two advance-notice buyers. */
  objector: Person;
  advanceNoticeBuyers: [Person, Person];
}

/** Registers every unit and records its current right (with any earlier right it supersedes). */
export function recordHoldings(
  dice: Dice,
  ledger: EventLedger,
  certificates: CertificateIssuer,
  drafts: UnitDraft[],
  population: Population,
): Holdings {
  const { couples, singles, marriageOf, developers } = population;
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
    const registeredOn = dateBetween(dice, from, to);
    ledger.push({
      type: 'unitRegistered',
      recordedAt: at(registeredOn, '01:00'),
      unit,
    } as RegisterEvent);

    let supersedes: string | undefined;
    if (transferred.has(i)) {
      // a sale: the seller held it on a pre-reform paper certificate, now announced void
      const seller = nextOwner(new Set(holders.map((h) => h.personId)));
      const boughtOn = dateBetween(dice, '2016-03-01', addDays(REFORM_DATE, -1));
      const previous: Right = {
        rightId: ledger.newRightId(),
        unitCode: unit.unitCode,
        rightType: '国有建设用地使用权/房屋所有权',
        coOwnership: 'sole',
        holders: [{ personId: seller.personId }],
        registeredOn: boughtOn,
        certificateId: '',
      };
      const cert = certificates.issue('titleCertificate', county, unit.unitCode, boughtOn);
      previous.certificateId = cert.certificateId;
      // the unit must exist before its first right: move the unit event to that day
      ledger.retimeLast(at(boughtOn, '01:00'));
      ledger.push({
        type: 'rightRecorded',
        recordedAt: at(boughtOn, '02:00'),
        right: previous,
        certificate: cert,
      } as RegisterEvent);
      supersedes = previous.rightId;
    }

    const right: Right = {
      rightId: ledger.newRightId(),
      unitCode: unit.unitCode,
      rightType: i === oldStyleUnit ? '房屋所有权' : '国有建设用地使用权/房屋所有权',
      coOwnership,
      holders,
      registeredOn,
      certificateId: '',
    };
    let cert: Certificate;
    if (i === oldStyleUnit) {
      const issuedOn = dateBetween(dice, '2006-01-01', '2014-12-31');
      right.registeredOn = issuedOn;
      ledger.retimeLast(at(issuedOn, '01:00'));
      cert = certificates.oldHouseOwnership(county, unit.unitCode, issuedOn);
    } else {
      cert = certificates.issue('titleCertificate', county, unit.unitCode, registeredOn);
    }
    right.certificateId = cert.certificateId;
    ledger.push({
      type: 'rightRecorded',
      recordedAt: at(right.registeredOn, '02:00'),
      right,
      certificate: cert,
      ...(supersedes ? { supersedesRightId: supersedes } : {}),
    } as RegisterEvent);
    currentRights.set(i, right);
    rightDate.set(i, right.registeredOn);
  });

  return {
    ordinary,
    advanceNoticeUnits,
    currentRights,
    rightDate,
    objector,
    advanceNoticeBuyers: [buyerA, buyerB],
  };
}
