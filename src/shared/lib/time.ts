/**
 * The app's one place for dates and times. The registry works in Beijing time (Asia/Shanghai,
 * UTC+08:00 all year: China has kept no daylight saving time since 1991), so every instant is
 * shown at a fixed +08:00 offset and the output never depends on the phone's time zone. Nothing
 * else in src/ formats a date (ESLint's no-restricted-syntax and tests/unit/tooling/time-only.test.ts
 * keep it that way).
 *
 * Inputs are ISO 8601 strings from the API: instants ("2026-12-07T07:40:34.337Z", or with an
 * offset) and calendar dates ("2026-12-07", which are already Beijing dates and stay as they are).
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** Minutes east of UTC of Beijing time. */
const BEIJING_OFFSET_MINUTES = 8 * 60;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

type Instant = string | number | Date;

/** The instant in Beijing wall time, or null when it cannot be read. */
function beijing(value: Instant) {
  if (typeof value === 'string' && CALENDAR_DATE.test(value.trim())) {
    // A calendar date already names a Beijing day: keep it as written.
    const d = dayjs.utc(value.trim());
    return d.isValid() ? d : null;
  }
  const d = dayjs.utc(value);
  return d.isValid() ? d.utcOffset(BEIJING_OFFSET_MINUTES) : null;
}

function format(value: Instant | null | undefined, pattern: string): string {
  if (value === null || value === undefined || value === '') return '';
  const d = beijing(value);
  if (d) return d.format(pattern);
  return typeof value === 'string' ? value : '';
}

/** 2026-12-07T07:40:34.337Z → "2026-12-07 15:40" (Beijing time). Unreadable text is returned as is. */
export const dateTime = (value: Instant | null | undefined): string =>
  format(value, 'YYYY-MM-DD HH:mm');

/** 2026-12-07T07:40:34.337Z → "2026-12-07 15:40:34" (Beijing time), for verification records. */
export const dateTimeSeconds = (value: Instant | null | undefined): string =>
  format(value, 'YYYY-MM-DD HH:mm:ss');

/** 2026-12-07T17:00:00Z → "2026-12-08" (the Beijing day); "2026-12-07" stays "2026-12-07". */
export const date = (value: Instant | null | undefined): string => format(value, 'YYYY-MM-DD');

/** A date in words, as on a form: "2027-01-20" → "2027年01月20日". */
export const dateInChinese = (value: Instant | null | undefined): string =>
  format(value, 'YYYY年MM月DD日');

/** Today's date in Beijing, "YYYY-MM-DD" (the registry's day, not the phone's). */
export const today = (now: Instant = Date.now()): string => date(now);

/** The same day as a number, 2026-12-07 → 20261207, for comparing with a YYYYMMDD birth date. */
export const dayNumber = (now: Instant = Date.now()): number =>
  Number(today(now).replace(/-/g, ''));

/** A calendar date some years on (or back): "2026-12-07", 5 → "2031-12-07" (29 Feb → 28 Feb). */
export const addYears = (day: string, years: number): string =>
  dayjs.utc(day.trim()).add(years, 'year').format('YYYY-MM-DD');

/** "2026-02-29" → false, "2028-02-29" → true: a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = CALENDAR_DATE.exec(text.trim());
  if (!m) return false;
  const d = dayjs.utc(text.trim());
  return d.isValid() && d.year() === +m[1] && d.month() + 1 === +m[2] && d.date() === +m[3];
}

/** Whole days from one calendar date to another ("2026-12-07" → "2026-12-10" is 3). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayjs.utc(to.trim()).valueOf() - dayjs.utc(from.trim()).valueOf()) / DAY_MS);
}

/** An instant written for the API (ISO 8601 in UTC), e.g. a capture time or a draft's savedAt. */
export const isoInstant = (value: Instant = Date.now()): string => dayjs.utc(value).toISOString();
