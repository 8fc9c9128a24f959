/**
 * Dates of a case: Beijing calendar days of instants, and the promised and statutory due dates
 * counted in working days from acceptance (条例第二十条: 30 working days; 民法典§201: counting
 * starts the day after).
 */
import { STATUTORY_CEILING_WORKING_DAYS } from '../catalogue';
import { chinaWorkingDayCalendar, type WorkingDayCalendar } from '../calendar';

/** The Beijing (UTC+8) calendar date of an ISO instant, YYYY-MM-DD (from the time module). */
export { beijingDate } from '../time';

export interface DueDates {
  promisedDueOn: string;
  statutoryDueOn: string;
  /** a due date lies in a year whose holiday arrangement is not yet published */
  dueDatesEstimated: boolean;
}

export function dueDates(
  acceptedOn: string,
  promisedWorkingDays: number,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): DueDates {
  const promised = calendar.addWorkingDays(acceptedOn, promisedWorkingDays);
  const statutory = calendar.addWorkingDays(acceptedOn, STATUTORY_CEILING_WORKING_DAYS);
  return {
    promisedDueOn: promised.date,
    statutoryDueOn: statutory.date,
    dueDatesEstimated: !promised.calendarComplete || !statutory.calendarComplete,
  };
}

/**
 * 补正期限: `workingDays` working days after the day the 补正通知书 is issued (counting starts
 * the next day, 民法典§201; a day off moves it to the next working day, docs/registry-facts.md §7).
 */
export function correctionDueOn(
  requestedOn: string,
  workingDays: number,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): { dueOn: string; dueOnEstimated: boolean } {
  const r = calendar.addWorkingDays(requestedOn, workingDays);
  return { dueOn: r.date, dueOnEstimated: !r.calendarComplete };
}
