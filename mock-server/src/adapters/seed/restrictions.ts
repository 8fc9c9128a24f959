/** The demo restrictions: advance notices, mortgages (one paid off), seizures, one objection. */
import type { RegisterEvent, Restriction, Certificate } from '../../domain/register';
import type { CertificateIssuer } from './certificates';
import { addDays, addYears, at, dateBetween, maxDate } from './dates';
import type { Holdings } from './holdings';
import type { EventLedger } from './ledger';
import type { Population } from './people';
import type { Dice } from './prng';
import type { UnitDraft } from './units';

const MORTGAGES = 12;
const SEIZURES = 3;

/** Records the restrictions over the units held in `holdings`. */
export function recordRestrictions(
  dice: Dice,
  ledger: EventLedger,
  certificates: CertificateIssuer,
  drafts: UnitDraft[],
  population: Population,
  holdings: Holdings,
): void {
  const { banks, courts, developers } = population;
  const { ordinary, advanceNoticeUnits, currentRights, rightDate, objector } = holdings;
  const [buyerA, buyerB] = holdings.advanceNoticeBuyers;

  const restriction = (r: Restriction, cert?: Certificate, hhmm = '03:00') =>
    ledger.push({
      type: 'restrictionRecorded',
      recordedAt: at(r.registeredOn, hhmm),
      restriction: r,
      ...(cert ? { certificate: cert } : {}),
    } as RegisterEvent);

  // advance notices: developer-held new homes sold off-plan to a buyer
  advanceNoticeUnits.forEach((i, k) => {
    const d = drafts[i];
    const registeredOn = dateBetween(dice, addDays(rightDate.get(i)!, 10), '2025-12-31');
    const cert = certificates.issue(
      'registrationProof',
      d.county,
      d.unit.unitCode,
      registeredOn,
      '预告登记',
    );
    restriction(
      {
        kind: 'advanceNotice',
        restrictionId: ledger.newRestrictionId(),
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
    const registeredOn = dateBetween(dice, maxDate(from, addDays(rightDate.get(i)!, 1)), to);
    const cert = certificates.issue(
      'registrationProof',
      d.county,
      d.unit.unitCode,
      registeredOn,
      '抵押权',
    );
    const r: Restriction = {
      kind: 'mortgage',
      restrictionId: ledger.newRestrictionId(),
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
  const cancelledOn = dateBetween(dice, addDays(paidOff.registeredOn, 200), '2026-06-30');
  ledger.push({
    type: 'restrictionCancelled',
    recordedAt: at(cancelledOn, '04:00'),
    restrictionId: paidOff.restrictionId,
    cancelledOn,
  } as RegisterEvent);

  seized.forEach((i, k) => {
    const court = courts[k % courts.length];
    const registeredOn = dateBetween(
      dice,
      maxDate('2025-09-01', addDays(rightDate.get(i)!, 30)),
      '2026-09-30',
    );
    restriction(
      {
        kind: 'seizure',
        restrictionId: ledger.newRestrictionId(),
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
      dice,
      maxDate('2026-08-01', addDays(rightDate.get(objectionUnit)!, 30)),
      '2026-09-30',
    );
    const cert = certificates.issue(
      'registrationProof',
      d.county,
      d.unit.unitCode,
      registeredOn,
      '异议登记',
    );
    restriction(
      {
        kind: 'objection',
        restrictionId: ledger.newRestrictionId(),
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
}
