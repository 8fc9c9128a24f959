/**
 * Starts the registry server. stdout carries exactly one line once listening:
 *   掌上不动产 registry listening at http://HOST:PORT/
 * (end-to-end tests parse it to learn the port when PORT=0); logs go to stderr.
 */
import { baseUrl, ConfigError, loadConfig, type Config } from './config';
import { createApp, openRegistry } from './bootstrap';
import { createLogger } from './logger';

const LISTENING_LINE_PREFIX = '掌上不动产 registry listening at ';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`配置错误 / configuration error: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }

  const logger = createLogger(config.logLevel);
  // PostgreSQL at DATABASE_URL, else the SQLite file at DATABASE_PATH (bootstrap.ts)
  const registry = await openRegistry(config, logger);
  const app = await createApp(config, registry, logger);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app
      .close()
      .then(() => registry.close())
      .then(() => {
        logger.info('stopped');
        logger.flush();
        process.exitCode = 0;
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`${LISTENING_LINE_PREFIX}${baseUrl(config.host, port)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `启动失败 / failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
