/**
 * `?` placeholders → PostgreSQL's `$1, $2, …`. A `?` inside '…' text (with '' escapes), E'…'
 * text (with backslash escapes), "…" identifiers, $tag$…$tag$ bodies, -- line comments and
 * /* block comments *\/ is left alone. The result is cached: repositories repeat the same texts.
 */

export interface Rewritten {
  text: string;
  /** how many placeholders the text has */
  count: number;
}

const cache = new Map<string, Rewritten>();
const CACHE_LIMIT = 2000;

export function toPostgresPlaceholders(sql: string): Rewritten {
  const hit = cache.get(sql);
  if (hit) return hit;
  const out = rewrite(sql);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, out);
  return out;
}

/** Counts the `?` placeholders the same way (SQLite binds them itself). */
export function countPlaceholders(sql: string): number {
  return toPostgresPlaceholders(sql).count;
}

function rewrite(sql: string): Rewritten {
  let text = '';
  let count = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '?') {
      count += 1;
      text += `$${count}`;
      i += 1;
    } else if (c === "'") {
      const escapes = i > 0 && /[eE]/.test(sql[i - 1]) && !/[\w$]/.test(sql[i - 2] ?? '');
      const end = endOfQuoted(sql, i, "'", escapes);
      text += sql.slice(i, end);
      i = end;
    } else if (c === '"') {
      const end = endOfQuoted(sql, i, '"', false);
      text += sql.slice(i, end);
      i = end;
    } else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      text += sql.slice(i, end);
      i = end;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      text += sql.slice(i, end);
      i = end;
    } else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      // $tag$ … $tag$ (dollar quoting); `$1` and the like are not tags
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (m) {
        const tag = m[0];
        const close = sql.indexOf(tag, i + tag.length);
        const end = close < 0 ? n : close + tag.length;
        text += sql.slice(i, end);
        i = end;
      } else {
        text += c;
        i += 1;
      }
    } else {
      text += c;
      i += 1;
    }
  }
  return { text, count };
}

/** Index just past the closing quote of the quoted run starting at `start`. */
function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}
