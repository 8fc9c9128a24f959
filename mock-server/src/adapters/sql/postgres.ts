/**
 * The SqlDb port on PostgreSQL (`pg` pool). Several stateless registry nodes may share one
 * database; this adapter gives them the guarantees the embedded file's single writer gives one
 * process:
 *
 * - Write transactions are serialised registry-wide: the first statement after BEGIN takes the
 *   transaction-scoped advisory lock REGISTRY_LOCK_KEY (released by COMMIT/ROLLBACK, also when a
 *   node dies and its connection drops). Under READ COMMITTED every later statement then sees
 *   everything committed before: a case is recorded exactly once, serials continue without gaps
 *   or duplicates, logs append in one order. Within one node such transactions first queue on
 *   an in-process mutex, so waiting for the lock costs one connection, not the whole pool.
 *   `lockKeys` takes the registry lock SHARED plus one exclusive lock per key instead, for finer
 *   locking once a repository is ready for it.
 * - Read-only transactions take no lock and read one snapshot (REPEATABLE READ READ ONLY).
 * - A serialization failure or deadlock (40001 / 40P01) runs the whole callback again, at most
 *   MAX_ATTEMPTS times in all (see SqlDb.transaction: the callback must be database work only).
 * - Lost or refused connections (network errors, SQLSTATE class 08, server shutting down, too
 *   many connections, pool wait timed out) become DATABASE_UNAVAILABLE (503).
 *
 * Values: INTEGER columns are BIGINT here and int8/numeric come back as JavaScript numbers when
 * they fit exactly (Number.isSafeInteger) and as BigInt when they do not (never silently
 * rounded); a numeric with decimals becomes a double, as SQLite's REAL would. Booleans come back
 * as 1/0 like SQLite's; BYTEA ↔ Buffer; date/time types stay text (the registry stores ISO text).
 */
import pg from 'pg';
import { databaseUnavailable, isAppError } from '../../domain/errors';
import { AsyncMutex } from './mutex';
import { toPostgresPlaceholders } from './placeholders';
import { ScopeTracker, type Scope } from './scope';
import type { RunResult, SqlDb, SqlParams, TransactionOptions } from './types';

/** The registry-wide write lock (bigint form of pg_advisory_xact_lock). */
export const REGISTRY_LOCK_KEY = '6863400052';
/** First half of the two-integer advisory lock for `lockKeys` (the second is hashtext(key)). */
export const KEYED_LOCK_CLASS = 68634;
export const MAX_ATTEMPTS = 5;

export interface PostgresSqlDbOptions {
  connectionString: string;
  /** connections in this node's pool (default 10) */
  max?: number;
  /** how long to wait for a connection, ms (default 5000; past it: DATABASE_UNAVAILABLE) */
  connectionTimeoutMs?: number;
  /** a transaction left idle this long is ended by the server, ms (default 60000) */
  idleInTransactionTimeoutMs?: number;
  /** how many times a transaction is tried on 40001/40P01 (default MAX_ATTEMPTS) */
  maxAttempts?: number;
  application_name?: string;
}

interface PgScope extends Scope {
  readonly client: pg.PoolClient;
}

/**
 * A connection runs one query at a time. Statements issued together inside one transaction
 * (e.g. two repository reads under Promise.all) take their turn here, in the order issued,
 * instead of in pg's own queue, which is deprecated ("client.query() when the client is already
 * executing a query").
 */
const clientTurns = new WeakMap<pg.PoolClient, Promise<unknown>>();
function inTurn<T>(client: pg.PoolClient, run: () => Promise<T>): Promise<T> {
  const next = (clientTurns.get(client) ?? Promise.resolve()).then(run, run);
  clientTurns.set(
    client,
    next.catch(() => undefined),
  );
  return next;
}

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;
const DATE_TIME = new Set([1082, 1083, 1114, 1184, 1266]);

const parseInteger = (s: string): number | bigint => {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : BigInt(s);
};

