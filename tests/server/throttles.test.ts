/**
 * Limits that keep floods off without harming anyone, through the API: password hashing runs off
 * the event loop (40 parallel bogus staff logins do not hold /healthz back), face checks started
 * from one address are capped per minute and a person keeps a few open challenges only,
 * invitation codes and records queries are limited per person. Every refusal is 429
 * RATE_LIMITED with a Chinese message and Retry-After.
 */
import { scryptHasher } from '../../mock-server/src/adapters/staff/password';
import { startHarness, type Harness } from './support/registry';
import { client, login } from './support/cases-client';

const API = '/api/v1';
const P = { idNumber: '331081198512258315', name: '李国平' };
const STRANGER = { idNumber: '331023196801208629', name: '应敏' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('password hashing off the event loop', () => {
  it('scrypt verifications run in the thread pool: the event loop turns before any finishes', async () => {
    const hash = await scryptHasher.hash('the right password');
    const order: string[] = [];
    const checks = Array.from({ length: 8 }, (_, i) =>
      scryptHasher.verify(`wrong ${i}`, hash).then(() => order.push('verify')),
    );
    // scheduled after all eight started: with a synchronous scrypt they would all be done first
    await new Promise<void>((resolve) => setImmediate(resolve));
    order.push('loop');
    await Promise.all(checks);
    expect(order[0]).toBe('loop');
    expect(order).toHaveLength(9);
  });

  it('/healthz answers while 40 bogus staff logins from 40 addresses are still being checked', async () => {
    let pending = 40;
    const logins = Array.from({ length: 40 }, (_, i) =>
      h.app
        .inject({
          method: 'POST',
          url: `${API}/staff/session`,
          payload: { username: `nobody-${i}`, password: `guess-${i}` },
          remoteAddress: `10.40.0.${i + 1}`,
        })
        .then((r) => {
          pending -= 1;
          return r;
        }),
    );
    const health = await h.app.inject({ method: 'GET', url: '/healthz' });
    const stillPending = pending;
    expect(health.statusCode).toBe(200);
    // answered while logins were still being verified: they did not block the event loop
    expect(stillPending).toBeGreaterThan(0);
    const answers = await Promise.all(logins);
    expect(answers.every((r) => r.statusCode === 401)).toBe(true);
  });
});

describe('face checks', () => {
  it('one address may start at most 60 face checks a minute; the person keeps 3 open challenges', async () => {
    const statuses: number[] = [];
    let limited: { code: string; message: string } | undefined;
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < 65; i++) {
      const r = await h.app.inject({
        method: 'POST',
        url: `${API}/auth/face/start`,
        payload: P,
        remoteAddress: '10.60.0.1',
      });
      statuses.push(r.statusCode);
      if (r.statusCode === 429 && !limited) {
        limited = r.json();
        retryAfter = r.headers['retry-after'];
      }
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
    expect(limited!.code).toBe('RATE_LIMITED');
    expect(limited!.message).toMatch(/请求过于频繁/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // another address is not affected
    const other = await h.app.inject({
      method: 'POST',
      url: `${API}/auth/face/start`,
      payload: P,
      remoteAddress: '10.60.0.2',
    });
    expect(other.statusCode).toBe(200);
    // sixty-one challenges issued, three kept
    const open = await h.registry.sql.get<{ n: number }>(
      'SELECT count(*) AS n FROM face_attempts WHERE id_number = ?',
      [P.idNumber],
    );
    expect(Number(open!.n)).toBe(3);
  });
});

describe('limits per person', () => {
  it('invitation codes: 30 tries an hour per person, then 429', async () => {
    const me = await login(h, STRANGER, false);
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await h.app.inject({
        method: 'POST',
        url: `${API}/invitations/accept`,
        headers: { authorization: `Bearer ${me}` },
        payload: { code: 'ABCDEF' },
      });
      codes.push(r.json().code);
    }
    expect(codes.slice(0, 30).every((c) => c === 'INVITATION_NOT_FOUND')).toBe(true);
    expect(codes[30]).toBe('RATE_LIMITED');
  });

  it('records queries: 30 an hour per person, then 429 whatever the address', async () => {
    const token = await login(h, STRANGER);
    const me = client(h, token);
    const body = {
      role: 'interestedParty',
      purpose: 'lease',
      unitCode: '331004001005GB04397F00120001',
    };
    // a unit the stranger does not hold: refused, and counted against the one per-person lookup
    // limit too (10 an hour), which answers before the route's own limit is reached
    for (let i = 0; i < 10; i++) await me.post('/records-queries', body, 403);
    for (let i = 10; i < 30; i++) {
      const limited = await me.post<{ code: string; message: string }>(
        '/records-queries',
        body,
        429,
      );
      expect(limited.message).toMatch(/查找不动产的次数过多/);
    }
    const r = await h.app.inject({
      method: 'POST',
      url: `${API}/records-queries`,
      headers: { authorization: `Bearer ${token}` },
      payload: body,
      remoteAddress: '10.61.0.1',
    });
    expect([r.statusCode, r.json().code]).toEqual([429, 'RATE_LIMITED']);
    expect(r.json().message).toMatch(/请求过于频繁/);
  });
});
