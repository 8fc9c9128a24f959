/**
 * The case feed (migration 0041) on SqlDb: one suite on the SQLite file and on PostgreSQL. A
 * change of a case or of its signing rows numbers the case's feed in the change's own
 * transaction (both handles read the same number; a rolled-back change leaves none), and the
 * node's notifier hears a change once it commits: on PostgreSQL a change made through the other
 * handle (another node, by NOTIFY), on SQLite one made through its own connection.
 */
import { SqliteSqlDb, type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlCaseFeedStore } from '../../../mock-server/src/adapters/caseFeed/caseFeedStore';
import { InProcessCaseNotifier } from '../../../mock-server/src/adapters/caseFeed/inProcessNotifier';
import { PostgresCaseNotifier } from '../../../mock-server/src/adapters/caseFeed/postgresNotifier';
import { SqlCaseStore } from '../../../mock-server/src/adapters/sqlite/caseStore';
import type { CaseRecord } from '../../../mock-server/src/domain/cases';
import type { CaseChangeNotifier } from '../../../mock-server/src/ports';
import { DATABASES, migrated, type Store } from '../support/databases';

let serial = 0;
const newCase = (): CaseRecord =>
  ({
    caseId: `FEED-${++serial}`,
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
    timeline: [],
    version: 1,
  }) as unknown as CaseRecord;

describe.each(DATABASES)('case feed on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;
  let notifier: CaseChangeNotifier;

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
    // the node that listens: the other handle on PostgreSQL, the writing one on the SQLite file
    notifier =
      a instanceof SqliteSqlDb
        ? new InProcessCaseNotifier(a)
        : new PostgresCaseNotifier(store.url!);
  });
  afterAll(async () => {
    await notifier?.close();
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });

  it('numbers each committed change of a case, the same on both handles; a rollback leaves none', async () => {
    const cases = new SqlCaseStore(a);
    const c = newCase();
    await cases.insert(c);
    const feed = new SqlCaseFeedStore(b);
    expect(await feed.latest(c.caseId)).toBe(1);
    await cases.update({ ...c, version: 2 }, 1);
    expect(await feed.latest(c.caseId)).toBe(2);
    await expect(
      cases.transaction(async () => {
        await cases.update({ ...c, version: 3 }, 2);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await new SqlCaseFeedStore(a).latest(c.caseId)).toBe(2);
    expect(await feed.latest('FEED-none')).toBe(0);
  });

  it('tells the watchers of a case of its change once it commits, and no one else', async () => {
    const c = newCase();
    const other = newCase();
    const cases = new SqlCaseStore(a);
    await cases.insert(c);
    await cases.insert(other);
    const heard: (number | undefined)[] = [];
    let wake: () => void = () => undefined;
    const stop = notifier.watch(c.caseId, (seq) => {
      heard.push(seq);
      wake();
    });
    const strangers: unknown[] = [];
    const stopOther = notifier.watch('FEED-unwatched', (seq) => strangers.push(seq));
    await notifier.ready();
    await cases.update({ ...other, version: 2 }, 1);
    await cases.update({ ...c, version: 2 }, 1);
    while (!heard.includes(2)) await new Promise<void>((r) => (wake = r));
    expect(heard).toEqual([2]);
    expect(strangers).toEqual([]);
    stop();
    stopOther();
  });
});
