/**
 * Store work written once as a "program": a generator that yields its SQL statements (portable,
 * `?` placeholders, as types.ts says) and receives each statement's answer. `runProgram` carries
 * it out on SqlDb (SQLite or PostgreSQL, awaiting each statement), which is what the stores use.
 *
 *   function* countOf(table: string): Program<number> {
 *     const row = yield* getRow<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
 *     return Number(row?.n ?? 0);
 *   }
 */
import type { SqlDb, SqlParams, TransactionOptions } from './types';

export type Statement =
  | { op: 'get'; sql: string; params: SqlParams }
  | { op: 'all'; sql: string; params: SqlParams }
  | { op: 'run'; sql: string; params: SqlParams };

/** A unit of store work returning T; see the module comment. */
export type Program<T> = Generator<Statement, T, unknown>;

/** The first row, or undefined. */
export function* getRow<R>(sql: string, params: SqlParams = []): Program<R | undefined> {
  return (yield { op: 'get', sql, params }) as R | undefined;
}

/** Every row. */
export function* allRows<R>(sql: string, params: SqlParams = []): Program<R[]> {
  return (yield { op: 'all', sql, params }) as R[];
}

/** A statement without rows to read: how many rows it inserted, updated or deleted. */
export function* runStatement(sql: string, params: SqlParams = []): Program<{ changes: number }> {
  return (yield { op: 'run', sql, params }) as { changes: number };
}

/**
 * Options for a transaction that only reads several tables as of one moment: PostgreSQL's
 * read-only snapshot. On the SQLite file a plain transaction (the connection's turn) gives the
 * same; its read-only mode is not used while synchronous stores still write on the same
 * connection (such a write landing inside it would fail).
 */
export const snapshotOf = (db: SqlDb): TransactionOptions =>
  db.dialect === 'postgres' ? { readOnly: true } : {};

/** Carries a program out on SqlDb, in the caller's transaction when there is one. */
export async function runProgram<T>(db: SqlDb, program: Program<T>): Promise<T> {
  let step = program.next();
  while (!step.done) {
    const s = step.value;
    let answer: unknown;
    try {
      answer =
        s.op === 'get'
          ? await db.get(s.sql, s.params)
          : s.op === 'all'
            ? await db.all(s.sql, s.params)
            : await db.run(s.sql, s.params);
    } catch (e) {
      // the program sees the failure where its statement stands (and may not catch it: a failed
      // statement aborts a PostgreSQL transaction)
      step = program.throw(e);
      continue;
    }
    step = program.next(answer);
  }
  return step.value;
}
