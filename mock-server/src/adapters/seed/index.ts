import type { Db } from '../sqlite/database';
import { SqliteCatalogueRepository } from '../sqlite/catalogueRepository';
import { SqlitePartyDirectory } from '../sqlite/partyDirectory';
import { SqliteRegisterRepository } from '../sqlite/registerRepository';
import { checkCatalogue, type Catalogue } from '../../domain/catalogue';
import { CATALOGUE_V1 } from './catalogue-v1';
import { DEFAULT_SEED, generateSeed, type SeedData } from './generate';
import { mulberry32 } from './prng';

export { CATALOGUE_V1, DEFAULT_SEED, generateSeed, mulberry32 };
export type { SeedData };

/** The catalogue versions this server publishes, oldest first. */
export const CATALOGUES: readonly Catalogue[] = [CATALOGUE_V1];

/** Publishes every catalogue version not yet in the database. Returns the versions published. */
export function ensureCatalogue(db: Db, catalogues: readonly Catalogue[] = CATALOGUES): number[] {
  const repo = new SqliteCatalogueRepository(db);
  const published: number[] = [];
  for (const c of catalogues) {
    const problems = checkCatalogue(c);
    if (problems.length)
      throw new Error(`catalogue ${c.version} is malformed: ${problems.join('; ')}`);
    if (repo.publish(c)) published.push(c.version);
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

/** Writes generated demo data in one transaction. */
export function writeSeed(db: Db, data: SeedData): void {
  db.transaction(() => {
    const parties = new SqlitePartyDirectory(db);
    parties.savePersons(data.persons);
    parties.saveMarriages(data.marriages);
    new SqliteRegisterRepository(db).append(data.events);
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
