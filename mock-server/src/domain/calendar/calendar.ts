/**
 * Working days (工作日) for statutory deadlines: Monday–Friday, minus the published holidays, plus
 * the published make-up workdays (调休上班). Pure: all data comes in through
 * `createWorkingDayCalendar`, nothing reads the clock.
 *
 * Counting follows 民法典 §201: a period counted in days starts on the day AFTER the event, so
 * "n working days after an event on day D" is the n-th working day strictly after D; a deadline
 * that would land on a rest day is thereby always the next working day.
 *
 * Years without a published arrangement (2027 and later, and anything before 2025) are
 * estimated — Monday–Friday minus the holidays fixed on Gregorian dates — and every result that
 * looked at such a year says `calendarComplete: false` and lists `unpublishedYears`, so the UI
 * can show "预计…，以国务院公布的节假日安排为准". Pass `{ onUnpublished: 'throw' }` to get a
 * `CalendarCoverageError` instead.
 */
import { CHINA_PUBLISHED_YEARS, FIXED_GREGORIAN_HOLIDAYS, type PublishedYear } from './data';
import {
  civilFromDays,
  formatIsoDate,
  fromDayNumber,
  toDayNumber,
  weekdayOfDayNumber,
  type IsoDate,
} from './iso-date';

export type DayKind =
  /** Monday–Friday, not a holiday. */
  | 'workday'
  /** Saturday or Sunday, not a make-up day. */
  | 'weekend'
  /** Inside a published holiday period (or, estimated, a fixed Gregorian holiday). */
  | 'holiday'
  /** A Saturday or Sunday that is a working day (调休上班). */
  | 'makeUpWorkday';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** The holiday's name for 'holiday' and 'makeUpWorkday' days. */
  holidayName?: string;
  /** false when the day's year has no published arrangement and `working` is an estimate. */
  published: boolean;
}

export type UnpublishedPolicy = 'estimate' | 'throw';

export interface CalendarOptions {
  /**
   * What to do when a computation needs a day of a year with no published arrangement:
   * 'estimate' (default for addWorkingDays / workingDaysBetween / dayInfo) flags the result;
   * 'throw' (default for isWorkingDay, which returns a bare boolean) raises CalendarCoverageError.
   */
  onUnpublished?: UnpublishedPolicy;
}

export interface WorkingDayResult {
  /** The deadline: always a working day (or, estimated, a Monday–Friday non-fixed-holiday). */
  date: IsoDate;
  /** true when every day the computation looked at belongs to a published year. */
  calendarComplete: boolean;
  /** Years the computation looked at that have no published arrangement, ascending. */
  unpublishedYears: number[];
}

export interface WorkingDayCountResult {
  /** Working days d with from < d ≤ to (negative when to < from). */
  days: number;
  calendarComplete: boolean;
  unpublishedYears: number[];
}

/** A computation needed a year whose holiday arrangement is not published. */
export class CalendarCoverageError extends Error {
  constructor(
    readonly year: number,
    readonly date: IsoDate,
  ) {
    super(`the ${year} holiday arrangement is not published (needed for ${date})`);
    this.name = 'CalendarCoverageError';
  }
}

export class CalendarDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarDataError';
  }
}

export interface WorkingDayCalendar {
  /** Years with a published arrangement, ascending. */
  readonly publishedYears: readonly number[];
  isPublishedYear(year: number): boolean;
  dayInfo(date: IsoDate, options?: CalendarOptions): DayInfo;
  /** Throws CalendarCoverageError for unpublished years unless onUnpublished is 'estimate'. */
  isWorkingDay(date: IsoDate, options?: CalendarOptions): boolean;
  /**
   * The n-th working day after `start` (n ≥ 0 integer). For n = 0: `start` itself if it is a
   * working day, else the next working day.
   */
  addWorkingDays(start: IsoDate, n: number, options?: CalendarOptions): WorkingDayResult;
  /** Number of working days d with from < d ≤ to; negative (−count of to < d ≤ from) if to < from. */
  workingDaysBetween(from: IsoDate, to: IsoDate, options?: CalendarOptions): WorkingDayCountResult;
  /** A new calendar with `year` added (or replaced). */
  withYear(year: PublishedYear): WorkingDayCalendar;
}

interface YearTable {
  holidays: Map<number, string>;
  makeUp: Map<number, string>;
}

const isWeekendDay = (dayNumber: number): boolean => weekdayOfDayNumber(dayNumber) >= 6;

function buildYearTable(data: PublishedYear): YearTable {
  const { year } = data;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new CalendarDataError(`bad year ${year}`);
  }
  const inYear = (date: IsoDate, what: string): number => {
    const n = toDayNumber(date);
    if (civilFromDays(n).year !== year) {
      throw new CalendarDataError(`${year}: ${what} ${date} is outside the year`);
    }
    return n;
  };
  const holidays = new Map<number, string>();
  for (const h of data.holidays) {
    const from = inYear(h.from, `holiday ${h.name}`);
    const to = inYear(h.to, `holiday ${h.name}`);
    if (to < from) throw new CalendarDataError(`${year}: holiday ${h.name} ends before it starts`);
    for (let d = from; d <= to; d++) {
      if (holidays.has(d)) {
        throw new CalendarDataError(`${year}: ${fromDayNumber(d)} is in two holiday periods`);
      }
      holidays.set(d, h.name);
    }
  }
  const makeUp = new Map<number, string>();
  for (const w of data.makeUpWorkdays) {
    const d = inYear(w.date, 'make-up workday');
    if (!isWeekendDay(d)) {
      throw new CalendarDataError(`${year}: make-up workday ${w.date} is not a Saturday or Sunday`);
    }
    if (holidays.has(d)) {
      throw new CalendarDataError(`${year}: make-up workday ${w.date} is inside a holiday`);
    }
    if (makeUp.has(d)) throw new CalendarDataError(`${year}: make-up workday ${w.date} repeated`);
    makeUp.set(d, w.for);
  }
  return { holidays, makeUp };
}

