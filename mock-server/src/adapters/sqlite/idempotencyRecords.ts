/**
 * The first answer of each idempotent request, by (person, Idempotency-Key), on SqlDb
 * (idempotency_keys, 0007): every node reads and writes the same rows.
 */
import type { SqlDb } from '../sql/types';
import type { IdempotencyRecords } from '../../usecases/shared/idempotency';

export class SqlIdempotencyRecords implements IdempotencyRecords {
  constructor(private readonly sql: SqlDb) {}

  idempotent(
    personId: string,
    key: string,
  ): Promise<{ fingerprint: string; response: string } | undefined> {
    return this.sql.get<{ fingerprint: string; response: string }>(
      'SELECT fingerprint, response FROM idempotency_keys WHERE person_id = ? AND key = ?',
      [personId, key],
    );
  }

  /** a second answer for the same (person, key) is refused by the primary key */
  async saveIdempotent(
    personId: string,
    key: string,
    fingerprint: string,
    response: string,
    at: string,
  ): Promise<void> {
    await this.sql.run(
      `INSERT INTO idempotency_keys (person_id, key, fingerprint, response, created_at)
       VALUES (?, ?, ?, ?, ?)`,
      [personId, key, fingerprint, response, at],
    );
  }
}
