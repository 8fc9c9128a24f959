/**
 * The 消息 box pages, the channels' outbox and the messaging simulator in the store
 * (adapters/sqlite/messageBoxStore.ts, adapters/messaging-sim): one suite, run on the embedded
 * SQLite file and on PostgreSQL. "Two nodes" are two handles on one store: a delivery is taken
 * by one node at a time, a claimed delivery is not due again before its lease ends, and the
 * simulator takes in each delivery once whichever node sends it and however often.
 */
import { SqlMessagingSimulator } from '../../../mock-server/src/adapters/messaging-sim';
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlCaseStore } from '../../../mock-server/src/adapters/sqlite/caseStore';
import { SqlMessageBoxStore } from '../../../mock-server/src/adapters/sqlite/messageBoxStore';
import type { Delivery } from '../../../mock-server/src/ports/messaging';
import { DATABASES, migrated, type Store } from '../support/databases';

const T0 = '2026-03-20T02:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
const clock = { now: () => new Date(T0) };

describe.each(DATABASES)('messaging stores on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;
  let n = 0;

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

  /** a message in `personId`'s box at second `s`, and its deliveries on both channels */
  async function raise(personId: string, s: number): Promise<{ messageId: string; d: Delivery[] }> {
    const messageId = `MSG-${++n}`;
    await new SqlCaseStore(a).deliver([
      {
        messageId,
        personId,
        title: `消息${n}`,
        body: '正文',
        deliveredAt: at(s),
        event: 'accepted',
        certificateId: 'CERT-1',
      },
    ]);
    const d: Delivery[] = (['sms', 'zlb'] as const).map((channel) => ({
      deliveryId: `DLV-${n}-${channel}`,
      messageId,
      personId,
      channel,
      event: 'accepted',
      text: '【台州不动产】已受理',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at(s),
      createdAt: at(s),
    }));
    await new SqlMessageBoxStore(a).enqueue(d);
    return { messageId, d };
  }

  test('a person pages through their own messages newest first on either node; unread and read', async () => {
    const onA = new SqlMessageBoxStore(a);
    const onB = new SqlMessageBoxStore(b);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await raise('P-PAGE', i)).messageId);
    await raise('P-OTHER', 10);
    const first = await onA.page('P-PAGE', { limit: 2 });
    expect(first.map((m) => m.messageId)).toEqual([ids[4], ids[3]]);
    expect(first[0]).toMatchObject({ event: 'accepted', certificateId: 'CERT-1' });
    const last = first.at(-1)!;
    const next = await onB.page('P-PAGE', {
      limit: 10,
      after: { deliveredAt: last.deliveredAt, messageId: last.messageId },
    });
    expect(next.map((m) => m.messageId)).toEqual([ids[2], ids[1], ids[0]]);
    expect(await onB.unreadCount('P-PAGE')).toBe(5);
    const cases = new SqlCaseStore(b);
    const read = await cases.markRead(ids[0], 'P-PAGE', at(20));
    expect((await cases.markRead(ids[0], 'P-PAGE', at(30)))!.readAt).toBe(read!.readAt);
    expect(await cases.markRead(ids[0], 'P-OTHER', at(30))).toBeUndefined();
    expect(await onA.unreadCount('P-PAGE')).toBe(4);
  });

  test('a delivery is enqueued once per message and channel', async () => {
    const { d } = await raise('P-ONCE', 0);
    await new SqlMessageBoxStore(b).enqueue(
      d.map((x) => ({ ...x, deliveryId: `${x.deliveryId}-again` })),
    );
    expect(
      await new SqlMessageBoxStore(a).deliveries({ personId: 'P-ONCE', limit: 10 }),
    ).toHaveLength(2);
  });

  test('two nodes racing take each due delivery once; a taken one waits for its lease', async () => {
    for (let i = 0; i < 4; i++) await raise('P-RACE', 0);
    const onA = new SqlMessageBoxStore(a);
    const onB = new SqlMessageBoxStore(b);
    const taken = (
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? onA : onB).claimDue(at(100), at(160), 10)),
      )
    ).flat();
    const mine = taken.filter((d) => d.personId === 'P-RACE');
    expect(mine).toHaveLength(8);
    expect(new Set(mine.map((d) => d.deliveryId)).size).toBe(8);
    expect(mine.every((d) => d.attempts === 1 && d.nextAttemptAt === at(160))).toBe(true);
    // in flight until the lease ends; then due again (a node stopped mid-send)
    expect(await onA.claimDue(at(159), at(219), 50)).toEqual([]);
    const again = await onB.claimDue(at(160), at(220), 50);
    expect(again.filter((d) => d.personId === 'P-RACE')).toHaveLength(8);
    expect(again.every((d) => d.attempts === 2)).toBe(true);
    // settled: sent, retried later, or given up
    const [s, r, f] = again;
    await onA.markSent(s.deliveryId, at(161), 'RCPT-1');
    await onB.markFailed(r.deliveryId, '通道暂不可用', { status: 'pending', retryAt: at(300) });
    await onA.markFailed(f.deliveryId, '通道暂不可用', { status: 'failed', at: at(161) });
    // a late answer of a stopped node does not undo what was recorded
    await onB.markFailed(s.deliveryId, '通道无应答', { status: 'pending', retryAt: at(400) });
    const log = new Map((await onB.deliveries({ limit: 500 })).map((d) => [d.deliveryId, d]));
    expect(log.get(s.deliveryId)).toMatchObject({
      status: 'sent',
      receiptId: 'RCPT-1',
      sentAt: at(161),
    });
    expect(log.get(r.deliveryId)).toMatchObject({
      status: 'pending',
      lastError: '通道暂不可用',
      nextAttemptAt: at(300),
    });
    expect(log.get(f.deliveryId)).toMatchObject({ status: 'failed' });
    expect((await onA.claimDue(at(299), at(359), 50)).map((d) => d.deliveryId)).not.toContain(
      r.deliveryId,
    );
    expect((await onA.claimDue(at(300), at(360), 50)).map((d) => d.deliveryId)).toContain(
      r.deliveryId,
    );
  });

  test('the simulator takes in a delivery once from either node; a channel down on one is down on both', async () => {
    const onA = new SqlMessagingSimulator(a, clock);
    const onB = new SqlMessagingSimulator(b, clock);
    const send = {
      deliveryId: 'DLV-SIM-1',
      channel: 'sms' as const,
      address: '13812345678',
      text: '短信',
    };
    const [x, y] = await Promise.all([onA.send(send), onB.send(send)]);
    expect(x).toEqual(y);
    expect(x.ok).toBe(true);
    const got = await onB.received(['DLV-SIM-1', 'DLV-NONE']);
    expect([...got.keys()]).toEqual(['DLV-SIM-1']);
    expect(got.get('DLV-SIM-1')!.recipient).toBe('138****5678');
    await onA.setDown('zlb', true);
    expect(
      await onB.send({ ...send, deliveryId: 'DLV-SIM-2', channel: 'zlb', address: 'P-1' }),
    ).toEqual({
      ok: false,
      error: '浙里办消息通道暂不可用',
    });
    expect((await onA.received(['DLV-SIM-2'])).size).toBe(0);
    await onB.setDown('zlb', false);
    expect(
      (await onA.send({ ...send, deliveryId: 'DLV-SIM-2', channel: 'zlb', address: 'P-1' })).ok,
    ).toBe(true);
  });
});
