/**
 * The demo register seeded on the embedded SQLite file and on PostgreSQL: the generator is
 * deterministic and writes through the same ports, so the two databases hold the same rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureCatalogue, seedIfEmpty } from '../../mock-server/src/adapters/seed';
import {
  migrateSql,
  PostgresSqlDb,
  SqliteSqlDb,
  type SqlDb,
} from '../../mock-server/src/adapters/sql';
import { SqlCatalogueRepository } from '../../mock-server/src/adapters/sqlite/catalogueRepository';
import { SqlPartyDirectory } from '../../mock-server/src/adapters/sqlite/partyDirectory';
import { SqlRegisterRepository } from '../../mock-server/src/adapters/sqlite/registerRepository';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { tempDir } from './support/registry';

/** The tables the seed writes, each in the order of its primary key. */
const SEEDED: readonly [string, string][] = [
  ['persons', 'person_id'],
  ['marriages', 'marriage_id'],
  ['catalogue_versions', 'version'],
  ['business_types', 'catalogue_version, code'],
  ['register_events', 'seq'],
  ['units', 'unit_code'],
  ['certificates', 'certificate_id'],
  ['rights', 'right_id'],
  ['right_holders', 'right_id, position'],
  ['restrictions', 'restriction_id'],
];

/** As openRegistry does at start: migrated, the catalogue published, the demo register seeded. */
async function seed(db: SqlDb) {
  await migrateSql(db);
  const stores = {
    catalogue: new SqlCatalogueRepository(db),
    register: new SqlRegisterRepository(db),
    parties: new SqlPartyDirectory(db),
  };
  await ensureCatalogue(stores.catalogue);
  return { ...stores, seeded: await seedIfEmpty(db, stores) };
}

describe('the seeded demo register on SQLite and on PostgreSQL', () => {
  let dir: string;
  let pg: TestDatabase;
  let onSqlite: SqlDb;
  let onPostgres: SqlDb;
  beforeAll(async () => {
    dir = tempDir('registry-seed-both-');
    pg = await createTestDatabase();
    onSqlite = SqliteSqlDb.open(path.join(dir, 'registry.sqlite'));
    onPostgres = PostgresSqlDb.open({ connectionString: pg.url, max: 2 });
  });
  afterAll(async () => {
    await onSqlite?.close();
    await onPostgres?.close();
    await pg?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('seeds each once, with the same number of register events', async () => {
    const [a, b] = [await seed(onSqlite), await seed(onPostgres)];
    expect([a.seeded, b.seeded]).toEqual([true, true]);
    expect(await seedIfEmpty(onPostgres, b)).toBe(false);
    expect(await b.register.countEvents()).toBe(await a.register.countEvents());
  });

  it.each(SEEDED)('%s holds the same rows on both', async (table, key) => {
    const query = `SELECT * FROM ${table} ORDER BY ${key}`;
    const [a, b] = await Promise.all([onSqlite.all(query), onPostgres.all(query)]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
