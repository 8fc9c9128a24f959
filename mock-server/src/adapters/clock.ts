/** The wall clock: the one place the server reads the system time (tests pass their own Clock). */
import type { Clock } from '../ports';

export const systemClock: Clock = { now: () => new Date() };