/** Type parsers for this pool only (pg's global defaults stay untouched). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary') {
      if (oid === INT8) return parseInteger;
      if (oid === NUMERIC) {
        return (s: string) => (/^-?\d+$/.test(s) ? parseInteger(s) : Number(s));
      }
      if (oid === BOOL) return (s: string) => (s === 't' ? 1 : 0);
      if (DATE_TIME.has(oid)) return (s: string) => s;
    }
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/** What every handle of one pool shares. */
class Pool {
  readonly scopes = new ScopeTracker<PgScope>();
  /** this node's registry-wide transactions, one at a time, before they take a connection */
  readonly registryTurn = new AsyncMutex();
  readonly pool: pg.Pool;
  readonly maxAttempts: number;
  closed = false;

  constructor(opts: PostgresSqlDbOptions) {
    this.maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.max ?? 10,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs ?? 60_000,
      application_name: opts.application_name ?? 'handheld-estate',
      types,
    });
    // An idle connection that breaks (server restart, network) is dropped by the pool; the next
    // query opens a new one or reports DATABASE_UNAVAILABLE. Without a listener it would crash.
    this.pool.on('error', () => undefined);
  }

  async connect(): Promise<pg.PoolClient> {
    if (this.closed) throw databaseUnavailable(new Error('PostgreSQL handle is closed'));
    try {
      return await this.pool.connect();
    } catch (e) {
      throw mapError(e);
    }
  }
}

export class PostgresSqlDb implements SqlDb {
  readonly dialect = 'postgres' as const;

  private constructor(
    private readonly core: Pool,
    /** set on the `tx` handle given to a transaction callback */
    private readonly bound?: PgScope,
  ) {}

  /** A pool on `connectionString`; connections are opened when first needed. */
  static open(opts: PostgresSqlDbOptions): PostgresSqlDb {
    return new PostgresSqlDb(new Pool(opts));
  }

