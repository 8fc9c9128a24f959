/**
 * The shared-data store and the data-source fault switch: one suite, run on the embedded SQLite
 * file and on PostgreSQL. "Two handles" stand for two registry nodes on one database.
 */
import { isUniqueViolation, type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlDataSourceFaults } from '../../../mock-server/src/adapters/data-sources';
import { SqlSharedDataStore } from '../../../mock-server/src/adapters/sqlite/sharedDataStore';
import type {
  StoredObjection,
  StoredRecheck,
  StoredSharedRecord,
} from '../../../mock-server/src/ports/sharedDataStore';
import { DATABASES, migrated, type Store } from '../support/databases';

const AT = '2026-11-29T02:02:00.000Z';
const CLOCK = { now: () => new Date(AT) };

let n = 0;
const record = (caseId: string, over: Partial<StoredSharedRecord> = {}): StoredSharedRecord => {
  n += 1;
  return {
    recordId: `SHR-${n}`,
    caseId,
    materialCode: 'marriage',
    record: {
      source: 'civilAffairs',
      query: { kind: 'marriage', idNumber: '331004197011114236' },
      data: { maritalStatus: '已婚', n },
      retrievedAt: AT,
      seal: { algorithm: 'SM2-SM3', keyId: 'civilAffairs-1', signature: 'ab'.repeat(64) },
    },
    sealValid: true,
    status: 'current',
    storedAt: AT,
    ...over,
  };
};

const recheck = (r: StoredSharedRecord, id: string, over: Partial<StoredRecheck> = {}) =>
  ({
    recheckId: id,
    recordId: r.recordId,
    caseId: r.caseId,
    requestedByKind: 'staff',
    requestedBy: 'S-1',
    reason: '与登记簿不一致',
    requestedAt: AT,
    dueOn: '2026-11-30',
    dueEstimated: false,
    status: 'pending',
    ...over,
  }) satisfies StoredRecheck;

const objection = (r: StoredSharedRecord, id: string, personId = 'P001') =>
  ({
    objectionId: id,
    recordId: r.recordId,
    caseId: r.caseId,
    personId,
    statement: '我已离婚',
    evidence: [{ sm3: 'cd'.repeat(32), contentType: 'image/jpeg', bytes: 1234 }],
    filedAt: AT,
    status: 'open',
  }) satisfies StoredObjection;

