/**
 * The real process: `tsx mock-server/src/main.ts`, as `npm run server` starts it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PostgresSqlDb } from '../../mock-server/src/adapters/sql';
import { CURRENT_CATALOGUE } from '../../mock-server/src/adapters/seed';
import { createTestDatabase } from '../support/postgres';
import { tempDir } from './support/registry';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = 'mock-server/src/main.ts';
const SEED_CLI = 'mock-server/src/seed-cli.ts';
const LINE = /^掌上不动产 registry listening at (http:\/\/127\.0\.0\.1:(\d+)\/)$/;

jest.setTimeout(60_000);

/** A minimal environment, so the developer's own PORT or DATABASE_PATH cannot leak in. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...extra };
  // types/global.d.ts declares the app's TARO_ENV as always present; the server does not use it
  return env as unknown as NodeJS.ProcessEnv;
}

/** The server as a child process: the URL of its one stdout line, and how to stop it. */
function startServer(env: Record<string, string>) {
  const child: ChildProcess = spawn(TSX, [MAIN], {
    cwd: ROOT,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no listening line; stderr: ${stderr}`)),
      30_000,
    );
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = LINE.exec(stdout.split('\n')[0]);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', () => reject(new Error(`exited early; stderr: ${stderr}`)));
  });
  return {
    listening,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

describe('main.ts as a real process', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('registry-process-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['PORT', 'abc'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_ON_EMPTY', 'maybe'],
  ])('exits 1 with a message naming %s=%s and no stack trace', (variable, value) => {
    const r = spawnSync(TSX, [MAIN], {
      cwd: ROOT,
      env: baseEnv({ [variable]: value, DATABASE_PATH: path.join(dir, 'never.sqlite') }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${variable} `);
    expect(r.stderr).toContain(`"${value}"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(dir, 'never.sqlite'))).toBe(false);
  });

  it('runs on PostgreSQL with DATABASE_URL: migrates, seeds, and completes a request that writes', async () => {
    const pg = await createTestDatabase();
    const file = path.join(dir, 'not-with-postgres.sqlite');
    const node = startServer({
      DATABASE_URL: pg.url,
      DATABASE_PATH: file,
      PORT: '0',
      STATIC_DIR: path.join(dir, 'none'),
      LOG_LEVEL: 'info',
    });
    const db = PostgresSqlDb.open({ connectionString: pg.url, max: 1 });
    try {
      const url = await node.listening;
      const health = await fetch(`${url}healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
      // a demo staff member signs in: the session is written to PostgreSQL
      const login = await fetch(`${url}api/v1/staff/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'wangfang', password: 'Taizhou-staff-2026' }),
      });
      expect(login.status).toBe(200);
      const sessions = await db.get<{ n: number }>('SELECT count(*) AS n FROM staff_sessions');
      expect(Number(sessions?.n)).toBe(1);
      const units = await db.get<{ n: number }>('SELECT count(*) AS n FROM units');
      expect(Number(units?.n)).toBe(66);
      // nothing on the SQLite side: no file, no blob folder
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.existsSync(path.join(dir, 'blobs'))).toBe(false);

      const { code, signal } = await node.stop();
      expect(signal).toBeNull();
      expect(code).toBe(0);
      expect(node.stderr()).toContain('"msg":"stopped"');
    } finally {
      node.kill();
      await db.close();
      await pg.drop();
    }
  });

  it('starts on an ephemeral port, prints one line, serves /healthz, and exits 0 on SIGTERM', async () => {
    const db = path.join(dir, 'data', 'registry.sqlite');
    const child: ChildProcess = spawn(TSX, [MAIN], {
      cwd: ROOT,
      env: baseEnv({
        PORT: '0',
        DATABASE_PATH: db,
        STATIC_DIR: path.join(dir, 'none'),
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no listening line; stderr: ${stderr}`)),
          30_000,
        );
        child.stdout!.on('data', (c: Buffer) => {
          stdout += c.toString();
          const m = LINE.exec(stdout.split('\n')[0]);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on('exit', () => reject(new Error(`exited early; stderr: ${stderr}`)));
      });
      expect(Number(LINE.exec(stdout.trim())![2])).toBeGreaterThan(0);

      const res = await fetch(`${url}healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
      expect(res.headers.get('x-request-id')).toBeTruthy();
      const catalogue = await fetch(`${url}api/v1/catalogue`);
      expect(((await catalogue.json()) as { items: unknown[] }).items).toHaveLength(
        CURRENT_CATALOGUE.businessTypes.length,
      );
      expect(fs.existsSync(db)).toBe(true);

      child.kill('SIGTERM');
      const { code, signal } = await exited;
      expect(signal).toBeNull();
      expect(code).toBe(0);
      // exactly one line on stdout, logs (JSON) on stderr, personal data never logged
      expect(stdout.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toContain('"msg":"stopped"');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

describe('seed-cli', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('registry-seed-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], db: string) =>
    spawnSync(TSX, [SEED_CLI, ...args], {
      cwd: ROOT,
      env: baseEnv({ DATABASE_PATH: db }),
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('creates a database, refuses to wipe it without --force, and recreates it with --force', () => {
    const db = path.join(dir, 'seeded', 'registry.sqlite');
    const first = run([], db);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/66 个不动产单元/);

    const refused = run([], db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--force');

    const forced = run(['--force', '--seed', '7'], db);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('种子 7');
  });

  it('prints the personas document that docs/personas.md holds', () => {
    const r = run(['--personas'], path.join(dir, 'unused.sqlite'));
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('# 演示人物与不动产')).toBe(true);
    expect(fs.existsSync(path.join(dir, 'unused.sqlite'))).toBe(false);
    const committed = fs.readFileSync(path.join(ROOT, 'docs/personas.md'), 'utf8');
    expect(committed).toBe(r.stdout);
  });
});
