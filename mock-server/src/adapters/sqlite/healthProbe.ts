import type { HealthProbe } from '../../ports';
import { schemaVersion, type Db } from './database';
import { LATEST_SCHEMA_VERSION } from './migrations';

/** Healthy = the file answers a query and carries the schema this code expects. */
export class SqliteHealthProbe implements HealthProbe {
  constructor(private readonly db: Db) {}

  check(): { schemaVersion: number } {
    const v = schemaVersion(this.db);
    if (v !== LATEST_SCHEMA_VERSION) {
      throw new Error(`schema version ${v}, expected ${LATEST_SCHEMA_VERSION}`);
    }
    return { schemaVersion: v };
  }
}
