/**
 * The case store on SqlDb: one suite, run on the embedded SQLite file and on PostgreSQL. "Two
 * nodes" are two handles on one store (two connections on one SQLite file, two pools on one
 * PostgreSQL database): a case version is taken once, serials run on without gaps or repeats,
 * an idempotency key acts once and the lookup limit holds across both.
 */
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlCaseStore } from '../../../mock-server/src/adapters/sqlite/caseStore';
import { SqlIdempotencyRecords } from '../../../mock-server/src/adapters/sqlite/idempotencyRecords';
import type { CaseRecord } from '../../../mock-server/src/domain/cases';
import { Idempotency } from '../../../mock-server/src/usecases/shared/idempotency';
import { DATABASES, migrated, type Store } from '../support/databases';

let serial = 0;
const newCase = (over: Partial<CaseRecord> = {}): CaseRecord =>
  ({
    caseId: `CASE-${++serial}`,
    businessTypeCode: 'transfer.sale',
    businessTypeVersion: 1,
    status: 'draft',
    unitCode: '331002001001GB00001F00010001',
    parties: [{ personId: 'P1', name: '甲', role: 'rightHolder' }],
    answers: {},
    materials: [],
    createdBy: 'P1',
    createdAt: '2026-03-20T02:00:00.000Z',
    updatedAt: '2026-03-20T02:00:00.000Z',
    timeline: [
      {
        seq: 1,
        action: 'edit',
        from: null,
        to: 'draft',
        actor: { kind: 'party', id: 'P1', displayName: '甲' },
        at: '2026-03-20T02:00:00.000Z',
      },
    ],
    version: 1,
    ...over,
  }) as unknown as CaseRecord;

const nextVersion = (c: CaseRecord, note: string): CaseRecord =>
  ({
    ...c,
    version: c.version + 1,
    timeline: [
      ...c.timeline,
      { ...c.timeline[0], seq: c.timeline.length + 1, action: 'edit', from: 'draft', note },
    ],
  }) as CaseRecord;

