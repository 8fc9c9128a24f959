/**
 * The SqlDb port on the embedded SQLite file (better-sqlite3): one connection, opened with the
 * registry's pragmas (WAL, synchronous=FULL, foreign keys). better-sqlite3 is synchronous; this
 * adapter makes the connection usable by async code without ever mixing two callers' work:
 *
 * - An async mutex gives the connection to one transaction at a time (BEGIN IMMEDIATE … COMMIT
 *   or ROLLBACK), for as long as its callback takes, awaits included.
 * - A query from outside the running transaction's async context waits for it: it never runs
 *   inside someone else's transaction and never sees rows that may still be rolled back.
 * - A write outside any transaction is its own small transaction, in turn.
 * - Another connection (another process) holding the write lock: BEGIN IMMEDIATE is retried
 *   asynchronously until the busy timeout, so the event loop is never blocked waiting for it;
 *   past the timeout the caller gets DATABASE_UNAVAILABLE (503).
 */
import type Database from 'better-sqlite3';
import { databaseUnavailable } from '../../domain/errors';
import { openDatabase, type Db } from '../sqlite/database';
import { AsyncMutex } from './mutex';
import { countPlaceholders } from './placeholders';
import { ScopeTracker, type Scope } from './scope';
import type { RunResult, SqlDb, SqlParams, TransactionOptions } from './types';

export interface SqliteSqlDbOptions {
  /** how long to keep trying for the write lock another connection holds (default 5000 ms) */
  busyTimeoutMs?: number;
}

type SqliteScope = Scope;

const STATEMENT_CACHE_LIMIT = 500;
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|NOTADB|CORRUPT|FULL)/;

/** What every handle of one connection shares. */
class Connection {
  readonly scopes = new ScopeTracker<SqliteScope>();
  readonly turn = new AsyncMutex();
  private readonly statements = new Map<string, Database.Statement>();
  /** told after each write transaction commits (SqliteSqlDb.onCommit) */
  readonly commitListeners = new Set<() => void>();
  closed = false;

  constructor(
    readonly db: Db,
    readonly busyTimeoutMs: number,
  ) {}

  statement(sql: string, params: SqlParams): Database.Statement {
    if (this.closed) throw databaseUnavailable(new Error('SQLite handle is closed'));
    const expected = countPlaceholders(sql);
    if (expected !== params.length) {
      throw new RangeError(`SQL 参数个数不符：${expected} placeholders, ${params.length} values`);
    }
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** BEGIN, trying again (without blocking the event loop) while another connection writes */
  async begin(readOnly: boolean): Promise<void> {
    if (readOnly) {
      this.db.exec('BEGIN DEFERRED');
      this.db.pragma('query_only = ON');
      return;
    }
    const deadline = Date.now() + this.busyTimeoutMs;
    let pause = 1;
    this.db.pragma('busy_timeout = 0');
    try {
      for (;;) {
        try {
          this.db.exec('BEGIN IMMEDIATE');
          return;
        } catch (e) {
          if (!isBusy(e) || Date.now() >= deadline) throw e;
        }
        await new Promise((r) => setTimeout(r, pause));
        pause = Math.min(pause * 2, 25);
      }
    } finally {
      this.db.pragma(`busy_timeout = ${Math.trunc(this.busyTimeoutMs)}`);
    }
  }

  end(commit: boolean, readOnly: boolean): void {
    try {
      if (commit) this.db.exec('COMMIT');
      else if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      if (readOnly) this.db.pragma('query_only = OFF');
    }
  }
}

export class SqliteSqlDb implements SqlDb {
  readonly dialect = 'sqlite' as const;

  private constructor(
    private readonly conn: Connection,
    /** set on the `tx` handle given to a transaction callback */
    private readonly bound?: SqliteScope,
  ) {}

  /** Opens (creating if needed) the file with the registry's pragmas. */
  static open(file: string, opts: SqliteSqlDbOptions = {}): SqliteSqlDb {
    const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
    return SqliteSqlDb.wrap(openDatabase(file, { busyTimeoutMs }), { busyTimeoutMs });
  }

  /** Wraps an open better-sqlite3 connection; the handle owns it from now on. */
  static wrap(db: Db, opts: SqliteSqlDbOptions = {}): SqliteSqlDb {
    return new SqliteSqlDb(new Connection(db, opts.busyTimeoutMs ?? 5000));
  }

  all<T = Record<string, unknown>>(sql: string, params: SqlParams = []): Promise<T[]> {
    return this.use(sql, params, (stmt, values) => {
      if (!stmt.reader) {
        stmt.run(...values);
        return [];
      }
      return stmt.all(...values) as T[];
    });
  }

