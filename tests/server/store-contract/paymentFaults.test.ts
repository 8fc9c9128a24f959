/**
 * The payment gateway simulator's fault queue (its demo/test switch) in the store: one suite,
 * run on the embedded SQLite file and on PostgreSQL. "Two nodes" are two handles on one store:
 * a queue set through one node is what the other node's gateway answers, and each queued answer
 * is given once, whichever node charges.
 */
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlPaymentFaults, type Fault } from '../../../mock-server/src/adapters/payment-sim';
import { DATABASES, migrated, type Store } from '../support/databases';

const clock = { now: () => new Date('2026-03-20T02:00:00.000Z') };

describe.each(DATABASES)('payment fault queue on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;
  let onA: SqlPaymentFaults;
  let onB: SqlPaymentFaults;

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
    onA = new SqlPaymentFaults(a, clock);
    onB = new SqlPaymentFaults(b, clock);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });
  beforeEach(() => onA.set([]));

  test('an empty queue answers ok', async () => {
    expect(await onA.next()).toBe('ok');
    expect(await onB.next()).toBe('ok');
  });

  test('the queued answers come in order, then ok', async () => {
    await onA.set(['transient', 'timeoutAfterCharge', 'duplicateCallback']);
    expect(await onA.next()).toBe('transient');
    expect(await onA.next()).toBe('timeoutAfterCharge');
    expect(await onA.next()).toBe('duplicateCallback');
    expect(await onA.next()).toBe('ok');
  });

  test('a queue set through one node is what the other node answers, and is taken once', async () => {
    await onA.set(['timeoutBeforeCharge', 'slow']);
    expect(await onB.next()).toBe('timeoutBeforeCharge');
    expect(await onA.next()).toBe('slow');
    expect(await onB.next()).toBe('ok');
  });

  test('setting the queue again replaces it', async () => {
    await onA.set(['transient', 'transient', 'transient']);
    await onB.set(['duplicateCallback']);
    expect(await onA.next()).toBe('duplicateCallback');
    expect(await onA.next()).toBe('ok');
  });

  test('charges racing on two nodes take every queued answer exactly once', async () => {
    const queued: Fault[] = ['transient', 'slow', 'timeoutAfterCharge', 'duplicateCallback'];
    await onA.set(queued);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? onA : onB).next()),
    );
    expect(answers.filter((x) => x !== 'ok').sort()).toEqual([...queued].sort());
    expect(answers.filter((x) => x === 'ok')).toHaveLength(4);
  });

  test('the store refuses an answer the gateway does not know', async () => {
    await expect(onA.set(['explode' as Fault])).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/CHECK|check/),
    );
    expect(await onA.next()).toBe('ok');
  });
});
