/** The case feed's numbers (migration 0041) on SqlDb: the same SQL on SQLite and PostgreSQL. */
import type { CaseFeedStore } from '../../ports';
import type { SqlDb } from '../sql/types';

export class SqlCaseFeedStore implements CaseFeedStore {
  constructor(private readonly sql: SqlDb) {}

  async latest(caseId: string): Promise<number> {
    const r = await this.sql.get<{ n: number | null }>(
      'SELECT max(seq) AS n FROM case_feed WHERE case_id = ?',
      [caseId],
    );
    return Number(r?.n ?? 0);
  }
}
