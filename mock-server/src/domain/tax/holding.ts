/**
 * The seller's holding period, from the registration date in the register to the transaction
 * date (docs/registry-facts.md §6).
 *
 * Edge, defined precisely: the seller has held the home for at least N years when the
 * transaction date is ON OR AFTER the same calendar date N years after the registration date
 * (registered 2021-03-15 → held 5 years from 2026-03-15 inclusive; 2026-03-14 is still < 5).
 * A registration on 29 February has no such date in a common year; then, as 民法典 §202 says
 * for periods counted in years, the last day of that month stands in (2024-02-29 + 2 years →
 * 2026-02-28).
 */
import { formatIsoDate, parseIsoDate, toDayNumber, type IsoDate } from '../calendar/iso-date';

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** the same calendar date `years` later (29 Feb → 28 Feb in a common year) */
export function anniversary(date: IsoDate, years: number): IsoDate {
  const d = parseIsoDate(date);
  const year = d.year + years;
  const day = d.month === 2 && d.day === 29 && !isLeap(year) ? 28 : d.day;
  return formatIsoDate({ year, month: d.month, day });
}

/** true when held for at least `years` full years on `transactionDate` */
export function heldAtLeast(
  registeredOn: IsoDate,
  transactionDate: IsoDate,
  years: number,
): boolean {
  return toDayNumber(transactionDate) >= toDayNumber(anniversary(registeredOn, years));
}

/** completed whole years held on `transactionDate` (for display) */
export function fullYearsHeld(registeredOn: IsoDate, transactionDate: IsoDate): number {
  if (toDayNumber(transactionDate) < toDayNumber(registeredOn)) return -1;
  let years = 0;
  while (heldAtLeast(registeredOn, transactionDate, years + 1)) years++;
  return years;
}
