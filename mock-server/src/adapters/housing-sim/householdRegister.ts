import type { HouseholdRegister } from '../../ports';
import type { SqlDb } from '../sql/types';

/**
 * 公安's household register as the simulated department shares it: the parents recorded for a
 * person (`kinships`, migration 0035), the living ones only.
 */
export class SqlHouseholdRegister implements HouseholdRegister {
  constructor(private readonly db: SqlDb) {}

  async parentsOf(personId: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(
      `SELECT k.parent_id AS id FROM kinships k
       WHERE k.child_id = ?
         AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.person_id = k.parent_id)
       ORDER BY k.parent_id`,
      [personId],
    );
    return rows.map((r) => r.id);
  }
}
