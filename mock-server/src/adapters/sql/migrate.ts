/**
 * The asynchronous migration runner, for both databases. Each migration runs in its own write
 * transaction together with its row in schema_migrations, and checks inside that transaction
 * that nobody applied it meanwhile: the transaction holds SQLite's write lock or, on PostgreSQL,
 * the registry-wide advisory lock, so two nodes starting together migrate once. Refuses a
 * database newer than this code, or whose applied migration names differ, like the synchronous
 * runner in ../sqlite/database.ts.
 */
import { MigrationError } from './migrationError';
import { MIGRATIONS as SQLITE_MIGRATIONS, type Migration } from '../sqlite/migrations';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import type { SqlDb, SqlDialect } from './types';
import type { MigrationContext } from '../keys/organisationKeys';

export function migrationsFor(dialect: SqlDialect): readonly Migration[] {
  return dialect === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
}

const SCHEMA_MIGRATIONS: Record<SqlDialect, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`,
};

/** Collations that order text by code point, as SQLite does. */
const CODE_POINT_COLLATIONS = new Set(['C', 'POSIX', 'C.UTF-8', 'C.utf8']);

/**
 * Applies what is missing; returns the versions applied now (empty when up to date). A
 * migration's `prepare` (work outside the database, e.g. moving keys to the key folder) runs
 * just before its SQL, with `context`.
 */
export async function migrateSql(
  db: SqlDb,
  migrations: readonly Migration[] = migrationsFor(db.dialect),
  context: MigrationContext = {},
): Promise<number[]> {
  if (db.dialect === 'postgres') await requireCodePointCollation(db);
  await db.transaction((tx) => tx.exec(SCHEMA_MIGRATIONS[db.dialect]));
  const applied = await db.all<{ version: number; name: string }>(
    'SELECT version, name FROM schema_migrations ORDER BY version',
  );
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const m = known.get(row.version);
    if (!m) {
      throw new MigrationError(
        `database has schema version ${row.version}, which this server does not know (newer code?)`,
      );
    }
    if (m.name !== row.name) {
      throw new MigrationError(
        `migration ${row.version} is "${row.name}" in the database, "${m.name}" in code`,
      );
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const now: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    await m.prepare?.(db, context);
    const ran = await db.transaction(async (tx) => {
      // another node may have applied it while this one waited for the lock
      if (await tx.get('SELECT 1 AS one FROM schema_migrations WHERE version = ?', [m.version])) {
        return false;
      }
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (ran) now.push(m.version);
  }
  return now;
}

export async function schemaVersionSql(db: SqlDb): Promise<number> {
  const row = await db.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}

/**
 * Text must sort the same on both databases (ORDER BY case number, name…): the PostgreSQL
 * database has to use a code-point collation. Checked before anything is created.
 */
async function requireCodePointCollation(db: SqlDb): Promise<void> {
  // datlocprovider (PostgreSQL 15+): 'i' = ICU, whose order is not the code point order
  const row = await db.get<{ collation: string; provider: string | null }>(
    `SELECT datcollate AS collation, to_jsonb(d) ->> 'datlocprovider' AS provider
     FROM pg_database d WHERE datname = current_database()`,
  );
  if (row && (row.provider === 'i' || !CODE_POINT_COLLATIONS.has(row.collation))) {
    throw new MigrationError(
      `PostgreSQL 数据库的排序规则必须是 C（文本按码位排序，与 SQLite 一致）；请用 ` +
        `createdb --locale=C --encoding=UTF8 --template=template0 重新建库。` +
        ` The database must use the C collation (it uses "${row.collation}"${row.provider === 'i' ? ', ICU' : ''}).`,
    );
  }
}
