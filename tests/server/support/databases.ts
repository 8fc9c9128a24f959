/**
 * The two databases every store contract suite runs on: the embedded SQLite file and
 * PostgreSQL. A target makes a fresh, empty store; `open()` gives one more handle on it (one more
 * registry node: another connection to the same file, another pool on the same database).
 *
 *   describe.each(DATABASES)('case store on %s', (_name, target) => { … });
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  migrateSql,
  PostgresSqlDb,
  SqliteSqlDb,
  type SqlDb,
} from '../../../mock-server/src/adapters/sql';
import { createTestDatabase } from '../../support/postgres';
import { tempDir } from './registry';

/** A fresh, empty store; `open()` gives one more handle (one more node) on it. */
export interface Store {
  open: () => SqlDb;
  /** PostgreSQL: the database's URL (for what opens a connection of its own, e.g. LISTEN) */
  url?: string;
  cleanup: () => Promise<void>;
}
export type Target = () => Promise<Store>;

/** A registry file in its own temp folder; removing the folder removes the store. */
export const sqliteStore: Target = async () => {
  const dir = tempDir('store-contract-');
  const file = path.join(dir, 'registry.sqlite');
  return {
    open: () => SqliteSqlDb.open(file),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};

/** A database of its own on the test PostgreSQL server, dropped on cleanup. */
export const postgresStore: Target = async () => {
  const db = await createTestDatabase();
  return {
    url: db.url,
    open: () => PostgresSqlDb.open({ connectionString: db.url, max: 5 }),
    cleanup: () => db.drop(),
  };
};

/** `describe.each(DATABASES)`: the suite's name for the database, and its target. */
export const DATABASES: readonly (readonly [string, Target])[] = [
  ['SQLite', sqliteStore],
  ['PostgreSQL', postgresStore],
];

/** One more handle on the store, with the registry's migrations applied through it. */
export async function migrated(store: Store): Promise<SqlDb> {
  const db = store.open();
  await migrateSql(db);
  return db;
}
