import type { HealthProbe } from '../../ports';
import { migrationsFor, schemaVersionSql } from '../sql/migrate';
import type { SqlDb } from '../sql/types';

/** Healthy = the database answers a query and carries the schema this code expects. */
export class SqlHealthProbe implements HealthProbe {
  constructor(private readonly sql: SqlDb) {}

  async check(): Promise<{ schemaVersion: number }> {
    const v = await schemaVersionSql(this.sql);
    const migrations = migrationsFor(this.sql.dialect);
    const expected = migrations[migrations.length - 1].version;
    if (v !== expected) throw new Error(`schema version ${v}, expected ${expected}`);
    return { schemaVersion: v };
  }
}
