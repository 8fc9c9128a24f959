/**
 * Calendar dates as plain 'YYYY-MM-DD' strings, with pure day arithmetic.
 *
 * A registry deadline is a civil date in China (UTC+8, no daylight saving), never an instant, so
 * nothing here touches Date, time zones or the clock: a date is converted to a day number (days
 * since 1970-01-01 in the proleptic Gregorian calendar) with Howard Hinnant's civil algorithms,
 * and the day of the week follows arithmetically (1970-01-01 was a Thursday).
 */

/** A calendar date written 'YYYY-MM-DD' (years 1000–9999). */
export type IsoDate = string;

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export class InvalidDateError extends RangeError {
  constructor(readonly value: unknown) {
    super(`not a calendar date in YYYY-MM-DD form: ${JSON.stringify(value)}`);
    this.name = 'InvalidDateError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 of a (proleptic Gregorian) civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (days since 1970-01-01). */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parses and validates an IsoDate; throws InvalidDateError for '2026-02-30', '2026-2-3', etc. */
export function parseIsoDate(value: IsoDate): CivilDate {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) throw new InvalidDateError(value);
  const civil = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const back = civilFromDays(daysFromCivil(civil.year, civil.month, civil.day));
  if (
    civil.year < 1000 ||
    back.year !== civil.year ||
    back.month !== civil.month ||
    back.day !== civil.day
  ) {
    throw new InvalidDateError(value);
  }
  return civil;
}

export function isIsoDate(value: unknown): value is IsoDate {
  try {
    parseIsoDate(value as IsoDate);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatIsoDate({ year, month, day }: CivilDate): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day number (days since 1970-01-01) of an IsoDate. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return daysFromCivil(year, month, day);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`bad day number ${dayNumber}`);
  return formatIsoDate(civilFromDays(dayNumber));
}

/** The date `days` calendar days after `date` (negative: before). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a day number. */
export function weekdayOfDayNumber(dayNumber: number): IsoWeekday {
  // 1970-01-01 (day 0) was a Thursday (ISO 4).
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function weekdayOf(date: IsoDate): IsoWeekday {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function yearOf(date: IsoDate): number {
  return parseIsoDate(date).year;
}