describe.each(DATABASES)('shared-data store on %s', (_name, make) => {
  let target: Store;
  let db: SqlDb;
  let store: SqlSharedDataStore;
  const others: SqlDb[] = [];
  const node = () => {
    const h = target.open();
    others.push(h);
    return h;
  };

  beforeAll(async () => {
    target = await make();
    db = await migrated(target);
    store = new SqlSharedDataStore(db);
  });
  afterAll(async () => {
    for (const h of others) await h.close();
    await db.close();
    await target.cleanup();
  });

  test('a record reads back as it was sealed; status changes; unknown ids are undefined', async () => {
    const r = record('C-rec', { sealValid: false, record: { ...record('x').record, data: null } });
    await store.saveRecord(r);
    expect(await store.record(r.recordId)).toEqual(r);
    await store.setRecordStatus(r.recordId, 'underRecheck');
    expect((await store.record(r.recordId))?.status).toBe('underRecheck');
    expect(await store.record('SHR-none')).toBeUndefined();
    const corrected = record('C-rec', { replacesRecordId: r.recordId });
    await store.saveRecord(corrected);
    expect((await store.record(corrected.recordId))?.replacesRecordId).toBe(r.recordId);
    // a record replacing one that does not exist is refused (foreign key); matched by message, as
    // better-sqlite3's errors come from another realm in a jest worker that already ran a file
    await expect(
      store.saveRecord(record('C-rec', { replacesRecordId: 'SHR-none' })),
    ).rejects.toHaveProperty('message', expect.stringMatching(/foreign key/i));
  });

  test('a case’s records, rechecks and objections list in the order stored, even within one millisecond', async () => {
    const rs = [record('C-order'), record('C-order'), record('C-order'), record('C-order')];
    // ids that sort the other way round than they were stored
    rs.forEach((r, i) => (r.recordId = `SHR-z${9 - i}`));
    for (const r of rs) await store.saveRecord(r);
    await store.saveRecord(record('C-other'));
    expect((await store.recordsOf('C-order')).map((r) => r.recordId)).toEqual(
      rs.map((r) => r.recordId),
    );
    await store.saveRecheck(recheck(rs[1], 'RCK-b'));
    await store.saveRecheck(recheck(rs[0], 'RCK-a'));
    expect((await store.rechecksOf('C-order')).map((x) => x.recheckId)).toEqual(['RCK-b', 'RCK-a']);
    await store.saveObjection(objection(rs[3], 'OBJ-b'));
    await store.saveObjection(objection(rs[2], 'OBJ-a'));
    expect((await store.objectionsOf('C-order')).map((x) => x.objectionId)).toEqual([
      'OBJ-b',
      'OBJ-a',
    ]);
    expect(await store.recordsOf('C-none')).toEqual([]);
  });

  test('one resolution per checklist item: a later one replaces it', async () => {
    await store.saveResolution({
      caseId: 'C-res',
      materialCode: 'marriage',
      mode: 'fallback',
      source: 'civilAffairs',
      reason: 'unavailable',
      message: '民政系统暂不可用，请签署承诺书',
      allowed: ['commitment'],
      recordIds: [],
      resolvedAt: AT,
    });
    await store.saveResolution({
      caseId: 'C-res',
      materialCode: 'identity',
      mode: 'shared',
      source: 'publicSecurity',
      allowed: [],
      recordIds: ['SHR-1', 'SHR-2'],
      resolvedAt: AT,
    });
    await store.saveResolution({
      caseId: 'C-res',
      materialCode: 'marriage',
      mode: 'shared',
      source: 'civilAffairs',
      allowed: ['commitment'],
      recordIds: ['SHR-3'],
      resolvedAt: '2026-11-29T03:00:00.000Z',
    });
    expect(await store.resolutionsOf('C-res')).toEqual([
      {
        caseId: 'C-res',
        materialCode: 'identity',
        mode: 'shared',
        source: 'publicSecurity',
        allowed: [],
        recordIds: ['SHR-1', 'SHR-2'],
        resolvedAt: AT,
      },
      {
        caseId: 'C-res',
        materialCode: 'marriage',
        mode: 'shared',
        source: 'civilAffairs',
        allowed: ['commitment'],
        recordIds: ['SHR-3'],
        resolvedAt: '2026-11-29T03:00:00.000Z',
      },
    ]);
  });

  test('one pending recheck per record; answering it records the answer and the corrected record', async () => {
    const r = record('C-rck');
    const fixed = record('C-rck');
    await store.saveRecord(r);
    await store.saveRecord(fixed);
    await store.saveRecheck(recheck(r, 'RCK-1', { objectionId: 'OBJ-1' }));
    const twice = await store.saveRecheck(recheck(r, 'RCK-2')).catch((e: unknown) => e);
    expect(isUniqueViolation(twice)).toBe(true);
    await store.answerRecheck(
      'RCK-1',
      'errorConfirmed',
      '2026-11-30T01:00:00.000Z',
      fixed.recordId,
    );
    expect(await store.rechecksOf('C-rck')).toEqual([
      {
        ...recheck(r, 'RCK-1', { objectionId: 'OBJ-1' }),
        status: 'errorConfirmed',
        answeredAt: '2026-11-30T01:00:00.000Z',
        correctedRecordId: fixed.recordId,
      },
    ]);
    // answered: the record may be sent back again
    await store.saveRecheck(recheck(r, 'RCK-3'));
    await store.answerRecheck('RCK-3', 'upheld', '2026-11-30T02:00:00.000Z');
    expect((await store.rechecksOf('C-rck')).map((x) => [x.recheckId, x.status])).toEqual([
      ['RCK-1', 'errorConfirmed'],
      ['RCK-3', 'upheld'],
    ]);
  });

  test('one open objection per person and record; a decision closes it', async () => {
    const r = record('C-obj');
    await store.saveRecord(r);
    await store.saveObjection(objection(r, 'OBJ-1'));
    const twice = await store.saveObjection(objection(r, 'OBJ-2')).catch((e: unknown) => e);
    expect(isUniqueViolation(twice)).toBe(true);
    await store.saveObjection(objection(r, 'OBJ-3', 'P002'));
    await store.decideObjection('OBJ-1', 'sustained', '2026-11-30T01:00:00.000Z');
    await store.saveObjection(objection(r, 'OBJ-4'));
    expect(
      (await store.objectionsOf('C-obj')).map((o) => [o.objectionId, o.status, o.decidedAt]),
    ).toEqual([
      ['OBJ-1', 'sustained', '2026-11-30T01:00:00.000Z'],
      ['OBJ-3', 'open', undefined],
      ['OBJ-4', 'open', undefined],
    ]);
    expect((await store.objectionsOf('C-obj'))[0]).toEqual({
      ...objection(r, 'OBJ-1'),
      status: 'sustained',
      decidedAt: '2026-11-30T01:00:00.000Z',
    });
  });

  test('a transaction keeps all or nothing', async () => {
    const r = record('C-tx');
    await expect(
      store.transaction(async () => {
        await store.saveRecord(r);
        await store.saveRecheck(recheck(r, 'RCK-tx'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.recordsOf('C-tx')).toEqual([]);
    expect(await store.rechecksOf('C-tx')).toEqual([]);
    await store.transaction(async () => {
      await store.saveRecord(r);
      await store.setRecordStatus(r.recordId, 'underRecheck');
      await store.saveRecheck(recheck(r, 'RCK-tx'));
    });
    expect((await store.record(r.recordId))?.status).toBe('underRecheck');
  });

  test('two nodes storing records of one case at once: every record kept, each in its own place', async () => {
    const stores = [store, new SqlSharedDataStore(node()), new SqlSharedDataStore(node())];
    const rs = Array.from({ length: 24 }, () => record('C-nodes'));
    await Promise.all(rs.map((r, i) => stores[i % stores.length].saveRecord(r)));
    const listed = await store.recordsOf('C-nodes');
    expect(listed.map((r) => r.recordId).sort()).toEqual(rs.map((r) => r.recordId).sort());
    const seqs = await db.all<{ seq: number }>(
      'SELECT seq FROM shared_records WHERE case_id = ? ORDER BY seq',
      ['C-nodes'],
    );
    expect(seqs.map((x) => Number(x.seq))).toEqual(rs.map((_r, i) => i + 1));
  });

  test('two nodes sending one record back at once: one recheck pending, the other refused', async () => {
    const r = record('C-race');
    await store.saveRecord(r);
    const other = new SqlSharedDataStore(node());
    const results = await Promise.allSettled([
      store.saveRecheck(recheck(r, 'RCK-x')),
      other.saveRecheck(recheck(r, 'RCK-y')),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect(isUniqueViolation(refused.reason)).toBe(true);
    expect(await store.rechecksOf('C-race')).toHaveLength(1);
  });

  describe('the data-source fault switch', () => {
    test('a switch made on one node is what every node sees; ok removes it; clear resets all', async () => {
      const a = new SqlDataSourceFaults(db, CLOCK);
      const b = new SqlDataSourceFaults(node(), CLOCK);
      expect(await b.of('civilAffairs')).toBe('ok');
      await a.set('civilAffairs', 'slow');
      await a.set('housing', 'wrong');
      expect(await b.of('civilAffairs')).toBe('slow');
      expect(await b.all()).toEqual({
        publicSecurity: 'ok',
        civilAffairs: 'slow',
        housing: 'wrong',
        courts: 'ok',
        banks: 'ok',
        tax: 'ok',
        planning: 'ok',
      });
      await b.set('civilAffairs', 'unavailable');
      expect(await a.of('civilAffairs')).toBe('unavailable');
      await b.set('civilAffairs', 'ok');
      expect(await a.of('civilAffairs')).toBe('ok');
      await a.clear();
      expect(Object.values(await b.all()).every((m) => m === 'ok')).toBe(true);
    });

    test('a node’s configured faults are written at its start, for the sources they name only', async () => {
      const a = new SqlDataSourceFaults(db, CLOCK);
      await a.set('courts', 'unavailable');
      await a.set('banks', 'slow');
      const b = new SqlDataSourceFaults(node(), CLOCK, { banks: 'wrong', tax: 'unavailable' });
      expect(await b.of('banks')).toBe('wrong');
      expect(await a.all()).toMatchObject({
        courts: 'unavailable',
        banks: 'wrong',
        tax: 'unavailable',
      });
      await a.clear();
    });
  });
});
