/**
 * The parties the register knows (persons) and the marriages 民政 shares, on SqlDb (the embedded
 * SQLite file or PostgreSQL). The writes are programs (adapters/sql/program.ts) so that the
 * start-up seed can still run them synchronously through the transitional bridge.
 */
import type { Marriage, Person } from '../../domain/register';
import type { PartyDirectory } from '../../ports';
import { getRow, runProgram, runStatement, type Program } from '../sql/program';
import type { SqlDb } from '../sql/types';

interface PersonRow {
  person_id: string;
  kind: Person['kind'];
  name: string;
  id_type: Person['idType'];
  id_number: string;
  phone: string | null;
}

export function* savePersons(persons: readonly Person[]): Program<void> {
  for (const p of persons) {
    yield* runStatement(
      `INSERT INTO persons (person_id, kind, name, id_type, id_number, phone)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [p.personId, p.kind, p.name, p.idType, p.idNumber, p.phone ?? null],
    );
  }
}

export function* saveMarriages(marriages: readonly Marriage[]): Program<void> {
  for (const m of marriages) {
    yield* runStatement(
      `INSERT INTO marriages (marriage_id, spouse_a_id, spouse_b_id, registered_on)
       VALUES (?, ?, ?, ?)`,
      [m.marriageId, m.spouseIds[0], m.spouseIds[1], m.registeredOn],
    );
  }
}

export function* readPerson(personId: string): Program<Person | undefined> {
  const r = yield* getRow<PersonRow>(
    'SELECT person_id, kind, name, id_type, id_number, phone FROM persons WHERE person_id = ?',
    [personId],
  );
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

export class SqlPartyDirectory implements PartyDirectory {
  constructor(private readonly sql: SqlDb) {}

  /** all or none (a person already known, by id or ID number, refuses the whole batch) */
  savePersons(persons: readonly Person[]): Promise<void> {
    return this.sql.transaction(() => runProgram(this.sql, savePersons(persons)));
  }

  saveMarriages(marriages: readonly Marriage[]): Promise<void> {
    return this.sql.transaction(() => runProgram(this.sql, saveMarriages(marriages)));
  }

  person(personId: string): Promise<Person | undefined> {
    return runProgram(this.sql, readPerson(personId));
  }

  async marriageOf(
    personId: string,
  ): Promise<{ spouseId: string; registeredOn: string } | undefined> {
    const r = await this.sql.get<{ spouse_id: string; registered_on: string }>(
      `SELECT CASE WHEN spouse_a_id = ? THEN spouse_b_id ELSE spouse_a_id END AS spouse_id,
              registered_on
         FROM marriages WHERE spouse_a_id = ? OR spouse_b_id = ?
        ORDER BY registered_on DESC, marriage_id LIMIT 1`,
      [personId, personId, personId],
    );
    return r && { spouseId: r.spouse_id, registeredOn: r.registered_on };
  }

  async changeIdentity(personId: string, name: string, idNumber: string): Promise<void> {
    await this.sql.run('UPDATE persons SET name = ?, id_number = ? WHERE person_id = ?', [
      name,
      idNumber,
      personId,
    ]);
  }

  async countPersons(): Promise<number> {
    const row = await this.sql.get<{ n: number }>('SELECT count(*) AS n FROM persons');
    return Number(row?.n ?? 0);
  }
}
