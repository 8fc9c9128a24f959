/**
 * Constraint violations, recognised the same way on both databases. A repository that turns a
 * duplicate into a domain answer (an idempotency key seen before, a number already taken) asks
 * these instead of reading driver codes. On PostgreSQL the statement that failed has aborted
 * the transaction: catch around a nested `transaction()` (a savepoint), not around the statement.
 */
const code = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
};

/** UNIQUE or PRIMARY KEY: SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, PostgreSQL 23505 */
export const isUniqueViolation = (e: unknown): boolean => {
  const c = code(e);
  return c === '23505' || c === 'SQLITE_CONSTRAINT_UNIQUE' || c === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/** FOREIGN KEY: SQLite SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL 23503 */
export const isForeignKeyViolation = (e: unknown): boolean => {
  const c = code(e);
  return c === '23503' || c === 'SQLITE_CONSTRAINT_FOREIGNKEY';
};

/**
 * Any constraint, including CHECK, NOT NULL and the append-only triggers (SQLite
 * SQLITE_CONSTRAINT_*, PostgreSQL class 23).
 */
export const isConstraintViolation = (e: unknown): boolean => {
  const c = code(e);
  return c !== undefined && (c.startsWith('23') || c.startsWith('SQLITE_CONSTRAINT'));
};
