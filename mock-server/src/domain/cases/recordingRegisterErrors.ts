/**
 * 登簿 plans of 更正登记, 异议登记, 遗失补证 and 换证 (docs/registry-facts.md §15), and when an
 * objection lapses. Pure; the use cases number the certificates and append the events in one
 * transaction.
 *
 * - 更正登记 (细则 §79): the holders' right re-stated as corrected (共有方式, 份额), its original
 *   registration date kept, and a new 不动产权证书 (细则 §79 ¶2: the certificate re-issued).
 * - 补证 / 换证 (细则 §22): the same right with a new 不动产权证书 marked 补发 or 换发; the old
 *   paper one ends (void: a lost one by the 遗失声明 already published, a damaged one announced
 *   void at recording instead of being collected, 工作细则 三(五)).
 * - 异议登记 (民法典 §220 ¶2; 细则 §83): the objection as a restriction on the unit with its
 *   不动产登记证明 (异议登记证明) for the objector. It lapses when no lawsuit or arbitration is
 *   brought within 15 days of its registration: calendar days from the day after (民法典 §201),
 *   a last day that is a day off moving to the next working day (民法典 §203).
 */
import { addCalendarDays, chinaWorkingDayCalendar, type WorkingDayCalendar } from '../calendar';
import type { Certificate, Objection, RestrictionState } from '../register';
import { newHolders } from './draft';
import type { CaseRecord } from './model';
import { planNewRight, type NewRightInput, type RecordingPlan } from './recording';

/** 更正登记: the holders (the case's rightHolder parties) as the case corrects them. */
export function planRightCorrection(
  p: NewRightInput & { case: CaseRecord },
): RecordingPlan & { certificate: Certificate } {
  const holders = newHolders(p.case);
  return planNewRight(
    p,
    p.case.newCoOwnership ?? (holders.length === 1 ? 'sole' : 'joint'),
    holders,
    true,
  );
}

/** 补证 / 换证: the same holders and shares, a new certificate, the original registration date. */
export function planCertificateReissue(
  p: NewRightInput,
): RecordingPlan & { certificate: Certificate } {
  return planNewRight(
    p,
    p.currentRight.coOwnership,
    p.currentRight.holders.map((h) => ({ ...h })),
    true,
  );
}

/** 异议登记: the objection of the case's applicant, with its 异议登记证明. */
export function planObjection(p: {
  case: CaseRecord;
  unitCode: string;
  reason: string;
  ids: { eventId: string; restrictionId: string; certificateId: string };
  number: string;
  licenceId: string;
  recordedAt: string;
  registeredOn: string;
}): RecordingPlan & { certificate: Certificate; restriction: Objection } {
  const objector = p.case.parties.find((x) => x.role === 'applicant');
  if (!objector) throw new Error('an objection needs its applicant');
  const certificate: Certificate = {
    certificateId: p.ids.certificateId,
    kind: 'registrationProof',
    number: p.number,
    unitCode: p.unitCode,
    issuedOn: p.registeredOn,
    form: 'electronic',
    licenceId: p.licenceId,
    proves: '异议登记',
  };
  const restriction: Objection = {
    kind: 'objection',
    restrictionId: p.ids.restrictionId,
    unitCode: p.unitCode,
    registeredOn: p.registeredOn,
    objectorId: objector.personId,
    reason: p.reason,
    certificateId: p.ids.certificateId,
  };
  return {
    events: [
      {
        eventId: p.ids.eventId,
        type: 'restrictionRecorded',
        recordedAt: p.recordedAt,
        restriction,
        certificate,
      },
    ],
    certificate,
    restriction,
  };
}

/** 民法典 §220 ¶2: 15 days. */
export const OBJECTION_LAPSE_DAYS = 15;

/** The last day to bring the lawsuit an objection needs (Beijing, YYYY-MM-DD). */
export function objectionLastDay(
  registeredOn: string,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): { lastDay: string; estimated: boolean } {
  const raw = addCalendarDays(registeredOn, OBJECTION_LAPSE_DAYS);
  const r = calendar.addWorkingDays(raw, 0, { onUnpublished: 'estimate' });
  return { lastDay: r.date, estimated: !r.calendarComplete };
}

/**
 * Whether the machine ends this objection today: it is current, no lawsuit or arbitration was
 * reported (`lawsuitFiledOn`), and `today` is after its last day.
 */
export function objectionLapsed(
  r: RestrictionState,
  today: string,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): boolean {
  if (r.kind !== 'objection' || r.status !== 'current' || r.lawsuitFiledOn) return false;
  return today > objectionLastDay(r.registeredOn, calendar).lastDay;
}
