/**
 * The asynchronous SQL handle every repository is written against. One SQL text serves both
 * databases: the embedded SQLite file (better-sqlite3) and PostgreSQL (`pg`). How to write it:
 *
 * - Placeholders are `?`, bound positionally. The PostgreSQL adapter rewrites them to `$1…`,
 *   leaving `?` inside quoted text, quoted identifiers and comments alone.
 * - Portable syntax only: `INSERT … ON CONFLICT (…) DO NOTHING / DO UPDATE SET … = excluded.…`
 *   (never `INSERT OR IGNORE/REPLACE`), `RETURNING`, `coalesce`, `CASE`, `||`, `length`.
 *   No `strftime`/`now()`: times come from the Clock port as ISO text parameters.
 * - Column aliases in snake_case or double-quoted ("caseId"): PostgreSQL folds unquoted names
 *   to lower case.
 * - Rows look the same on both: INTEGER columns (BIGINT on PostgreSQL) come back as numbers,
 *   REAL (DOUBLE PRECISION) as numbers, TEXT as strings, BLOB (BYTEA) as Buffers, NULL as null.
 *   Booleans are stored as INTEGER 0/1; a boolean expression PostgreSQL returns is given as 1/0.
 * - A failing statement aborts the whole transaction on PostgreSQL (SQLite carries on). Never
 *   catch a constraint error and continue in the same transaction: use `ON CONFLICT`, or put the
 *   attempt in a nested `transaction()` (a savepoint) and catch around that.
 * - `LIKE` ignores ASCII case on SQLite and not on PostgreSQL: compare exact text instead.
 *   Text sorts by code point on both (the PostgreSQL database must use the C collation; the
 *   migration runner refuses another).
 */

/** A value bound to a `?`. Booleans are not accepted: store 0/1 in an INTEGER column. */
export type SqlParam = string | number | bigint | null | Buffer | Uint8Array;
export type SqlParams = readonly SqlParam[];

export type SqlDialect = 'sqlite' | 'postgres';

export interface TransactionOptions {
  /**
   * Reads only: no write lock (SQLite still runs it on its one connection, in turn; PostgreSQL
   * gives it one consistent snapshot, REPEATABLE READ READ ONLY). A write inside it fails.
   */
  readOnly?: boolean;
  /**
   * PostgreSQL: instead of the registry-wide write lock, take finer locks on these keys (e.g.
   * `case:<id>`, `serial:<prefix>`). Transactions with disjoint keys then run in parallel; each
   * still waits for any registry-wide transaction. SQLite ignores it (one writer at a time).
   */
  lockKeys?: readonly string[];
}

/**
 * A database handle. The root handle (from `openSqlDb`) is shared by every repository; inside a
 * `transaction` callback, queries through the root handle made from the callback's async context
 * join that transaction (the handle remembers it with AsyncLocalStorage), so repositories built
 * once with the root handle take part without being re-bound. `tx` is the same transaction made
 * explicit, for code that wants to say so.
 */
export interface SqlDb {
  readonly dialect: SqlDialect;
  /** every row */
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** the first row, or undefined */
  get<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined>;
  /** a statement without rows to read; `changes` = rows inserted, updated or deleted */
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  /** one or more statements without parameters (schema changes) */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: commits when its promise resolves, rolls back and rethrows when
   * it rejects. Inside another transaction it is a SAVEPOINT: a failure undoes only its own work.
   *
   * Write transactions are serialised across the whole registry, on every node (SQLite: one
   * writer, BEGIN IMMEDIATE; PostgreSQL: an advisory lock): a case is recorded exactly once,
   * serial numbers run on without gaps and logs append in one order. On PostgreSQL a
   * serialization failure or deadlock (40001/40P01) makes the adapter run `fn` AGAIN from the
   * start, a few times at most: `fn` must therefore be database work only — no messages sent,
   * no calls to outside parties, no changes to memory that outlive it. Do such work after the
   * transaction has committed.
   */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /** closes the connection(s); waits for nothing in flight */
  close(): Promise<void>;
}

/** Outcome of `run` */
export interface RunResult {
  changes: number;
}
