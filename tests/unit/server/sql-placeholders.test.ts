import { toPostgresPlaceholders } from '../../../mock-server/src/adapters/sql/placeholders';

describe('? placeholders for PostgreSQL', () => {
  it.each([
    ['SELECT ? AS a, ? AS b', 'SELECT $1 AS a, $2 AS b', 2],
    ["SELECT '?', 'it''s ?', ? ", "SELECT '?', 'it''s ?', $1 ", 1],
    ['SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = $1', 1],
    ['SELECT 1 -- why?\nWHERE a = ?', 'SELECT 1 -- why?\nWHERE a = $1', 1],
    ['SELECT /* a ? b */ ?', 'SELECT /* a ? b */ $1', 1],
    ["SELECT E'back\\\\', ?", "SELECT E'back\\\\', $1", 1],
    ["SELECT E'\\' ?', ?", "SELECT E'\\' ?', $1", 1],
    ['DO $$ BEGIN PERFORM ?; END $$; SELECT ?', 'DO $$ BEGIN PERFORM ?; END $$; SELECT $1', 1],
    ['SELECT $tag$ ? $tag$, ?', 'SELECT $tag$ ? $tag$, $1', 1],
    ['SELECT 1', 'SELECT 1', 0],
  ])('%j', (sql, text, count) => {
    expect(toPostgresPlaceholders(sql)).toEqual({ text, count });
  });
});
