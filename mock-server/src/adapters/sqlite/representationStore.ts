/**
 * The store of agents and guardians (migration 0044), written once on SqlDb so it runs on the
 * embedded SQLite file and on PostgreSQL. A party's one live authority per case is kept by a
 * partial unique index (two nodes appointing at once store one); a revocation is one conditional
 * update.
 */
import type { Representation } from '../../domain/representation';
import type { RepresentationStore } from '../../ports';
import type { SqlDb } from '../sql/types';

const toRecord = (r: { record: string }): Representation => JSON.parse(r.record) as Representation;

export class SqlRepresentationStore implements RepresentationStore {
  constructor(private readonly db: SqlDb) {}

  async insert(r: Representation): Promise<boolean> {
    const { changes } = await this.db.run(
      `INSERT INTO case_representations (representation_id, case_id, principal_id, agent_id,
         status, code, record, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id, principal_id) WHERE status <> 'revoked' DO NOTHING`,
      [
        r.representationId,
        r.caseId,
        r.principal.personId,
        r.agent.personId,
        r.status,
        r.code ?? null,
        JSON.stringify(r),
        r.createdAt,
      ],
    );
    return changes === 1;
  }

  async get(representationId: string): Promise<Representation | undefined> {
    const row = await this.db.get<{ record: string }>(
      'SELECT record FROM case_representations WHERE representation_id = ?',
      [representationId],
    );
    return row && toRecord(row);
  }

  async byCode(code: string): Promise<Representation | undefined> {
    const row = await this.db.get<{ record: string }>(
      'SELECT record FROM case_representations WHERE code = ?',
      [code],
    );
    return row && toRecord(row);
  }

  async ofCase(caseId: string): Promise<Representation[]> {
    const rows = await this.db.all<{ record: string }>(
      'SELECT record FROM case_representations WHERE case_id = ? ORDER BY created_at, representation_id',
      [caseId],
    );
    return rows.map(toRecord);
  }

  async ofAgent(agentId: string): Promise<Representation[]> {
    const rows = await this.db.all<{ record: string }>(
      `SELECT record FROM case_representations WHERE agent_id = ?
       ORDER BY created_at DESC, representation_id`,
      [agentId],
    );
    return rows.map(toRecord);
  }

  async revoke(r: Representation): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE case_representations SET status = 'revoked', record = ?
       WHERE representation_id = ? AND status <> 'revoked'`,
      [JSON.stringify({ ...r, status: 'revoked' }), r.representationId],
    );
    return changes === 1;
  }

  async decide(r: Representation): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE case_representations SET status = ?, record = ?
       WHERE representation_id = ? AND status = 'pendingReview'`,
      [r.status, JSON.stringify(r), r.representationId],
    );
    return changes === 1;
  }
}
