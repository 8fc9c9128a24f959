/**
 * The utility companies' fault queues (the demo/test switch of the water, power, gas and
 * broadband simulators) in the store: one suite, run on the embedded SQLite file and on
 * PostgreSQL. "Two nodes" are two handles on one store: a queue set through one node is what
 * the other answers, and each queued answer is given once, whichever node asks.
 */
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlUtilityFaults, type UtilityFault } from '../../../mock-server/src/adapters/utility-sim';
import { DATABASES, migrated, type Store } from '../support/databases';

const clock = { now: () => new Date('2026-03-20T02:00:00.000Z') };

describe.each(DATABASES)('utility fault queues on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;
  let onA: SqlUtilityFaults;
  let onB: SqlUtilityFaults;

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
    onA = new SqlUtilityFaults(a, clock);
    onB = new SqlUtilityFaults(b, clock);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });
  beforeEach(() => onA.clear());

  test('a provider without queued faults answers ok', async () => {
    expect(await onA.next('water')).toBe('ok');
    expect(await onB.next('broadband')).toBe('ok');
  });

  test('the queued answers come in order, then ok; the other providers are untouched', async () => {
    await onA.set('power', ['unavailable', 'ok', 'timeout']);
    expect(await onA.next('gas')).toBe('ok');
    expect(await onA.next('power')).toBe('unavailable');
    expect(await onA.next('power')).toBe('ok');
    expect(await onA.next('power')).toBe('timeout');
    expect(await onA.next('power')).toBe('ok');
  });

  test('a queue set through one node is what the other node answers, and is taken once', async () => {
    await onA.set('water', ['timeout', 'unavailable']);
    expect(await onB.next('water')).toBe('timeout');
    expect(await onA.next('water')).toBe('unavailable');
    expect(await onB.next('water')).toBe('ok');
  });

  test('setting a queue again replaces it; clearing empties every queue', async () => {
    await onA.set('gas', ['unavailable', 'unavailable', 'unavailable']);
    await onB.set('gas', ['timeout']);
    expect(await onA.next('gas')).toBe('timeout');
    expect(await onA.next('gas')).toBe('ok');
    await onA.set('gas', ['unavailable']);
    await onA.set('water', ['timeout']);
    await onB.clear();
    expect(await onA.next('gas')).toBe('ok');
    expect(await onA.next('water')).toBe('ok');
    await onA.set('broadband', []);
    expect(await onB.next('broadband')).toBe('ok');
  });

  test('calls racing on two nodes take each queued answer exactly once', async () => {
    const queued: UtilityFault[] = ['unavailable', 'timeout', 'unavailable', 'timeout', 'timeout'];
    await onA.set('water', queued);
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, i) => (i % 2 ? onA : onB).next('water')),
    );
    const count = (f: UtilityFault) => answers.filter((x) => x === f).length;
    expect(count('unavailable')).toBe(2);
    expect(count('timeout')).toBe(3);
    expect(count('ok')).toBe(4);
    expect(await onB.next('water')).toBe('ok');
  });
});
