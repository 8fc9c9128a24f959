/**
 * Deterministic generator of Taizhou demo data: parties, marriages and the register as events.
 * Pure: all randomness comes from the injected `Random`, no clock, no I/O. The same seed gives
 * the same data on every machine. The draws happen in a fixed order (parties, units, holdings,
 * restrictions), so each step below must keep its place.
 */
import { findCounty } from '../../domain/counties';
import {
  projectRegister,
  type Marriage,
  type Person,
  type RegisterEvent,
} from '../../domain/register';
import type { Random } from '../../ports';
import { CertificateIssuer } from './certificates';
import { recordHoldings } from './holdings';
import { EventLedger } from './ledger';
import { generatePopulation } from './people';
import { Dice } from './prng';
import { recordRestrictions } from './restrictions';
import { generateUnits } from './units';

export { addDays } from './dates';

export const DEFAULT_SEED = 20210615;

export interface SeedData {
  seed: number;
  persons: Person[];
  marriages: Marriage[];
  events: RegisterEvent[];
}

export function generateSeed(random: Random, seed = DEFAULT_SEED): SeedData {
  const dice = new Dice(random);
  const population = generatePopulation(dice);
  const drafts = generateUnits(dice);
  const ledger = new EventLedger();
  const certificates = new CertificateIssuer(dice);
  const holdings = recordHoldings(dice, ledger, certificates, drafts, population);
  recordRestrictions(dice, ledger, certificates, drafts, population, holdings);
  const ordered = ledger.ordered();

  // the generator must never produce a register the domain would refuse
  projectRegister(ordered);
  const { persons, marriages } = population;
  for (const p of persons)
    if (!findCountyOfPerson(p)) throw new Error(`bad area for ${p.personId}`);

  return { seed, persons, marriages, events: ordered };
}

function findCountyOfPerson(p: Person): boolean {
  if (p.kind === 'legal') return true;
  return findCounty(p.idNumber.slice(0, 6)) !== undefined;
}