  async all<T = Record<string, unknown>>(sql: string, params: SqlParams = []): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  async get<T = Record<string, unknown>>(
    sql: string,
    params: SqlParams = [],
  ): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    const scope = this.core.scopes.active(this.bound);
    if (!scope) return this.transaction((tx) => tx.exec(sql));
    try {
      await inTurn(scope.client, () => scope.client.query(sql));
    } catch (e) {
      throw mapError(e);
    }
  }

  async transaction<T>(fn: (tx: SqlDb) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    const outer = this.core.scopes.active(this.bound);
    if (outer) return this.savepoint(outer, fn);
    const registryWide = !opts.readOnly && !opts.lockKeys;
    const attempts = async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await this.once(fn, opts);
        } catch (e) {
          if (attempt >= this.core.maxAttempts || !isRetryable(e)) throw mapError(e);
          // a short random pause so that two retrying transactions do not meet again at once
          await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
        }
      }
    };
    return registryWide ? this.core.registryTurn.run(attempts) : attempts();
  }

  async close(): Promise<void> {
    if (this.bound) throw new Error('close() belongs to the root handle, not to a transaction');
    if (this.core.closed) return;
    this.core.closed = true;
    await this.core.pool.end();
  }

  /** One attempt: BEGIN, the lock, the callback, COMMIT (or ROLLBACK and rethrow). */
  private async once<T>(fn: (tx: SqlDb) => Promise<T>, opts: TransactionOptions): Promise<T> {
    const client = await this.core.connect();
    let broken: Error | undefined;
    // a connection that fails between two queries reports it here, not to a query
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    const scope: PgScope = { done: false, nested: new AsyncMutex(), client };
    try {
      if (opts.readOnly) {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      } else {
        await client.query('BEGIN');
        if (opts.lockKeys) {
          await client.query('SELECT pg_advisory_xact_lock_shared($1::bigint)', [
            REGISTRY_LOCK_KEY,
          ]);
          for (const key of [...new Set(opts.lockKeys)].sort()) {
            await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [
              KEYED_LOCK_CLASS,
              key,
            ]);
          }
        } else {
          await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [REGISTRY_LOCK_KEY]);
        }
      }
      const result = await this.core.scopes.run(scope, () =>
        fn(new PostgresSqlDb(this.core, scope)),
      );
      scope.done = true;
      await inTurn(client, () => client.query('COMMIT'));
      return result;
    } catch (e) {
      scope.done = true;
      if (!broken) {
        await client.query('ROLLBACK').catch((err: Error) => {
          broken = err;
        });
      }
      throw e;
    } finally {
      client.off('error', onError);
      // a broken connection is closed rather than returned to the pool
      client.release(broken);
    }
  }

  /** A nested transaction: a SAVEPOINT on the same connection, one at a time per scope. */
  private savepoint<T>(outer: PgScope, fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    return outer.nested.run(async () => {
      const name = this.core.scopes.savepointName();
      await this.onScope(outer, `SAVEPOINT ${name}`);
      const scope: PgScope = {
        done: false,
        parent: outer,
        nested: new AsyncMutex(),
        client: outer.client,
      };
      try {
        const result = await this.core.scopes.run(scope, () =>
          fn(new PostgresSqlDb(this.core, scope)),
        );
        scope.done = true;
        await this.onScope(outer, `RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (e) {
        scope.done = true;
        await this.onScope(outer, `ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
        throw e;
      }
    });
  }

  private async onScope(scope: PgScope, sql: string): Promise<void> {
    try {
      await inTurn(scope.client, () => scope.client.query(sql));
    } catch (e) {
      throw mapError(e);
    }
  }

  /**
   * One statement: on the caller's transaction's connection; otherwise a read goes straight to
   * the pool and a write becomes a transaction of its own (with the registry lock), exactly as
   * on SQLite.
   */
  private async query(sql: string, params: SqlParams): Promise<pg.QueryResult> {
    const { text, count } = toPostgresPlaceholders(sql);
    if (count !== params.length) {
      throw new RangeError(`SQL 参数个数不符：${count} placeholders, ${params.length} values`);
    }
    const values = params.map(toPgValue);
    const scope = this.core.scopes.active(this.bound);
    if (!scope && !READ_ONLY_STATEMENT.test(sql)) {
      return this.transaction(async (tx) => (tx as PostgresSqlDb).query(sql, params));
    }
    try {
      if (scope) return await inTurn(scope.client, () => scope.client.query({ text, values }));
      if (this.core.closed) throw databaseUnavailable(new Error('PostgreSQL handle is closed'));
      return await this.core.pool.query({ text, values });
    } catch (e) {
      throw mapError(e);
    }
  }
}

/** SELECT / VALUES / SHOW / EXPLAIN / TABLE after any comments: needs no write lock. */
const READ_ONLY_STATEMENT =
  /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*(?:SELECT|VALUES|SHOW|EXPLAIN|TABLE)\b/i;

function toPgValue(v: SqlParams[number]): unknown {
  if (v !== null && typeof v === 'object' && ArrayBuffer.isView(v) && !Buffer.isBuffer(v)) {
    return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return v;
}

const RETRYABLE = new Set(['40001', '40P01']);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000']);
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|Client was closed|Cannot use a pool after calling end|Client has already been connected/i;

/** The error or one of its causes carries a SQLSTATE that says "try the transaction again". */
function isRetryable(e: unknown): boolean {
  for (let c = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i += 1) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE.has(code)) return true;
  }
  return false;
}

/**
 * Connection trouble → DATABASE_UNAVAILABLE; anything else (constraint, syntax) unchanged.
 * Duck-typed: socket errors come from Node's own realm, where `instanceof Error` may not hold.
 */
export function mapError(e: unknown): unknown {
  if (typeof e !== 'object' || e === null || isAppError(e)) return e;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) {
      return databaseUnavailable(e);
    }
    return e;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) {
    return databaseUnavailable(e);
  }
  return e;
}
