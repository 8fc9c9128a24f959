/** Start-up steps that must not stop a node from starting while the database is unavailable. */
import type { Logger } from 'pino';
import { AppError } from '../domain/errors';

/**
 * Runs a start-up step; when the database is unavailable the node still starts (it answers 503
 * until the database is back) and the step runs again at the next start. Other errors stop it.
 */
export async function unlessDatabaseUnavailable(
  logger: Logger,
  what: string,
  step: () => Promise<unknown>,
): Promise<void> {
  try {
    await step();
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'DATABASE_UNAVAILABLE')) throw e;
    logger.error({ err: e }, `${what}: the database is unavailable`);
  }
}