describe.each(DATABASES)('case store on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });

  it('stores a case, lists it for its parties and reads it on the other node', async () => {
    const c = newCase();
    await new SqlCaseStore(a).insert(c);
    const other = new SqlCaseStore(b);
    expect(await other.get(c.caseId)).toEqual(c);
    expect((await other.listByPerson('P1')).map((x) => x.caseId)).toContain(c.caseId);
    expect((await other.listByStatus(['draft'])).map((x) => x.caseId)).toContain(c.caseId);
    expect(await other.get('CASE-none')).toBeUndefined();
  });

  it("pages a person's cases newest first with a cursor: every case once, ties by case id", async () => {
    const one = new SqlCaseStore(a);
    const at = (i: number) => `2026-04-0${1 + (i % 3)}T02:00:00.000Z`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const c = newCase({
        createdAt: at(i),
        parties: [
          { personId: 'PAGER', name: '页', role: 'rightHolder' },
          // a second role in the same case still lists it once
          { personId: 'PAGER', name: '页', role: 'obligor' },
        ] as CaseRecord['parties'],
      });
      await one.insert(c);
      ids.push(c.caseId);
    }
    const other = new SqlCaseStore(b);
    const all = (await other.listByPerson('PAGER')).map((x) => x.caseId);
    const seen: string[] = [];
    let after: { createdAt: string; caseId: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const got = await other.pageByPerson('PAGER', { limit: 3, ...(after ? { after } : {}) });
      seen.push(...got.map((x) => x.caseId));
      if (got.length < 3) break;
      const last = got[got.length - 1];
      after = { createdAt: last.createdAt, caseId: last.caseId };
    }
    expect(seen).toEqual(all);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('takes a version once: of two nodes updating the same version, one wins, one gets CONFLICT', async () => {
    const c = newCase();
    const one = new SqlCaseStore(a);
    const two = new SqlCaseStore(b);
    await one.insert(c);
    const results = await Promise.allSettled([
      one.update(nextVersion(c, 'a'), c.version),
      two.update(nextVersion(c, 'b'), c.version),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
    const now = await one.get(c.caseId);
    expect(now?.version).toBe(2);
    const events = await a.all<{ seq: number }>(
      'SELECT seq FROM case_events WHERE case_id = ? ORDER BY seq',
      [c.caseId],
    );
    expect(events.map((e) => Number(e.seq))).toEqual([1, 2]);
  });

  it('rolls a transaction back whole: the update, the serial and the after-commit work', async () => {
    const c = newCase();
    const s = new SqlCaseStore(a);
    await s.insert(c);
    const told: string[] = [];
    await expect(
      s.transaction(async () => {
        await s.nextSerial('rollback-key');
        await s.update(nextVersion(c, 'x'), c.version);
        s.afterCommit(() => told.push('x'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(told).toEqual([]);
    expect((await s.get(c.caseId))?.version).toBe(1);
    expect(await s.nextSerial('rollback-key')).toBe(1);
    await s.transaction(async () => {
      s.afterCommit(() => told.push('y'));
      expect(told).toEqual([]);
    });
    expect(told).toEqual(['y']);
  });

  it('numbers serials uniquely and without gaps across two nodes; a new counter starts at its floor', async () => {
    const one = new SqlCaseStore(a);
    const two = new SqlCaseStore(b);
    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).transaction(() =>
          (i % 2 ? one : two).nextSerial('浙(2026)椒江区不动产权第', async () => 100),
        ),
      ),
    );
    expect([...taken].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
  });

  it('keeps documents, messages and void announcements', async () => {
    const c = newCase();
    const s = new SqlCaseStore(a);
    await s.insert(c);
    const doc = {
      documentId: `DOC-${c.caseId}`,
      kind: 'acceptanceReceipt',
      number: `N-${c.caseId}`,
      caseId: c.caseId,
      issuedAt: '2026-03-20T02:00:00.000Z',
      document: { body: { text: '受理' }, seal: { keyId: 'K' } } as never,
    };
    await s.saveDocument(doc);
    expect(await new SqlCaseStore(b).documentsOfCase(c.caseId)).toEqual([doc]);
    await s.deliver([
      {
        messageId: `M-${c.caseId}`,
        personId: 'P9',
        caseId: c.caseId,
        documentId: doc.documentId,
        title: 't',
        body: 'b',
        deliveredAt: '2026-03-20T02:00:00.000Z',
      },
    ]);
    expect(await s.messagesOf('P9')).toHaveLength(1);
    const read = await new SqlCaseStore(b).markRead(
      `M-${c.caseId}`,
      'P9',
      '2026-03-20T03:00:00.000Z',
    );
    expect(read?.readAt).toBe('2026-03-20T03:00:00.000Z');
    expect(await s.markRead(`M-${c.caseId}`, 'P8', 'x')).toBeUndefined();
  });

  it('an idempotency key acts once when the same request arrives on both nodes at once', async () => {
    const make = (db: SqlDb) => {
      const cases = new SqlCaseStore(db);
      return new Idempotency({
        records: new SqlIdempotencyRecords(db),
        transaction: (fn) => cases.transaction(fn),
        clock: { now: () => new Date('2026-03-20T02:00:00.000Z') },
      });
    };
    const c = newCase();
    await new SqlCaseStore(a).insert(c);
    let runs = 0;
    const submit = (db: SqlDb) => async () => {
      runs += 1;
      const s = new SqlCaseStore(db);
      const now = (await s.get(c.caseId))!;
      await s.update(nextVersion(now, 'submit'), now.version);
      return { version: now.version + 1 };
    };
    const answers = await Promise.all([
      make(a).run('P1', 'key-1', 'submit|x', submit(a)),
      make(b).run('P1', 'key-1', 'submit|x', submit(b)),
      make(a).run('P1', 'key-1', 'submit|x', submit(a)),
    ]);
    expect(runs).toBe(1);
    expect(answers).toEqual([{ version: 2 }, { version: 2 }, { version: 2 }]);
    await expect(make(b).run('P1', 'key-1', 'submit|y', submit(b))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('counts certificate-number lookups per person across nodes; the window moves on', async () => {
    const one = new SqlCaseStore(a);
    const two = new SqlCaseStore(b);
    const at = 1_000_000;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? one : two).countCertificateLookup('LP1', at + i, 3_600_000, 4),
      ),
    );
    expect(results.filter((r) => r.counted)).toHaveLength(4);
    expect(results.filter((r) => !r.counted)[0]).toEqual({ counted: false, oldestAtMs: at });
    expect(await one.countCertificateLookup('LP2', at, 3_600_000, 4)).toEqual({ counted: true });
    expect(await two.countCertificateLookup('LP1', at + 3_600_000, 3_600_000, 4)).toEqual({
      counted: true,
    });
  });
});
