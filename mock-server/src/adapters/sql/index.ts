/**
 * Opens the registry's store: PostgreSQL when `databaseUrl` is a postgres:// (or postgresql://)
 * URL, else the embedded SQLite file at `databasePath` (the default: nothing to install).
 */
import type { Config } from '../../config';
import { PostgresSqlDb, type PostgresSqlDbOptions } from './postgres';
import { SqliteSqlDb, type SqliteSqlDbOptions } from './sqlite';
import type { SqlDb } from './types';

export type { SqlDb, SqlDialect, SqlParam, SqlParams, TransactionOptions } from './types';
export { migrateSql, schemaVersionSql, migrationsFor } from './migrate';
export { PostgresSqlDb } from './postgres';
export { SqliteSqlDb } from './sqlite';
export { isConstraintViolation, isForeignKeyViolation, isUniqueViolation } from './errors';

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

export interface OpenSqlDbOptions {
  sqlite?: SqliteSqlDbOptions;
  postgres?: Omit<PostgresSqlDbOptions, 'connectionString'>;
}

/**
 * The root handle every repository is built with. PostgreSQL is asked one `SELECT 1` before the
 * handle is returned, so a wrong URL or a server that is down is reported at start
 * (DATABASE_UNAVAILABLE), not at the first request.
 */
export async function openSqlDb(
  config: Pick<Config, 'databaseUrl' | 'databasePath'>,
  opts: OpenSqlDbOptions = {},
): Promise<SqlDb> {
  if (isPostgresUrl(config.databaseUrl)) {
    const db = PostgresSqlDb.open({ ...opts.postgres, connectionString: config.databaseUrl });
    try {
      await db.get('SELECT 1 AS one');
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
    return db;
  }
  return SqliteSqlDb.open(config.databasePath, opts.sqlite);
}
