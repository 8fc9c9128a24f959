/**
 * The seeded register as the simulated departments know it: persons, marriages and who holds
 * which home (read-only SQL on SqlDb over persons, marriages and the register), and a unit with
 * its right and restrictions from the register repository.
 */
import type { RegisterRepository } from '../../ports';
import type { SqlDb } from '../sql/types';

export interface PersonRow {
  person_id: string;
  name: string;
  id_number: string;
  kind: string;
}

const PERSON = 'SELECT person_id, name, id_number, kind FROM persons';

export class RegisterFacts {
  constructor(
    private readonly db: SqlDb,
    private readonly register: Pick<RegisterRepository, 'unit'>,
  ) {}

  person(idNumber: string): Promise<PersonRow | undefined> {
    return this.db.get<PersonRow>(`${PERSON} WHERE id_number = ?`, [idNumber]);
  }

  /** the person's latest registered marriage */
  async marriageOf(
    personId: string,
  ): Promise<{ spouse: PersonRow; registeredOn: string } | undefined> {
    const row = await this.db.get<{ spouse_id: string; registered_on: string }>(
      `SELECT CASE WHEN spouse_a_id = ? THEN spouse_b_id ELSE spouse_a_id END AS spouse_id, registered_on
       FROM marriages WHERE spouse_a_id = ? OR spouse_b_id = ?
       ORDER BY registered_on DESC, marriage_id LIMIT 1`,
      [personId, personId, personId],
    );
    if (!row) return undefined;
    const spouse = await this.db.get<PersonRow>(`${PERSON} WHERE person_id = ?`, [row.spouse_id]);
    return spouse && { spouse, registeredOn: row.registered_on };
  }

  /** the day the person died (户籍注销), if they did */
  async deathOf(personId: string): Promise<string | undefined> {
    const row = await this.db.get<{ died_on: string }>(
      'SELECT died_on FROM deaths WHERE person_id = ?',
      [personId],
    );
    return row?.died_on;
  }

  /** the person's living parents and children (the household register's relations) */
  async kinOf(personId: string): Promise<{ person: PersonRow; relation: '子女' | '父母' }[]> {
    const rows = await this.db.all<PersonRow & { relation: '子女' | '父母' }>(
      `SELECT p.person_id, p.name, p.id_number, p.kind, k.relation FROM (
         SELECT child_id AS id, '子女' AS relation FROM kinships WHERE parent_id = ?
         UNION ALL
         SELECT parent_id AS id, '父母' AS relation FROM kinships WHERE child_id = ?
       ) k JOIN persons p ON p.person_id = k.id
       WHERE NOT EXISTS (SELECT 1 FROM deaths d WHERE d.person_id = p.person_id)
       ORDER BY k.relation DESC, p.id_number`,
      [personId, personId],
    );
    return rows.map(({ relation, ...person }) => ({ person, relation }));
  }

  /** current residential units held by any of these persons */
  async homesOf(personIds: string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db.all<{ unit_code: string }>(
      `SELECT DISTINCT r.unit_code FROM right_holders h
       JOIN rights r ON r.right_id = h.right_id AND r.status = 'current'
       JOIN units u ON u.unit_code = r.unit_code AND u.use = '住宅'
       WHERE h.person_id IN (${personIds.map(() => '?').join(',')}) ORDER BY r.unit_code`,
      personIds,
    );
    return rows.map((r) => r.unit_code);
  }

  async unit(unitCode: string) {
    return this.register.unit(unitCode);
  }
}
