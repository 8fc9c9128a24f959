import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegistry, createApp, type Registry } from '../../../mock-server/src/bootstrap';
import { loadConfig, type Config } from '../../../mock-server/src/config';
import { createLogger } from '../../../mock-server/src/logger';

export function tempDir(prefix = 'registry-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Harness {
  dir: string;
  config: Config;
  registry: Registry;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/**
 * A real SQLite file in a fresh temp folder, migrated and seeded, and the Fastify app on it.
 * `setup` may prepare files in the folder first and return more environment variables.
 */
export function startHarness(
  env: Record<string, string> = {},
  setup?: (dir: string) => Record<string, string>,
): Harness {
  const dir = tempDir();
  const extra = setup ? setup(dir) : {};
  const config = loadConfig(
    {
      DATABASE_PATH: path.join(dir, 'data', 'registry.sqlite'),
      STATIC_DIR: path.join(dir, 'no-such-dir'),
      LOG_LEVEL: 'silent',
      ...env,
      ...extra,
    },
    dir,
  );
  const logger = createLogger('silent');
  const registry = openRegistry(config, logger);
  const app = createApp(config, registry, logger);
  return {
    dir,
    config,
    registry,
    app,
    async close() {
      await app.close();
      if (registry.db.open) registry.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
