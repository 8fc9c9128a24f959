/**
 * The seeded registry the server test harnesses start from: what `openRegistry` makes of an
 * empty database in demo mode (every migration applied, the catalogue published, the demo
 * register seeded) is the same for every harness, so each jest worker makes it ONCE and every
 * harness gets a copy: the SQLite file copied, or on PostgreSQL `CREATE DATABASE … TEMPLATE`.
 * `openRegistry` then finds nothing to do, exactly as on a node's second start; everything that
 * depends on the harness (its key files, its clock, the staff accounts, the archive's catch-up)
 * is still made by `createApp` on the copy.
 *
 * One template per jest run and worker (named after both: a worker runs its test files one
 * after another, so nobody is connected to it while it is copied), made by the first harness
 * that needs it, removed by the run's globalTeardown (tests/support/postgres-global-teardown.ts).
 * Outside a jest run with that globalSetup (no TEST_RUN_ID) every harness seeds its own.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegistry } from '../../../mock-server/src/bootstrap';
import {
  copyTestDatabase,
  createTestDatabase,
  dropTestDatabases,
  renameTestDatabase,
  RUN_ID_ENV,
  type TestDatabase,
} from '../../support/postgres';

const SQLITE_PREFIX = 'handheld-estate-seeded-';
const POSTGRES_PREFIX = 'registry_seeded_';

const runId = (): string | undefined => {
  const id = process.env[RUN_ID_ENV];
  return id && /^\d+$/.test(id) ? id : undefined;
};
const worker = () => (process.env.JEST_WORKER_ID ?? '0').replace(/\D/g, '') || '0';

/** Whether harnesses copy a template in this process (inside a jest run of the server tests). */
export const seededTemplatesAvailable = (): boolean => runId() !== undefined;

// ------------------------------------------------------------------------------ SQLite

const sqliteTemplate = (id: string) =>
  path.join(os.tmpdir(), `${SQLITE_PREFIX}${id}-${worker()}.sqlite`);

async function buildSqliteTemplate(file: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-seeding-'));
  try {
    const building = path.join(dir, 'registry.sqlite');
    const registry = await openRegistry({ databasePath: building, seedOnEmpty: true });
    await registry.close();
    // closing the last connection checkpoints the WAL into the file and removes it: the file
    // alone is the whole database
    if (fs.existsSync(`${building}-wal`) && fs.statSync(`${building}-wal`).size > 0) {
      throw new Error(`the seeded SQLite file still has a write-ahead log: ${building}-wal`);
    }
    fs.renameSync(building, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Puts a copy of the seeded SQLite file at `file` (its folder made 0700 as the server would,
 * the file 0600 as the template). False outside a jest run: the harness seeds its own.
 */
export async function copySeededSqlite(file: string): Promise<boolean> {
  const id = runId();
  if (!id) return false;
  const template = sqliteTemplate(id);
  if (!fs.existsSync(template)) await buildSqliteTemplate(template);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.copyFileSync(template, file, fs.constants.COPYFILE_EXCL);
  return true;
}

// ------------------------------------------------------------------------------ PostgreSQL

let building: Promise<void> | undefined;

async function buildPostgresTemplate(name: string): Promise<void> {
  const db: TestDatabase = await createTestDatabase({
    name: `${name}_b${randomBytes(3).toString('hex')}`,
  });
  try {
    const registry = await openRegistry({
      databasePath: path.join(os.tmpdir(), 'unused.sqlite'),
      databaseUrl: db.url,
      seedOnEmpty: true,
    });
    await registry.close();
  } catch (e) {
    await db.drop();
    throw e;
  }
  await renameTestDatabase(db.name, name);
}

/**
 * A fresh PostgreSQL database holding the seeded registry, or undefined outside a jest run
 * (the harness then creates an empty one and seeds it).
 */
export async function copySeededPostgres(): Promise<TestDatabase | undefined> {
  const id = runId();
  if (!id) return undefined;
  const template = `${POSTGRES_PREFIX}${id}_${worker()}`;
  for (let attempt = 1; ; attempt += 1) {
    // one harness builds it while the others of this test file wait
    if (building) await building;
    const copy = await copyTestDatabase(template);
    if (copy || attempt > 1) {
      if (!copy) throw new Error(`the seeded template database ${template} was not made`);
      return copy;
    }
    building ??= buildPostgresTemplate(template).finally(() => {
      building = undefined;
    });
  }
}

// ------------------------------------------------------------------------------ cleanup

/** globalTeardown: the templates of this run (the SQLite files; the databases, when asked). */
export async function removeSeededTemplates(opts: { postgres: boolean }): Promise<void> {
  const id = runId();
  if (!id) return;
  for (const f of fs.readdirSync(os.tmpdir())) {
    if (f.startsWith(`${SQLITE_PREFIX}${id}-`)) {
      fs.rmSync(path.join(os.tmpdir(), f), { force: true });
    }
  }
  if (opts.postgres) await dropTestDatabases(`${POSTGRES_PREFIX}${id}_`);
}
