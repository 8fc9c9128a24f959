import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';
import { MigrationError } from '../sql/migrationError';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** milliseconds to wait on a locked database (default 5000) */
  busyTimeoutMs?: number;
}

/**
 * The SQLite file and its WAL and shared-memory files readable by the server's own user only
 * (0600): they hold every person's data. A new file is created so; an older, wider one is
 * narrowed. SQLite gives the -wal and -shm files the database file's permissions.
 */
function ownerOnly(file: string): void {
  if (process.platform === 'win32') return;
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch {
      // not there (yet)
    }
  }
}

/**
 * Opens (creating its folder if needed) the SQLite file: WAL journal, synchronous=FULL so an
 * acknowledged write survives power loss, foreign keys on, a busy timeout; the file 0600.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    ownerOnly(file);
  }
  const db = new Database(file, { timeout: opts.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? 5000)}`);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export { MigrationError };

/**
 * Applies pending migrations, each in its own IMMEDIATE transaction together with its row in
 * schema_migrations. Returns the versions applied now (empty when up to date). Refuses a
 * database that is newer than this code or whose applied names differ.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const m = known.get(row.version);
    if (!m) {
      throw new MigrationError(
        `database has schema version ${row.version}, which this server does not know (newer code?)`,
      );
    }
    if (m.name !== row.name) {
      throw new MigrationError(
        `migration ${row.version} is "${row.name}" in the database, "${m.name}" in code`,
      );
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const now: number[] = [];
  const insert = db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
  );
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    const ran = db
      .transaction(() => {
        // another process may have applied it while we waited for the write lock
        if (isApplied.get(m.version)) return false;
        db.exec(m.sql);
        insert.run(m.version, m.name);
        return true;
      })
      .immediate();
    if (ran) now.push(m.version);
  }
  return now;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}
