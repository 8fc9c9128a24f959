/**
 * The server under test: a registry on a fresh database, migrated and seeded, and the Fastify
 * app on it, as main.ts builds them.
 *
 * Which database: the SQLite file in a temp folder (the default), or, with
 * TEST_REGISTRY_DB=postgres (the jest project `server-pg`), a fresh PostgreSQL database of
 * its own on the test server (tests/support/postgres.ts), dropped on close. The same tests then
 * show that every use case behaves the same on both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  openRegistry,
  createApp,
  type Registry,
  type RegistryApp,
} from '../../../mock-server/src/bootstrap';
import { loadConfig, type Config } from '../../../mock-server/src/config';
import { createLogger } from '../../../mock-server/src/logger';
import { createTestDatabase } from '../../support/postgres';
import { copySeededPostgres, copySeededSqlite } from './seeded';

export function tempDir(prefix = 'registry-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The database the server tests run the registry on (TEST_REGISTRY_DB=postgres: PostgreSQL). */
export const REGISTRY_DB: 'sqlite' | 'postgres' =
  process.env.TEST_REGISTRY_DB === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = REGISTRY_DB === 'postgres';

/** A fresh store for one registry: the environment that selects it, and how to remove it. */
export interface TestStore {
  env: Record<string, string>;
  /** after the registry is closed: drops the PostgreSQL database (the folder goes with `dir`) */
  drop(): Promise<void>;
}

/**
 * The store of a test registry: the SQLite file at `file` (in the test's temp folder) or, on
 * PostgreSQL, a fresh database (DATABASE_PATH is still given: the config requires it, nothing
 * is written there). `seeded`: already migrated and seeded, a copy of this worker's seeded
 * registry (support/seeded.ts), for a harness whose registry seeds the demo data anyway.
 */
export async function testStore(file: string, opts: { seeded?: boolean } = {}): Promise<TestStore> {
  if (!onPostgres) {
    if (opts.seeded) await copySeededSqlite(file);
    return { env: { DATABASE_PATH: file }, drop: async () => undefined };
  }
  const db = (opts.seeded && (await copySeededPostgres())) || (await createTestDatabase());
  return { env: { DATABASE_PATH: file, DATABASE_URL: db.url }, drop: () => db.drop() };
}

/**
 * scrypt's cost of the demo staff's password hashes in the harnesses (demo mode may lower it:
 * config.ts): four hashes at the production cost took ≈ 1 s of every registry's start on a busy
 * machine. staff.test.ts starts its registry at the production cost and checks it.
 */
export const TEST_PASSWORD_SCRYPT_COST = '1024';

/**
 * The environment of a harness's registry, on a store of its own: a copy of the seeded registry
 * when the registry would seed the demo data on its empty store anyway (demo mode, the database
 * not chosen by the test), else an empty store. `env` wins over the defaults given here.
 */
export async function harnessStore(
  dir: string,
  file: string,
  env: Record<string, string>,
): Promise<{ store: TestStore; config: Config }> {
  const seedsDemoData =
    !('DATABASE_PATH' in env) &&
    !('DATABASE_URL' in env) &&
    !fs.existsSync(file) &&
    loadConfig({ DEMO: 'true', DATABASE_PATH: file, ...env }, dir).seedOnEmpty;
  const store = await testStore(file, { seeded: seedsDemoData });
  const config = loadConfig(
    { DEMO: 'true', PASSWORD_SCRYPT_COST: TEST_PASSWORD_SCRYPT_COST, ...store.env, ...env },
    dir,
  );
  return { store, config };
}

export interface Harness {
  dir: string;
  config: Config;
  registry: Registry;
  app: RegistryApp;
  close(): Promise<void>;
}

/**
 * A registry on a fresh store (SQLite file in a fresh temp folder, or PostgreSQL), migrated and
 * seeded, and the Fastify app on it. `setup` may prepare files in the folder first and return
 * more environment variables.
 */
export async function startHarness(
  env: Record<string, string> = {},
  setup?: (dir: string) => Record<string, string>,
): Promise<Harness> {
  const dir = tempDir();
  const extra = setup ? setup(dir) : {};
  // demo mode (harnessStore): the simulators of the outside parties and the seeded demo register
  const { store, config } = await harnessStore(dir, path.join(dir, 'data', 'registry.sqlite'), {
    STATIC_DIR: path.join(dir, 'no-such-dir'),
    LOG_LEVEL: 'silent',
    ...env,
    ...extra,
  });
  const logger = createLogger('silent');
  const registry = await openRegistry(config, logger);
  const app = await createApp(config, registry, logger);
  return {
    dir,
    config,
    registry,
    app,
    async close() {
      await app.close();
      await registry.close();
      await store.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
