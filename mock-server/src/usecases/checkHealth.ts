import { databaseUnavailable, isAppError } from '../domain/errors';
import type { HealthProbe } from '../ports';

export interface HealthReport {
  status: 'ok';
  database: 'ok';
  version: string;
  schemaVersion: number;
}

/** Asks the store to answer; any failure becomes DATABASE_UNAVAILABLE (503). */
export async function checkHealth(deps: {
  probe: HealthProbe;
  version: string;
}): Promise<HealthReport> {
  try {
    const { schemaVersion } = await deps.probe.check();
    return { status: 'ok', database: 'ok', version: deps.version, schemaVersion };
  } catch (e) {
    if (isAppError(e)) throw e;
    throw databaseUnavailable(e);
  }
}
