import type { Db } from '../sqlite/database';
import { runProgramNow } from '../sql/program';
import { publishCatalogue } from '../sqlite/catalogueRepository';
import { saveMarriages, savePersons } from '../sqlite/partyDirectory';
import { appendEvents } from '../sqlite/registerPrograms';
import { checkCatalogue, type Catalogue } from '../../domain/catalogue';
import { CATALOGUE_V1 } from './catalogue-v1';
import { DEFAULT_SEED, generateSeed, type SeedData } from './generate';
import { mulberry32 } from './prng';

export { CATALOGUE_V1, DEFAULT_SEED, generateSeed, mulberry32 };
export type { SeedData };

/** The catalogue versions this server publishes, oldest first. */
export const CATALOGUES: readonly Catalogue[] = [CATALOGUE_V1];

/**
 * Publishes every catalogue version not yet in the database. Returns the versions published.
 * Transitional: synchronous on the better-sqlite3 connection (the catalogue repository's own
 * SQL through the bridge in adapters/sql/program.ts) until start-up is asynchronous.
 */
export function ensureCatalogue(db: Db, catalogues: readonly Catalogue[] = CATALOGUES): number[] {
  const published: number[] = [];
  for (const c of catalogues) {
    const problems = checkCatalogue(c);
    if (problems.length)
      throw new Error(`catalogue ${c.version} is malformed: ${problems.join('; ')}`);
    if (db.transaction(() => runProgramNow(db, publishCatalogue(c))).immediate())
      published.push(c.version);
  }
  return published;
}

/** True when the database holds no parties and no register events (demo data may be added). */
export function isRegisterEmpty(db: Db): boolean {
  const row = db
    .prepare('SELECT (SELECT count(*) FROM register_events) + (SELECT count(*) FROM persons) AS n')
    .get() as { n: number };
  return row.n === 0;
}

/**
 * Writes generated demo data in one transaction. Transitional: synchronous, with the party
 * directory's and the register's own SQL through the bridge in adapters/sql/program.ts.
 */
export function writeSeed(db: Db, data: SeedData): void {
  db.transaction(() => {
    runProgramNow(db, savePersons(data.persons));
    runProgramNow(db, saveMarriages(data.marriages));
    runProgramNow(db, appendEvents(data.events));
  }).immediate();
}

/**
 * Seeds the demo register when (and only when) the database is empty. Returns whether it did.
 * The emptiness check and the writes share one IMMEDIATE transaction, so two processes starting
 * on the same file cannot both seed.
 */
export function seedIfEmpty(db: Db, seed = DEFAULT_SEED): boolean {
  return db
    .transaction(() => {
      if (!isRegisterEmpty(db)) return false;
      writeSeed(db, generateSeed(mulberry32(seed), seed));
      return true;
    })
    .immediate();
}