/** Maximum n for addWorkingDays: about 40 years, far beyond any statutory period. */
const MAX_WORKING_DAYS = 10_000;

export function createWorkingDayCalendar(years: readonly PublishedYear[]): WorkingDayCalendar {
  const source = new Map<number, PublishedYear>();
  const tables = new Map<number, YearTable>();
  for (const y of years) {
    if (tables.has(y.year)) throw new CalendarDataError(`year ${y.year} given twice`);
    tables.set(y.year, buildYearTable(y));
    source.set(y.year, y);
  }
  const publishedYears = [...tables.keys()].sort((a, b) => a - b);

  const infoOf = (dayNumber: number): DayInfo => {
    const civil = civilFromDays(dayNumber);
    const date = formatIsoDate(civil);
    const table = tables.get(civil.year);
    const weekend = isWeekendDay(dayNumber);
    if (table) {
      const holidayName = table.holidays.get(dayNumber);
      if (holidayName !== undefined) {
        return { date, working: false, kind: 'holiday', holidayName, published: true };
      }
      const makeUpFor = table.makeUp.get(dayNumber);
      if (makeUpFor !== undefined) {
        return {
          date,
          working: true,
          kind: 'makeUpWorkday',
          holidayName: makeUpFor,
          published: true,
        };
      }
      return weekend
        ? { date, working: false, kind: 'weekend', published: true }
        : { date, working: true, kind: 'workday', published: true };
    }
    const fixed = FIXED_GREGORIAN_HOLIDAYS.find(
      (h) => h.month === civil.month && h.day === civil.day,
    );
    if (fixed) {
      return {
        date,
        working: false,
        kind: 'holiday',
        holidayName: fixed.name,
        published: false,
      };
    }
    return weekend
      ? { date, working: false, kind: 'weekend', published: false }
      : { date, working: true, kind: 'workday', published: false };
  };

  /** Looks up a day, recording (or refusing) unpublished years. */
  const lookup = (
    dayNumber: number,
    policy: UnpublishedPolicy,
    unpublished: Set<number>,
  ): DayInfo => {
    const info = infoOf(dayNumber);
    if (!info.published) {
      const { year } = civilFromDays(dayNumber);
      if (policy === 'throw') throw new CalendarCoverageError(year, info.date);
      unpublished.add(year);
    }
    return info;
  };

  const sortedYears = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);

  const calendar: WorkingDayCalendar = {
    publishedYears,
    isPublishedYear: (year) => tables.has(year),

    dayInfo(date, options) {
      return lookup(toDayNumber(date), options?.onUnpublished ?? 'estimate', new Set());
    },

    isWorkingDay(date, options) {
      return lookup(toDayNumber(date), options?.onUnpublished ?? 'throw', new Set()).working;
    },

    addWorkingDays(start, n, options) {
      if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
        throw new RangeError(`working days must be an integer in [0, ${MAX_WORKING_DAYS}]: ${n}`);
      }
      const policy = options?.onUnpublished ?? 'estimate';
      const unpublished = new Set<number>();
      let d = toDayNumber(start);
      if (n === 0) {
        while (!lookup(d, policy, unpublished).working) d++;
      } else {
        let counted = 0;
        while (counted < n) {
          d++;
          if (lookup(d, policy, unpublished).working) counted++;
        }
      }
      const unpublishedYears = sortedYears(unpublished);
      return {
        date: fromDayNumber(d),
        calendarComplete: unpublishedYears.length === 0,
        unpublishedYears,
      };
    },

    workingDaysBetween(from, to, options) {
      const policy = options?.onUnpublished ?? 'estimate';
      const unpublished = new Set<number>();
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let days = 0;
      for (let d = lo + 1; d <= hi; d++) if (lookup(d, policy, unpublished).working) days++;
      const unpublishedYears = sortedYears(unpublished);
      return {
        days: sign * days,
        calendarComplete: unpublishedYears.length === 0,
        unpublishedYears,
      };
    },

    withYear(year) {
      return createWorkingDayCalendar([
        ...[...source.values()].filter((y) => y.year !== year.year),
        year,
      ]);
    },
  };
  return calendar;
}

/** The mainland China calendar with every year published so far (2025, 2026). */
export const chinaWorkingDayCalendar: WorkingDayCalendar =
  createWorkingDayCalendar(CHINA_PUBLISHED_YEARS);

/** `chinaWorkingDayCalendar.isWorkingDay`: throws CalendarCoverageError for unpublished years. */
export const isWorkingDay = (date: IsoDate, options?: CalendarOptions): boolean =>
  chinaWorkingDayCalendar.isWorkingDay(date, options);

export const dayInfo = (date: IsoDate, options?: CalendarOptions): DayInfo =>
  chinaWorkingDayCalendar.dayInfo(date, options);

/** `chinaWorkingDayCalendar.addWorkingDays`: flags (default) or throws for unpublished years. */
export const addWorkingDays = (
  start: IsoDate,
  n: number,
  options?: CalendarOptions,
): WorkingDayResult => chinaWorkingDayCalendar.addWorkingDays(start, n, options);

export const workingDaysBetween = (
  from: IsoDate,
  to: IsoDate,
  options?: CalendarOptions,
): WorkingDayCountResult => chinaWorkingDayCalendar.workingDaysBetween(from, to, options);
