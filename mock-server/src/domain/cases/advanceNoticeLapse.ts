/**
 * 预告登记 lapses (民法典 §221): an advance notice ends when the registration it secures is not
 * applied for within 90 days of the day that registration became possible. Counting starts the
 * day after (民法典 §201); a last day that is a statutory day off moves to the next working day
 * (民法典 §203). The machine ends a lapsed notice on its own, on the day after the last day.
 */
import { addCalendarDays, chinaWorkingDayCalendar, type WorkingDayCalendar } from '../calendar';
import type { RestrictionState } from '../register';

/** 民法典 §221: 90 days. */
export const ADVANCE_NOTICE_LAPSE_DAYS = 90;

/** The last day to apply for the registration an advance notice secures (Beijing, YYYY-MM-DD). */
export function advanceNoticeLastDay(
  registrableFrom: string,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): { lastDay: string; estimated: boolean } {
  const raw = addCalendarDays(registrableFrom, ADVANCE_NOTICE_LAPSE_DAYS);
  const r = calendar.addWorkingDays(raw, 0, { onUnpublished: 'estimate' });
  return { lastDay: r.date, estimated: !r.calendarComplete };
}

/**
 * Whether the machine ends this advance notice today: it is current, the day registration
 * became possible is known (advanceNoticeRegistrableFrom), and `today` is after the last day. A registration applied for in time
 * (a case of the unit in process) keeps the notice: the use case checks that.
 */
export function advanceNoticeLapsed(
  r: RestrictionState,
  registrableFrom: string | undefined,
  today: string,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): boolean {
  if (r.kind !== 'advanceNotice' || r.status !== 'current' || !registrableFrom) return false;
  return today > advanceNoticeLastDay(registrableFrom, calendar).lastDay;
}
