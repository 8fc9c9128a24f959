/**
 * jest globalTeardown of the server projects: removes this run's seeded templates
 * (tests/server/support/seeded.ts; on a PostgreSQL server of TEST_DATABASE_URL their databases
 * too, the private cluster goes as a whole) and stops the private PostgreSQL cluster.
 */
import { removeSeededTemplates } from '../server/support/seeded';
import { privateClusterRunning, stopPrivateCluster } from './postgres';

export default async function globalTeardown(): Promise<void> {
  try {
    await removeSeededTemplates({
      postgres: !privateClusterRunning() && Boolean(process.env.TEST_DATABASE_URL),
    });
  } finally {
    await stopPrivateCluster();
  }
}
