/**
 * PostgreSQL for the server tests: each test file gets its own fresh database on a loopback
 * server, so files running in parallel never see each other's rows.
 *
 * The server: TEST_DATABASE_URL when set (CI: .ci/run starts Debian's cluster and creates a role
 * that may create databases), else ONE private cluster for the whole jest run, started by the
 * server project's globalSetup (postgres-global-setup.ts) in a temp folder on a free port,
 * listening on 127.0.0.1 only, and stopped by its globalTeardown. initdb runs once per machine:
 * later runs copy the initialised folder (≈ 1 s to start instead of ≈ 6 s).
 *
 * PostgreSQL missing is a FAILURE of the tests that need it, with the command that fixes it —
 * never a skip: a green run must mean both databases were tested.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const POSTGRES_MISSING =
  '未找到 PostgreSQL：这些测试需要 PostgreSQL 15。请安装：apt-get install -y postgresql' +
  '（或设置 TEST_DATABASE_URL 指向一个允许建库的 PostgreSQL）。\n' +
  'PostgreSQL is not installed: these tests need PostgreSQL 15. Install it with ' +
  '`apt-get install -y postgresql` (or set TEST_DATABASE_URL to a PostgreSQL server where ' +
  'the user may create databases).';

/** Set by globalSetup when the private cluster could not be started: why. */
const UNAVAILABLE_ENV = 'TEST_POSTGRES_UNAVAILABLE';
const RUN_PREFIX = 'handheld-estate-pg-run-';

export interface TestDatabase {
  /** postgres:// URL of a fresh, empty database with the C collation */
  url: string;
  name: string;
  /** drops the database (closing any connection still open to it) */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  throw new Error(process.env[UNAVAILABLE_ENV] || POSTGRES_MISSING);
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file (or one test that needs an untouched one), with the C
 * collation the registry requires. `locale` adds CREATE DATABASE options (tests of the refusal).
 */
export async function createTestDatabase(
  opts: { locale?: string; name?: string } = {},
): Promise<TestDatabase> {
  const name = opts.name ?? `registry_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin((c) =>
    c.query(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' ${opts.locale ?? ''}`,
    ),
  );
  return testDatabase(name);
}

function testDatabase(name: string): TestDatabase {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => asAdmin((c) => dropDatabase(c, name)),
  };
}

/** SQLSTATE 3D000: no such database */
const NO_SUCH_DATABASE = '3D000';

/**
 * A fresh database as a copy of `template` (CREATE DATABASE … TEMPLATE: a file copy on the
 * server, no SQL replayed); undefined when there is no such template yet. Nobody may be
 * connected to the template meanwhile: the caller builds it, closes it and only then copies.
 */
