/**
 * The throttles' counters (ports/throttle.ts) in the `rate_counters` table (migration 0027), one
 * SQL text for SQLite and PostgreSQL. A hit is one upsert: two nodes counting the same key at once
 * both count. Expired counters are pruned whenever a new window starts, so the table holds only
 * the live ones.
 */
import type { RateCounter, RateCounterStore } from '../../ports';
import type { SqlDb } from '../sql/types';

const NONE: RateCounter = { hits: 0, expiresAtMs: 0 };

export class SqlRateCounterStore implements RateCounterStore {
  constructor(private readonly db: SqlDb) {}

  async hit(key: string, windowMs: number, nowMs: number): Promise<RateCounter> {
    // SET expressions read the row as it was: an expired counter starts a new window
    const r = await this.db.get<{ hits: number; expires_at_ms: number }>(
      `INSERT INTO rate_counters (counter_key, hits, window_start_ms, expires_at_ms)
       VALUES (?, 1, ?, ?)
       ON CONFLICT (counter_key) DO UPDATE SET
         hits = CASE WHEN rate_counters.expires_at_ms <= excluded.window_start_ms THEN 1
                     ELSE rate_counters.hits + 1 END,
         window_start_ms = CASE WHEN rate_counters.expires_at_ms <= excluded.window_start_ms
                     THEN excluded.window_start_ms ELSE rate_counters.window_start_ms END,
         expires_at_ms = CASE WHEN rate_counters.expires_at_ms <= excluded.window_start_ms
                     THEN excluded.expires_at_ms ELSE rate_counters.expires_at_ms END
       RETURNING hits, expires_at_ms`,
      [key, nowMs, nowMs + windowMs],
    );
    const counter = { hits: Number(r!.hits), expiresAtMs: Number(r!.expires_at_ms) };
    if (counter.hits === 1) await this.prune(nowMs);
    return counter;
  }

  async read(key: string, nowMs: number): Promise<RateCounter> {
    const r = await this.db.get<{ hits: number; expires_at_ms: number }>(
      'SELECT hits, expires_at_ms FROM rate_counters WHERE counter_key = ? AND expires_at_ms > ?',
      [key, nowMs],
    );
    return r ? { hits: Number(r.hits), expiresAtMs: Number(r.expires_at_ms) } : NONE;
  }

  async expireAt(key: string, atMs: number): Promise<void> {
    await this.db.run('UPDATE rate_counters SET expires_at_ms = ? WHERE counter_key = ?', [
      atMs,
      key,
    ]);
  }

  async reset(key: string): Promise<void> {
    await this.db.run('DELETE FROM rate_counters WHERE counter_key = ?', [key]);
  }

  async prune(nowMs: number): Promise<number> {
    const { changes } = await this.db.run('DELETE FROM rate_counters WHERE expires_at_ms <= ?', [
      nowMs,
    ]);
    return changes;
  }
}
