/** Calendar arithmetic for the demo data generator: ISO dates as day numbers, no clock. */
import { fromDayNumber as fromDays, toDayNumber as toDays } from '../../domain/calendar/iso-date';
import type { Dice } from './prng';

export const addDays = (d: string, n: number) => fromDays(toDays(d) + n);
/** Same day n years on; 29 February becomes 28 February. */
export const addYears = (d: string, n: number) => {
  const s = `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;
  return s.endsWith('-02-29') ? `${s.slice(0, 8)}28` : s;
};
export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);

/** A day drawn uniformly between two ISO dates, both included. */
export const dateBetween = (dice: Dice, from: string, to: string) =>
  fromDays(dice.int(toDays(from), toDays(to)));

/** An ISO timestamp for a date at hh:mm UTC. */
export const at = (date: string, hhmm: string) => `${date}T${hhmm}:00.000Z`;