  get<T = Record<string, unknown>>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return this.use(sql, params, (stmt, values) => {
      if (!stmt.reader) {
        stmt.run(...values);
        return undefined;
      }
      return stmt.get(...values) as T | undefined;
    });
  }

  run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return this.use(sql, params, (stmt, values) => ({ changes: stmt.run(...values).changes }));
  }

  async exec(sql: string): Promise<void> {
    const scope = this.conn.scopes.active(this.bound);
    const run = () => {
      guard(() => this.conn.db.exec(sql));
    };
    if (scope) return run();
    return this.transaction(async () => run());
  }

  async transaction<T>(fn: (tx: SqlDb) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    const outer = this.conn.scopes.active(this.bound);
    if (outer) return this.savepoint(outer, fn);
    if (this.conn.closed) throw databaseUnavailable(new Error('SQLite handle is closed'));
    const readOnly = opts.readOnly === true;
    return this.conn.turn.run(async () => {
      await guardAsync(() => this.conn.begin(readOnly));
      const scope: SqliteScope = { done: false, nested: new AsyncMutex() };
      try {
        const result = await this.conn.scopes.run(scope, () =>
          fn(new SqliteSqlDb(this.conn, scope)),
        );
        scope.done = true;
        guard(() => this.conn.end(true, readOnly));
        if (!readOnly) for (const listener of this.conn.commitListeners) listener();
        return result;
      } catch (e) {
        scope.done = true;
        guard(() => this.conn.end(false, readOnly));
        throw e;
      }
    });
  }

  /**
   * `listener` is called after every write transaction of this connection commits (one process:
   * the file has one writing node), outside any transaction; it must not throw and should only
   * schedule work. Returns the unsubscribe. The case feed's in-process notifier is built on it.
   */
  onCommit(listener: () => void): () => void {
    this.conn.commitListeners.add(listener);
    return () => this.conn.commitListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.bound) throw new Error('close() belongs to the root handle, not to a transaction');
    if (this.conn.closed) return;
    await this.conn.turn.run(() => {
      this.conn.closed = true;
      this.conn.db.close();
    });
  }

  /** A nested transaction: a SAVEPOINT on the same connection, one at a time per scope. */
  private savepoint<T>(outer: SqliteScope, fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    return outer.nested.run(async () => {
      const name = this.conn.scopes.savepointName();
      guard(() => this.conn.db.exec(`SAVEPOINT ${name}`));
      const scope: SqliteScope = { done: false, parent: outer, nested: new AsyncMutex() };
      try {
        const result = await this.conn.scopes.run(scope, () =>
          fn(new SqliteSqlDb(this.conn, scope)),
        );
        scope.done = true;
        guard(() => this.conn.db.exec(`RELEASE ${name}`));
        return result;
      } catch (e) {
        scope.done = true;
        guard(() => this.conn.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`));
        throw e;
      }
    });
  }

  /**
   * Runs one statement: at once inside the caller's transaction; otherwise, for a read, when no
   * transaction holds the connection (waiting for its turn if one does), and for a write, as a
   * transaction of its own.
   */
  private async use<T>(
    sql: string,
    params: SqlParams,
    work: (stmt: Database.Statement, values: unknown[]) => T,
  ): Promise<T> {
    const values = params.map(toSqliteValue);
    const scope = this.conn.scopes.active(this.bound);
    if (scope) return guard(() => work(this.conn.statement(sql, params), values));
    const stmt = guard(() => this.conn.statement(sql, params));
    if (!stmt.readonly) return this.transaction(async () => guard(() => work(stmt, values)));
    if (!this.conn.turn.isLocked) return guard(() => work(stmt, values));
    return this.conn.turn.run(() => guard(() => work(stmt, values)));
  }
}

function toSqliteValue(v: SqlParams[number]): unknown {
  if (v !== null && typeof v === 'object' && ArrayBuffer.isView(v) && !Buffer.isBuffer(v)) {
    return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return v;
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_BUSY' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'));
}

/** The database itself failing (busy past the timeout, I/O, closed) → DATABASE_UNAVAILABLE. */
function mapError(e: unknown): unknown {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return databaseUnavailable(e);
  const message = (e as { message?: unknown })?.message;
  if (typeof message === 'string' && /database connection is not open/.test(message)) {
    return databaseUnavailable(e);
  }
  return e;
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw mapError(e);
  }
}

async function guardAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapError(e);
  }
}
