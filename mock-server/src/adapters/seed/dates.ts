/** Calendar arithmetic for the demo data generator: ISO dates in UTC, no clock. */
import type { Dice } from './prng';

const DAY = 86_400_000;
const toDays = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY;
const fromDays = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
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
