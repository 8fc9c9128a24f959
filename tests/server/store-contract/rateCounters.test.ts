/**
 * The throttles' counters in the store (adapters/sqlite/rateCounterStore.ts): one suite, run on
 * the embedded SQLite file and on PostgreSQL. "Two nodes" are two handles on one store: hits
 * counted on either node are one count, also when they arrive at the same moment, so a limit
 * holds however the load balancer spreads the tries; the face-check throttle and the
 * @fastify/rate-limit store built on them hold across nodes too.
 */
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import { SqlRateCounterStore } from '../../../mock-server/src/adapters/sqlite/rateCounterStore';
import { sqlRateLimitStore } from '../../../mock-server/src/http/rateLimitStore';
import { FailureThrottle } from '../../../mock-server/src/usecases/shared/throttle';
import { DATABASES, migrated, type Store } from '../support/databases';

const T0 = Date.parse('2026-03-20T02:00:00.000Z');
const MIN = 60_000;

describe.each(DATABASES)('rate counters on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;
  let onA: SqlRateCounterStore;
  let onB: SqlRateCounterStore;
  let n = 0;
  const key = () => `k-${++n}`;

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
    onA = new SqlRateCounterStore(a);
    onB = new SqlRateCounterStore(b);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });

  test('a first hit opens a window; hits on either node are one count', async () => {
    const k = key();
    expect(await onA.read(k, T0)).toEqual({ hits: 0, expiresAtMs: 0 });
    expect(await onA.hit(k, 10 * MIN, T0)).toEqual({ hits: 1, expiresAtMs: T0 + 10 * MIN });
    expect(await onB.hit(k, 10 * MIN, T0 + MIN)).toEqual({ hits: 2, expiresAtMs: T0 + 10 * MIN });
    expect(await onA.read(k, T0 + 2 * MIN)).toEqual({ hits: 2, expiresAtMs: T0 + 10 * MIN });
  });

  test('an expired counter reads as none and starts afresh at the next hit', async () => {
    const k = key();
    await onA.hit(k, MIN, T0);
    await onA.hit(k, MIN, T0);
    expect(await onB.read(k, T0 + MIN)).toEqual({ hits: 0, expiresAtMs: 0 });
    expect(await onB.hit(k, MIN, T0 + MIN)).toEqual({ hits: 1, expiresAtMs: T0 + 2 * MIN });
  });

  test('hits arriving on both nodes at the same moment are all counted', async () => {
    const k = key();
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? onA : onB).hit(k, 10 * MIN, T0)),
    );
    expect(all.map((c) => c.hits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect((await onA.read(k, T0)).hits).toBe(20);
  });

  test('expireAt gives a block its own end; reset forgets; prune removes the ended', async () => {
    const k = key();
    await onA.hit(k, 60 * MIN, T0);
    await onB.expireAt(k, T0 + 5 * MIN);
    expect(await onA.read(k, T0 + 4 * MIN)).toEqual({ hits: 1, expiresAtMs: T0 + 5 * MIN });
    expect((await onA.read(k, T0 + 5 * MIN)).hits).toBe(0);
    const gone = key();
    await onA.hit(gone, MIN, T0);
    await onB.reset(gone);
    expect((await onA.read(gone, T0)).hits).toBe(0);
    expect(await onA.prune(T0 + 100 * 24 * 60 * MIN)).toBeGreaterThan(0);
    expect(Number((await a.get<{ n: number }>('SELECT count(*) AS n FROM rate_counters'))!.n)).toBe(
      0,
    );
  });

  test('a failure throttle blocks on both nodes at its limit, with a doubling block', async () => {
    let now = T0;
    const clock = { now: () => new Date(now) };
    const [tA, tB] = [onA, onB].map((counters) => new FailureThrottle({ counters, clock }));
    const limit = { max: 3, windowMs: 60 * MIN, blockMs: 10 * MIN, maxBlockMs: 60 * MIN };
    const k = key();
    for (let i = 0; i < 3; i++) await (i % 2 ? tA : tB).fail(k, limit);
    expect(await tA.blockedFor(k, 3)).toBe(600);
    expect(await tB.blockedFor(k, 3)).toBe(600);
    now += 10 * MIN;
    expect(await tA.blockedFor(k, 3)).toBeUndefined();
    for (let i = 0; i < 3; i++) await (i % 2 ? tA : tB).fail(k, limit);
    expect(await tB.blockedFor(k, 3)).toBe(1200);
  });

  test('the @fastify/rate-limit store counts per route and key across nodes, with backoff', async () => {
    const now = T0;
    const clock = { now: () => new Date(now) };
    const StoreA = sqlRateLimitStore(onA, clock);
    const StoreB = sqlRateLimitStore(onB, clock);
    const route = { routeInfo: { method: 'POST', url: '/x' }, exponentialBackoff: true };
    const sA = new StoreA({}).child(route);
    const sB = new StoreB({}).child(route);
    const other = new StoreB({}).child({ routeInfo: { method: 'POST', url: '/y' } });
    const incr = (s: typeof sA, ip: string) =>
      new Promise<{ current: number; ttl: number }>((resolve, reject) =>
        s.incr(ip, (err, r) => (err ? reject(err) : resolve(r!)), 60_000, 2),
      );
    expect(await incr(sA, '10.0.0.1')).toEqual({ current: 1, ttl: 60_000 });
    expect(await incr(sB, '10.0.0.1')).toEqual({ current: 2, ttl: 60_000 });
    // over the limit: each further request doubles the wait
    expect(await incr(sA, '10.0.0.1')).toEqual({ current: 3, ttl: 60_000 });
    expect(await incr(sB, '10.0.0.1')).toEqual({ current: 4, ttl: 120_000 });
    // another address, another route: their own counts
    expect((await incr(sA, '10.0.0.2')).current).toBe(1);
    expect((await incr(other, '10.0.0.1')).current).toBe(1);
  });
});
