import type { Marriage, Person } from '../../domain/register';
import type { PartyDirectory } from '../../ports';
import type { Db } from './database';

interface PersonRow {
  person_id: string;
  kind: Person['kind'];
  name: string;
  id_type: Person['idType'];
  id_number: string;
  phone: string | null;
}

export class SqlitePartyDirectory implements PartyDirectory {
  constructor(private readonly db: Db) {}

  savePersons(persons: readonly Person[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO persons (person_id, kind, name, id_type, id_number, phone)
       VALUES (@personId, @kind, @name, @idType, @idNumber, @phone)`,
    );
    this.db.transaction(() => {
      for (const p of persons) stmt.run({ ...p, phone: p.phone ?? null });
    })();
  }

  saveMarriages(marriages: readonly Marriage[]): void {
    const stmt = this.db.prepare(
      'INSERT INTO marriages (marriage_id, spouse_a_id, spouse_b_id, registered_on) VALUES (?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const m of marriages)
        stmt.run(m.marriageId, m.spouseIds[0], m.spouseIds[1], m.registeredOn);
    })();
  }

  person(personId: string): Person | undefined {
    const r = this.db.prepare('SELECT * FROM persons WHERE person_id = ?').get(personId) as
      PersonRow | undefined;
    if (!r) return undefined;
    return {
      personId: r.person_id,
      kind: r.kind,
      name: r.name,
      idType: r.id_type,
      idNumber: r.id_number,
      ...(r.phone === null ? {} : { phone: r.phone }),
    };
  }

  marriageOf(personId: string): { spouseId: string; registeredOn: string } | undefined {
    const r = this.db
      .prepare(
        `SELECT CASE WHEN spouse_a_id = ? THEN spouse_b_id ELSE spouse_a_id END AS spouse_id,
                registered_on
           FROM marriages WHERE spouse_a_id = ? OR spouse_b_id = ?
          ORDER BY registered_on DESC LIMIT 1`,
      )
      .get(personId, personId, personId) as
      { spouse_id: string; registered_on: string } | undefined;
    return r && { spouseId: r.spouse_id, registeredOn: r.registered_on };
  }

  changeIdentity(personId: string, name: string, idNumber: string): void {
    this.db
      .prepare('UPDATE persons SET name = ?, id_number = ? WHERE person_id = ?')
      .run(name, idNumber, personId);
  }

  countPersons(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
  }
}
