/**
 * Helpers of the identity store contract suites; the databases themselves come from the shared
 * harness (tests/server/support/databases.ts).
 */
import type { SqlDb } from '../../../mock-server/src/adapters/sql';
import { citizenIdCheckChar } from '../../../mock-server/src/domain/identifiers';
import { migrated, type Store, type Target } from '../support/databases';

/**
 * beforeAll: a migrated store with two handles (nodes `a` and `b`); afterAll: both closed and
 * the store removed. Read the handles inside tests and hooks.
 */
export function useTwoNodes(target: Target) {
  let store: Store | undefined;
  const nodes: { a?: SqlDb; b?: SqlDb } = {};
  beforeAll(async () => {
    store = await target();
    nodes.a = await migrated(store);
    nodes.b = store.open();
  });
  afterAll(async () => {
    await nodes.b?.close();
    await nodes.a?.close();
    await store?.cleanup();
  });
  return {
    get a(): SqlDb {
      if (!nodes.a) throw new Error('the store is opened in beforeAll');
      return nodes.a;
    },
    get b(): SqlDb {
      if (!nodes.b) throw new Error('the store is opened in beforeAll');
      return nodes.b;
    },
  };
}

/** A valid 公民身份号码 born on 1985-01-01 in 椒江, numbered `n` (0–999). */
export function citizenId(n: number): string {
  const first17 = `33100219850101${String(n).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

export async function insertPerson(
  db: SqlDb,
  p: { personId: string; name: string; idNumber: string; phone?: string; legal?: boolean },
): Promise<void> {
  await db.run(
    `INSERT INTO persons (person_id, kind, name, id_type, id_number, phone)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [
      p.personId,
      p.legal ? 'legal' : 'natural',
      p.name,
      p.legal ? 'uscc' : 'citizenId',
      p.idNumber,
      p.phone ?? null,
    ],
  );
}