export async function copyTestDatabase(template: string): Promise<TestDatabase | undefined> {
  const name = `registry_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await asAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  } catch (e) {
    if ((e as { code?: string }).code === NO_SUCH_DATABASE) return undefined;
    throw e;
  }
  return testDatabase(name);
}

/**
 * Renames a database (closed by its builder) to `to`; false when `to` exists already (the
 * database is then dropped: someone else built the same one first).
 */
export async function renameTestDatabase(from: string, to: string): Promise<boolean> {
  return asAdmin(async (c) => {
    try {
      await c.query(`ALTER DATABASE ${from} RENAME TO ${to}`);
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== DUPLICATE_DATABASE) throw e;
      await dropDatabase(c, from);
      return false;
    }
  });
}

/** SQLSTATE 42P04: the database exists */
const DUPLICATE_DATABASE = '42P04';

/** Drops every database whose name starts with `prefix` (the templates of a finished run). */
export async function dropTestDatabases(prefix: string): Promise<void> {
  await asAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const r of rows) await dropDatabase(c, r.datname);
  });
}

/** SQLSTATE 55006: the database is being accessed by other users */
const OBJECT_IN_USE = '55006';

/**
 * Drops a test database, closing the test's own connections still open to it. Not `WITH (FORCE)`:
 * that also tries to terminate the server's autovacuum workers, which a role without
 * pg_signal_backend may not (CI's role is not a superuser); a plain DROP stops those itself. A
 * connection that opens meanwhile (a pool closing late) is closed and the drop asked again.
 */
async function dropDatabase(c: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await c.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      [name],
    );
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== OBJECT_IN_USE || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** beforeAll: a fresh database; afterAll: dropped. Read `.url` inside tests and hooks. */
export function usePostgresDatabase(): { readonly url: string } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  return {
    get url() {
      if (!db) throw new Error('the test database is created in beforeAll');
      return db.url;
    },
  };
}

// ---- the private cluster (globalSetup / globalTeardown of the jest server project) ----------

interface Cluster {
  dir: string;
  bin: string;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary; as root through `runuser -u postgres` (initdb refuses root). */
function pgTool(bin: string, tool: string, args: string[]): void {
  const file = path.join(bin, tool);
  const [cmd, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', file, ...args]]
    : [file, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    throw new Error(`${tool} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error}`);
  }
}

function findBinaries(): string | undefined {
  const candidates = [process.env.PG_BINDIR, '/usr/lib/postgresql/15/bin'];
  try {
    for (const v of fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))) {
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
    }
  } catch {
    // no Debian PostgreSQL folder
  }
  return candidates.find((d) => d && fs.existsSync(path.join(d, 'initdb')));
}

function chownToPostgres(p: string): void {
  if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', p]);
}

/** The initialised data folder, made once per machine and PostgreSQL version. */
function template(bin: string): string {
  const version = path.basename(path.dirname(bin));
  const dir = path.join(os.tmpdir(), `handheld-estate-pg-template-${version}`);
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return dir;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'handheld-estate-pg-initdb-'));
  chownToPostgres(work);
  const data = path.join(work, 'data');
  pgTool(bin, 'initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--locale=C',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  try {
    fs.renameSync(data, dir);
  } catch {
    // another run made it meanwhile
  }
  fs.rmSync(work, { recursive: true, force: true });
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Clusters left behind by interrupted runs (their jest process is gone) are stopped. */
function removeOrphans(bin: string): void {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith(RUN_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), entry);
    try {
      const ownerFile = path.join(dir, 'owner.pid');
      if (!fs.existsSync(ownerFile)) {
        // being set up right now by another run, or a leftover of a very early failure
        if (Date.now() - fs.statSync(dir).mtimeMs < 10 * 60_000) continue;
      } else if (alive(Number(fs.readFileSync(ownerFile, 'utf8').trim()))) {
        continue;
      }
      try {
        pgTool(bin, 'pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort: another run may be cleaning the same folder
    }
  }
}

/** Where the running cluster is, for globalTeardown (kept in the environment of jest's process). */
const CLUSTER_ENV = 'TEST_POSTGRES_CLUSTER';

/**
 * This jest run, for what the test workers keep between test files (support/seeded.ts: the
 * seeded registry each worker copies): jest's own process id, inherited by the workers.
 */
export const RUN_ID_ENV = 'TEST_RUN_ID';

export async function startPrivateCluster(): Promise<void> {
  process.env[RUN_ID_ENV] ||= String(process.pid);
  if (process.env.TEST_DATABASE_URL) return;
  const bin = findBinaries();
  if (!bin) {
    process.env[UNAVAILABLE_ENV] = POSTGRES_MISSING;
    return;
  }
  const started = Date.now();
  try {
    removeOrphans(bin);
    const tpl = template(bin);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_PREFIX));
    fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
    execFileSync('cp', ['-a', tpl, path.join(dir, 'data')]);
    chownToPostgres(dir);
    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      try {
        pgTool(bin, 'pg_ctl', [
          '-D',
          path.join(dir, 'data'),
          '-l',
          path.join(dir, 'server.log'),
          '-w',
          '-t',
          '60',
          '-o',
          [
            `-p ${port}`,
            `-k ${dir}`,
            '-c listen_addresses=127.0.0.1',
            '-c max_connections=200',
            // a throwaway cluster: durability is not what these tests measure
            '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
          ].join(' '),
          'start',
        ]);
        break;
      } catch (e) {
        if (attempt >= 2) throw e; // the port may have been taken in between: one more try
      }
    }
    process.env[CLUSTER_ENV] = JSON.stringify({ dir, bin } satisfies Cluster);
    process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
    process.env.TEST_POSTGRES_STARTUP_MS = String(Date.now() - started);
  } catch (e) {
    process.env[UNAVAILABLE_ENV] =
      `PostgreSQL 测试集群启动失败 / the private PostgreSQL cluster did not start: ${(e as Error).message}`;
  }
}

/** Whether this run started the private cluster (it is removed as a whole when stopped). */
export const privateClusterRunning = (): boolean => Boolean(process.env[CLUSTER_ENV]);

export async function stopPrivateCluster(): Promise<void> {
  const raw = process.env[CLUSTER_ENV];
  if (!raw) return;
  delete process.env[CLUSTER_ENV];
  delete process.env.TEST_DATABASE_URL; // it pointed at this cluster (watch mode starts another)
  const { dir, bin } = JSON.parse(raw) as Cluster;
  try {
    pgTool(bin, 'pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
