/**
 * The server's one place for dates and times (the app's is src/shared/lib/time.ts). The registry
 * works in Beijing time (Asia/Shanghai, UTC+08:00 all year: China has kept no daylight saving
 * time since 1991), so every instant is read at a fixed +08:00 offset and the output never
 * depends on the host's time zone. Pure: no clock (callers pass the instant), dayjs with its utc
 * plugin only. Documents, PDFs, server-rendered pages and the staff console format through here;
 * ESLint and tests/unit/tooling/time-module.test.ts keep every other file from doing it by hand.
 *
 * Inputs are ISO 8601 text: instants ("2026-12-07T07:40:34.337Z", or with an offset) and
 * calendar dates ("2026-12-07", which already name a Beijing day and stay as they are).
 * Instants are stored and sent as `Date.prototype.toISOString()` (UTC with "Z"): that is the
 * wire format, not a display, and is allowed anywhere.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** Minutes east of UTC of Beijing time. */
const BEIJING_OFFSET_MINUTES = 8 * 60;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Instant = string | Date;

/** An instant (any offset) or a calendar date as Beijing wall time, or null when unreadable. */
function beijing(value: Instant | null | undefined) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && CALENDAR_DATE.test(value.trim())) {
    const d = dayjs.utc(value.trim());
    return d.isValid() && d.format('YYYY-MM-DD') === value.trim() ? d : null;
  }
  const d = dayjs.utc(typeof value === 'string' ? value.trim() : value);
  return d.isValid() ? d.utcOffset(BEIJING_OFFSET_MINUTES) : null;
}

function strict(value: Instant, pattern: string): string {
  const d = beijing(value);
  if (!d) throw new RangeError(`not an instant: ${String(value)}`);
  return d.format(pattern);
}

/** The Beijing calendar date of an instant, YYYY-MM-DD: 2026-12-07T16:05Z → "2026-12-08". Throws when unreadable. */
export const beijingDate = (value: Instant): string => strict(value, 'YYYY-MM-DD');

/** The Beijing year of an instant (for yearly serial numbers): 2026-12-31T16:00Z → 2027. Throws when unreadable. */
export const beijingYear = (value: Instant): number => Number(strict(value, 'YYYY'));

/** The Beijing date as digits, for identifiers: 2026-12-07T16:05Z → "20261208". Throws when unreadable. */
export const beijingDateDigits = (value: Instant): string => strict(value, 'YYYYMMDD');

/** "2026-03-05T06:07:00.000Z" → "2026-03-05 14:07" (Beijing); '' when unreadable. */
export const beijingMinute = (value: Instant | null | undefined): string =>
  beijing(value)?.format('YYYY-MM-DD HH:mm') ?? '';

/** "2026-12-07T07:33:56Z" → "2026-12-07 15:33:56" (Beijing); '' when unreadable. */
export const beijingSecond = (value: Instant | null | undefined): string =>
  beijing(value)?.format('YYYY-MM-DD HH:mm:ss') ?? '';

/** "2026-12-07T07:40:34.337Z" → "2026年12月7日 15:40" (Beijing); '' when unreadable. */
export const dateTimeText = (value: Instant | null | undefined): string =>
  beijing(value)?.format('YYYY年M月D日 HH:mm') ?? '';

/** "2026-12-07T17:00:00Z" → "2026年12月8日" (the Beijing day); "2027-01-20" → "2027年1月20日". */
export const dateText = (value: Instant | null | undefined): string =>
  beijing(value)?.format('YYYY年M月D日') ?? '';

/** Whether the text is a real calendar date written YYYY-MM-DD ("2026-02-29" is not). */
export const isCalendarDate = (text: string): boolean =>
  CALENDAR_DATE.test(text) && beijing(text) !== null;
