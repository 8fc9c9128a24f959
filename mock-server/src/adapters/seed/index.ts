/**
 * Publishing the catalogue and seeding the demo register, on either database (the embedded
 * SQLite file or PostgreSQL). The demo data comes from the deterministic generator
 * (generate.ts: one seed, one register), written through the register's and the party
 * directory's own ports, so both databases hold the same register after seeding.
 */
import type { SqlDb } from '../sql';
import type { CatalogueRepository, PartyDirectory, RegisterRepository } from '../../ports';
import { checkCatalogue, type Catalogue } from '../../domain/catalogue';
import { CATALOGUE_V1 } from './catalogue-v1';
import { CATALOGUE_V2 } from './catalogue-v2';
import { DEFAULT_SEED, generateSeed, type SeedData } from './generate';
import { mulberry32 } from './prng';

export { CATALOGUE_V1, CATALOGUE_V2, DEFAULT_SEED, generateSeed, mulberry32 };
export type { SeedData };

/** The catalogue versions this server publishes, oldest first. */
export const CATALOGUES: readonly Catalogue[] = [CATALOGUE_V1, CATALOGUE_V2];
/** The newest version: what a database answers as its current catalogue once started. */
export const CURRENT_CATALOGUE: Catalogue = CATALOGUES[CATALOGUES.length - 1];

/** Where the demo data is written: the register and the party directory on the same database. */
export interface SeedStores {
  register: Pick<RegisterRepository, 'append'>;
  parties: Pick<PartyDirectory, 'savePersons' | 'saveMarriages'>;
}

/** Publishes every catalogue version not yet in the database. Returns the versions published. */
export async function ensureCatalogue(
  repo: Pick<CatalogueRepository, 'publish'>,
  catalogues: readonly Catalogue[] = CATALOGUES,
): Promise<number[]> {
  const published: number[] = [];
  for (const c of catalogues) {
    const problems = checkCatalogue(c);
    if (problems.length)
      throw new Error(`catalogue ${c.version} is malformed: ${problems.join('; ')}`);
    if (await repo.publish(c)) published.push(c.version);
  }
  return published;
}

/** True when the database holds no parties and no register events (demo data may be added). */
export async function isRegisterEmpty(db: SqlDb): Promise<boolean> {
  const row = await db.get<{ n: number }>(
    'SELECT (SELECT count(*) FROM register_events) + (SELECT count(*) FROM persons) AS n',
  );
  return Number(row?.n ?? 0) === 0;
}

/** Writes generated demo data in one transaction. */
export async function writeSeed(db: SqlDb, stores: SeedStores, data: SeedData): Promise<void> {
  await db.transaction(async () => {
    await stores.parties.savePersons(data.persons);
    await stores.parties.saveMarriages(data.marriages);
    await stores.register.append(data.events);
  });
}

/**
 * Seeds the demo register when (and only when) the database is empty. Returns whether it did.
 * The emptiness check and the writes share one write transaction (SQLite's write lock, the
 * registry-wide lock on PostgreSQL), so two nodes starting on the same database cannot both seed.
 */
export async function seedIfEmpty(
  db: SqlDb,
  stores: SeedStores,
  seed = DEFAULT_SEED,
): Promise<boolean> {
  return db.transaction(async () => {
    if (!(await isRegisterEmpty(db))) return false;
    await writeSeed(db, stores, generateSeed(mulberry32(seed), seed));
    return true;
  });
}
