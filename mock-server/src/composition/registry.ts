/**
 * The registry's database at start, shared by main.ts, the command-line tools and the server
 * tests: opened from the config, migrated, the catalogue published and, on an empty database,
 * the demo register seeded; the register, party directory, catalogue and health probe on it.
 */
import type { Logger } from 'pino';
import { ensureCatalogue, seedIfEmpty } from '../adapters/seed';
import { migrateSql, openSqlDb, type SqlDb } from '../adapters/sql';
import { SqlCatalogueRepository } from '../adapters/sqlite/catalogueRepository';
import { SqlHealthProbe } from '../adapters/sqlite/healthProbe';
import { SqlPartyDirectory } from '../adapters/sqlite/partyDirectory';
import { SqlRegisterRepository } from '../adapters/sqlite/registerRepository';
import type { Config } from '../config';

export interface Registry {
  /** the registry's database: the SQLite file at DATABASE_PATH, or PostgreSQL at DATABASE_URL */
  sql: SqlDb;
  catalogue: SqlCatalogueRepository;
  register: SqlRegisterRepository;
  parties: SqlPartyDirectory;
  probe: SqlHealthProbe;
  migrationsApplied: number[];
  seeded: boolean;
  /** closes the database (after the app is closed) */
  close(): Promise<void>;
}

export type RegistryConfig = Pick<Config, 'databasePath' | 'seedOnEmpty'> &
  Partial<Pick<Config, 'databaseUrl' | 'keyDir'>>;

/**
 * Opens the registry's database (PostgreSQL when DATABASE_URL is a postgres:// URL, else the
 * SQLite file at DATABASE_PATH), migrates it, publishes the catalogue and, on an empty database,
 * seeds the demo register. Several nodes may do this together on one database: each step runs
 * in a write transaction that checks what another node already did.
 */
export async function openRegistry(config: RegistryConfig, logger?: Logger): Promise<Registry> {
  const databaseUrl = config.databaseUrl ?? '';
  const sql = await openSqlDb({ databaseUrl, databasePath: config.databasePath });
  try {
    // the key folder: an upgrade moves the organisations' private keys there (migration 0040)
    const migrationsApplied = await migrateSql(sql, undefined, { keyDir: config.keyDir });
    const stores = {
      catalogue: new SqlCatalogueRepository(sql),
      register: new SqlRegisterRepository(sql),
      parties: new SqlPartyDirectory(sql),
      probe: new SqlHealthProbe(sql),
    };
    const published = await ensureCatalogue(stores.catalogue);
    const seeded = config.seedOnEmpty ? await seedIfEmpty(sql, stores) : false;
    logger?.info(
      { database: sql.dialect, migrationsApplied, cataloguePublished: published, seeded },
      'database ready',
    );
    return { sql, ...stores, migrationsApplied, seeded, close: () => sql.close() };
  } catch (e) {
    await sql.close();
    throw e;
  }
}
