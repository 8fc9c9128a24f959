/**
 * The store of agents and guardians (adapters/sqlite/representationStore.ts, migration 0044): one
 * suite, run on the embedded SQLite file and on PostgreSQL, two handles standing for two nodes.
 * What racing nodes must not break: a party has one live authority per case (two appointing at
 * once store one), and a revocation happens once; a revoked authority leaves room for a new one.
 * Also 公安's household register as the guardianship check reads it (living parents only).
 */
import type { SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlHouseholdRegister } from '../../../mock-server/src/adapters/housing-sim/householdRegister';
import { SqlRepresentationStore } from '../../../mock-server/src/adapters/sqlite/representationStore';
import type { Representation } from '../../../mock-server/src/domain/representation';
import { DATABASES, migrated, type Store } from '../support/databases';

const AT = '2026-03-02T01:00:00.000Z';

const rep = (id: string, over: Partial<Representation> = {}): Representation => ({
  representationId: id,
  caseId: 'C1',
  kind: 'agent',
  basis: 'onlinePowerOfAttorney',
  status: 'active',
  principal: { personId: 'P1', name: '叶美华', role: 'obligor' },
  agent: { personId: 'P2', name: '许慧芳' },
  document: { title: '授权委托书', text: '委托人叶美华委托许慧芳……' },
  code: `CODE${id}`,
  createdBy: 'P1',
  createdAt: AT,
  ...over,
});

describe.each(DATABASES)('representation store on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;
  let onA: SqlRepresentationStore;
  let onB: SqlRepresentationStore;

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
    onA = new SqlRepresentationStore(a);
    onB = new SqlRepresentationStore(b);
    for (const [id, name, number] of [
      ['P1', '叶美华', '331083198405037966'],
      ['P2', '许慧芳', '33100319750804648X'],
      ['P3', '许小满', '331002201506011220'],
      ['P4', '许国强', '331002197001011234'],
    ])
      await a.run(
        "INSERT INTO persons (person_id, kind, name, id_type, id_number) VALUES (?, 'natural', ?, 'citizenId', ?)",
        [id, name, number],
      );
    await a.run(
      `INSERT INTO cases (case_id, business_type_code, status, unit_code, created_by, created_at,
         updated_at, manual_queue, version, data_json) VALUES ('C1', 'transfer', 'signing', 'U1', 'P1', ?, ?, 0, 1, '{}')`,
      [AT, AT],
    );
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });

  test('stored and read back whole, by id, code, case and agent', async () => {
    const r = rep('R1');
    expect(await onA.insert(r)).toBe(true);
    expect(await onB.get('R1')).toEqual(r);
    expect(await onB.byCode('CODER1')).toEqual(r);
    expect(await onB.ofCase('C1')).toEqual([r]);
    expect(await onB.ofAgent('P2')).toEqual([r]);
    expect(await onB.get('nope')).toBeUndefined();
  });

  test('one live authority per party and case, whichever node appoints first', async () => {
    const both = await Promise.all([
      onA.insert(rep('R2', { code: 'CODER2' })),
      onB.insert(rep('R3', { code: 'CODER3' })),
    ]);
    expect(both).toEqual([false, false]); // R1 is still live for P1
    const revokedOnce = await Promise.all([onA.revoke(rep('R1')), onB.revoke(rep('R1'))]);
    expect(revokedOnce.filter(Boolean)).toHaveLength(1);
    expect((await onA.get('R1'))?.status).toBe('revoked');
    const raced = await Promise.all([
      onA.insert(rep('R4', { code: 'CODER4' })),
      onB.insert(rep('R5', { code: 'CODER5' })),
    ]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect((await onB.ofCase('C1')).filter((x) => x.status !== 'revoked')).toHaveLength(1);
  });

  test('a staff decision on an authority waiting for review is stored once', async () => {
    const waiting = rep('R6', {
      caseId: 'C1',
      principal: { personId: 'P3', name: '许小满', role: 'rightHolder' },
      status: 'pendingReview',
      code: 'CODER6',
    });
    expect(await onA.insert(waiting)).toBe(true);
    const approved = { ...waiting, status: 'active' as const, activatedAt: AT };
    const decided = await Promise.all([onA.decide(approved), onB.decide(approved)]);
    expect(decided.filter(Boolean)).toHaveLength(1);
    expect(await onB.get('R6')).toEqual(approved);
    expect(await onA.decide({ ...waiting, status: 'revoked' })).toBe(false);
  });

  test('公安 shows a person’s living parents only', async () => {
    await a.run("INSERT INTO kinships (parent_id, child_id) VALUES ('P2', 'P3'), ('P4', 'P3')");
    const register = new SqlHouseholdRegister(b);
    expect(await register.parentsOf('P3')).toEqual(['P2', 'P4']);
    await a.run("INSERT INTO deaths (person_id, died_on) VALUES ('P4', '2025-01-01')");
    expect(await register.parentsOf('P3')).toEqual(['P2']);
    expect(await register.parentsOf('P1')).toEqual([]);
  });
});
