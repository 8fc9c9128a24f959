/**
 * The working-day calendar as data: one entry per year whose arrangement the State Council has
 * published (国务院办公厅关于部分节假日安排的通知, issued each November for the following year).
 *
 * To extend the calendar, append a `PublishedYear` here (or pass one to
 * `createWorkingDayCalendar`): every day of each holiday period is a rest day; every make-up day
 * (调休上班) is a working Saturday or Sunday. `createWorkingDayCalendar` validates the entries.
 *
 * Source of the two years below: docs/registry-facts.md §7 (2025 and 2026 notices).
 */
import type { IsoDate } from './iso-date';

/** A run of rest days (inclusive), e.g. 春节 2026-02-15 … 2026-02-23. */
export interface HolidayPeriod {
  /** Chinese name shown in the UI, e.g. '春节'. */
  name: string;
  from: IsoDate;
  to: IsoDate;
}

/** A Saturday or Sunday that is a working day (调休上班), with the holiday it pays for. */
export interface MakeUpWorkday {
  date: IsoDate;
  /** Name of the holiday this make-up day belongs to, e.g. '春节'. */
  for: string;
}

export interface PublishedYear {
  year: number;
  /** Where the data comes from (notice title or document reference). */
  source: string;
  holidays: readonly HolidayPeriod[];
  makeUpWorkdays: readonly MakeUpWorkday[];
}

/**
 * Statutory holidays fixed on Gregorian dates (全国年节及纪念日放假办法, as amended 2024, in force
 * 2025). Used only to ESTIMATE years whose arrangement is not yet published: the lunar holidays
 * (春节, 清明, 端午, 中秋) and every weekend swap are unknown for such years, so any result that
 * depends on them is flagged `calendarComplete: false`.
 */
export const FIXED_GREGORIAN_HOLIDAYS: readonly { name: string; month: number; day: number }[] = [
  { name: '元旦', month: 1, day: 1 },
  { name: '劳动节', month: 5, day: 1 },
  { name: '劳动节', month: 5, day: 2 },
  { name: '国庆节', month: 10, day: 1 },
  { name: '国庆节', month: 10, day: 2 },
  { name: '国庆节', month: 10, day: 3 },
];

export const CHINA_2025: PublishedYear = {
  year: 2025,
  source: '国务院办公厅关于2025年部分节假日安排的通知',
  holidays: [
    { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
    { name: '春节', from: '2025-01-28', to: '2025-02-04' },
    { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
    { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
    { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
    { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
  ],
  makeUpWorkdays: [
    { date: '2025-01-26', for: '春节' },
    { date: '2025-02-08', for: '春节' },
    { date: '2025-04-27', for: '劳动节' },
    { date: '2025-09-28', for: '国庆节、中秋节' },
    { date: '2025-10-11', for: '国庆节、中秋节' },
  ],
};

export const CHINA_2026: PublishedYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知',
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  makeUpWorkdays: [
    { date: '2026-01-04', for: '元旦' },
    { date: '2026-02-14', for: '春节' },
    { date: '2026-02-28', for: '春节' },
    { date: '2026-05-09', for: '劳动节' },
    { date: '2026-09-20', for: '国庆节' },
    { date: '2026-10-10', for: '国庆节' },
  ],
};

/** Every year published so far, oldest first. */
export const CHINA_PUBLISHED_YEARS: readonly PublishedYear[] = [CHINA_2025, CHINA_2026];
