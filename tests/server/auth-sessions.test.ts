/**
 * Sessions (idle and absolute expiry, renew, logout, devices), step-up, the 浙里办 path, 我的不动产
 * with masking, and the table-driven check that user B cannot reach user A's objects.
 */
import { capturedLogs, startAuthHarness, type AuthHarness } from './support/auth';

let h: AuthHarness;
beforeEach(async () => {
  h = await startAuthHarness();
});
afterEach(async () => {
  await h.close();
});

const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;
const MIN = 60_000;

describe('sessions', () => {
  it('refuses a missing, malformed or unknown token with 401 UNAUTHENTICATED', async () => {
    for (const token of [undefined, 'short', 'A'.repeat(43)]) {
      const r = await h.get('/me', token);
      expect(r.statusCode).toBe(401);
      expect(code(r)).toBe('UNAUTHENTICATED');
    }
  });

  it('stores only a hash of the token', async () => {
    const token = await h.faceLogin(h.person('P001'));
    const rows = (await h.registry.sql.all('SELECT * FROM sessions')) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('expires after 30 idle minutes, but activity keeps it alive', async () => {
    const token = await h.faceLogin(h.person('P001'));
    h.clock.advance(29 * MIN);
    expect((await h.get('/me', token)).statusCode).toBe(200);
    h.clock.advance(29 * MIN);
    const renewed = await h.post('/auth/renew', undefined, token);
    expect(renewed.statusCode).toBe(200);
    expect(Date.parse(renewed.json().idleExpiresAt) - h.clock.ms).toBe(30 * MIN);
    h.clock.advance(30 * MIN);
    const idle = await h.get('/me', token);
    expect(idle.statusCode).toBe(401);
    expect(idle.json().message).toContain('长时间未操作');
  });

  it('expires 12 hours after login however active it is', async () => {
    const token = await h.faceLogin(h.person('P001'));
    for (let i = 0; i < 28; i++) {
      h.clock.advance(25 * MIN);
      expect((await h.post('/auth/renew', undefined, token)).statusCode).toBe(200);
    }
    h.clock.advance(25 * MIN); // 12 h 5 s + 29 × 25 min > 12 h
    const r = await h.get('/me', token);
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toContain('12 小时');
  });

  it('logout and ending a device revoke the session', async () => {
    const phone = await h.faceLogin(h.person('P001'), '手机');
    const tablet = await h.faceLogin(h.person('P001'), '平板');
    const list = await h.get('/me/sessions', phone);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; deviceName: string; current: boolean }[];
    expect(items.map((i) => [i.deviceName, i.current]).sort()).toEqual([
      ['平板', false],
      ['手机', true],
    ]);
    const tabletId = items.find((i) => i.deviceName === '平板')!.id;
    expect((await h.del(`/me/sessions/${tabletId}`, phone)).statusCode).toBe(204);
    expect(code(await h.get('/me', tablet))).toBe('UNAUTHENTICATED');
    expect((await h.get('/me/sessions', phone)).json().items).toHaveLength(1);

    expect((await h.post('/auth/logout', undefined, phone)).statusCode).toBe(204);
    const after = await h.get('/me', phone);
    expect(after.statusCode).toBe(401);
    expect(code(await h.post('/auth/renew', undefined, phone))).toBe('UNAUTHENTICATED');
  });
});

describe('step-up', () => {
  it('the login face check counts as the step-up for 5 minutes, then STEP_UP_REQUIRED', async () => {
    const token = await h.faceLogin(h.person('P001'));
    const loggedInAt = h.clock.ms;
    const units = (await h.get('/me/units', token)).json().items as { unitCode: string }[];
    const url = `/me/units/${units[0].unitCode}/record`;
    // the app reads the window from /me and goes straight on, without a second face prompt
    expect(Date.parse((await h.get('/me', token)).json().stepUpValidUntil)).toBe(
      loggedInAt + 5 * MIN,
    );
    expect((await h.get(url, token)).statusCode).toBe(200);
    h.clock.advance(5 * MIN - 1);
    expect((await h.get(url, token)).statusCode).toBe(200);
    h.clock.advance(1);
    expect(code(await h.get(url, token))).toBe('STEP_UP_REQUIRED');
    expect((await h.get('/me', token)).json().stepUpValidUntil).toBeUndefined();
    // the check is kept as the session's face-check record (what a signature names)
    const rows = (await h.registry.sql.all('SELECT step_up_at, step_up_ref FROM sessions')) as {
      step_up_at: string;
      step_up_ref: string;
    }[];
    expect(rows[0].step_up_at).toBe(new Date(loggedInAt).toISOString());
    expect(rows[0].step_up_ref).toMatch(/\S/);
  });

  it('a 浙里办 ticket login is no face check: the first sensitive act asks for one', async () => {
    const p = h.person('P001');
    const { ticketId } = (await h.post('/sim/zlb/tickets', { idNumber: p.idNumber })).json();
    const token = (await h.post('/auth/zlb/ticket', { ticketId })).json().session.token as string;
    const units = (await h.get('/me/units', token)).json().items as { unitCode: string }[];
    expect(code(await h.get(`/me/units/${units[0].unitCode}/record`, token))).toBe(
      'STEP_UP_REQUIRED',
    );
    expect((await h.get('/me', token)).json().stepUpValidUntil).toBeUndefined();
  });

  it('the record query demands a face check < 5 minutes old in the same session', async () => {
    const token = await h.faceLogin(h.person('P001'));
    const units = (await h.get('/me/units', token)).json().items as { unitCode: string }[];
    expect(units.length).toBeGreaterThan(0);
    const url = `/me/units/${units[0].unitCode}/record`;
    // the login face check has grown older than the window
    h.clock.advance(5 * MIN);

    const before = await h.get(url, token);
    expect(before.statusCode).toBe(403);
    expect(before.json()).toMatchObject({
      code: 'STEP_UP_REQUIRED',
      message: '此操作需要重新进行人脸验证',
    });

    const up = await h.stepUp(token);
    expect(up.statusCode).toBe(200);
    expect(Date.parse(up.json().stepUpValidUntil) - h.clock.ms).toBe(5 * MIN);
    expect((await h.get('/me', token)).json().stepUpValidUntil).toBe(up.json().stepUpValidUntil);

    const ok = await h.get(url, token);
    expect(ok.statusCode).toBe(200);
    const record = ok.json();
    expect(record.unitCode).toBe(units[0].unitCode);
    expect(record.events.map((e: { type: string }) => e.type)).toContain('rightRecorded');

    h.clock.advance(5 * MIN);
    expect(code(await h.get(url, token))).toBe('STEP_UP_REQUIRED');

    // another session of the same person is not stepped up by this one
    const other = await h.faceLogin(h.person('P001'));
    h.clock.advance(5 * MIN); // past the other session's own login check
    await h.stepUp(token);
    expect((await h.get(url, token)).statusCode).toBe(200);
    expect(code(await h.get(url, other))).toBe('STEP_UP_REQUIRED');
  });

  it('a step-up started in one session cannot be completed in another', async () => {
    const a = await h.faceLogin(h.person('P001'));
    const b = await h.faceLogin(h.person('P001'));
    const started = h.clock.ms;
    const s = await h.post('/auth/step-up/start', {}, a);
    h.clock.advance(3000);
    const r = await h.post(
      '/auth/step-up/complete',
      { certifyId: s.json().certifyId, frames: h.frames(started) },
      b,
    );
    expect(code(r)).toBe('CHALLENGE_NOT_FOUND');
    expect(code(await h.post('/auth/step-up/start', {}))).toBe('UNAUTHENTICATED');
  });
});

describe('浙里办', () => {
  it('logs in with a ticket and steps up with a zmAuthentication passId, each used once', async () => {
    const p = h.person('P001');
    const { ticketId } = (await h.post('/sim/zlb/tickets', { idNumber: p.idNumber })).json();
    const login = await h.post('/auth/zlb/ticket', { ticketId });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.personId).toBe('P001');
    const token = login.json().session.token as string;
    expect(code(await h.post('/auth/zlb/ticket', { ticketId }))).toBe('ZLB_TICKET_INVALID');

    const mismatch = await h.post('/sim/zlb/zm-auth', { certNo: p.idNumber, certName: '别人' });
    expect(code(mismatch)).toBe('NAME_ID_MISMATCH');
    const pass = (
      await h.post('/sim/zlb/zm-auth', { certNo: p.idNumber, certName: p.name })
    ).json();
    expect(pass.pass).toBe(true);
    const up = await h.post('/auth/zlb/step-up', { passId: pass.passId }, token);
    expect(up.statusCode).toBe(200);
    expect(code(await h.post('/auth/zlb/step-up', { passId: pass.passId }, token))).toBe(
      'ASSERTION_REPLAYED',
    );

    // someone else's pass does not step this session up
    const q = h.person('P005');
    const other = (
      await h.post('/sim/zlb/zm-auth', { certNo: q.idNumber, certName: q.name })
    ).json();
    expect(code(await h.post('/auth/zlb/step-up', { passId: other.passId }, token))).toBe(
      'ASSERTION_INVALID',
    );

    // a ticket expires after 5 minutes
    const late = (await h.post('/sim/zlb/tickets', { idNumber: p.idNumber })).json();
    h.clock.advance(5 * MIN);
    expect(code(await h.post('/auth/zlb/ticket', { ticketId: late.ticketId }))).toBe(
      'ZLB_TICKET_INVALID',
    );
  });

  it('has no simulator routes when SIMULATORS_ENABLED=false', async () => {
    await h.close();
    // with the simulators off the face check goes to a configured real identity platform
    h = await startAuthHarness({
      env: {
        SIMULATORS_ENABLED: 'false',
        IDENTITY_PLATFORM_URL: 'http://127.0.0.1:9/identity',
        IDENTITY_PLATFORM_PUBLIC_KEY:
          '04cb79bea697a5f90c00fd7d6bb8eb74f78c0b94542f9eb082f626d07b3cb7c2cecbb70aded5cb7124695bf72de3e85c7587bcfc9db97852dcfd514ef252001f5e',
        IDENTITY_PLATFORM_APP_KEY: 'registry-app-key-0001',
      },
    });
    const r = await h.post('/sim/zlb/tickets', { idNumber: h.person('P001').idNumber });
    expect(r.statusCode).toBe(404);
  });
});

describe('我的不动产', () => {
  it('lists the caller’s units with co-owners masked', async () => {
    const me = h.person('P001');
    const spouse = h.person('P002');
    const token = await h.faceLogin(me);
    const r = await h.get('/me/units', token);
    expect(r.statusCode).toBe(200);
    const items = r.json().items as {
      coOwnership: string;
      coOwners: { nameMasked: string; idNumberMasked: string }[];
    }[];
    expect(items.length).toBeGreaterThan(0);
    const joint = items.find((u) => u.coOwnership === 'joint')!;
    expect(joint.coOwners).toEqual([
      {
        nameMasked: '叶*华',
        idNumberMasked: `${spouse.idNumber.slice(0, 6)}********${spouse.idNumber.slice(-4)}`,
      },
    ]);
    expect(r.body).not.toContain(spouse.idNumber);
    expect(r.body).not.toContain(spouse.name);
    expect(r.body).not.toContain(me.idNumber);
  });
});

describe('user B cannot reach user A’s objects', () => {
  it('answers 404 or 403 on every route that takes an id', async () => {
    const a = await h.faceLogin(h.person('P001'));
    const b = await h.faceLogin(h.person('P005'));
    const aUnits = (await h.get('/me/units', a)).json().items as { unitCode: string }[];
    const bUnits = (await h.get('/me/units', b)).json().items as { unitCode: string }[];
    expect(bUnits.map((u) => u.unitCode)).not.toContain(aUnits[0].unitCode);
    const aSessionId = ((await h.get('/me/sessions', a)).json().items as { id: string }[])[0].id;

    const routes: { name: string; run: () => Promise<{ statusCode: number }> }[] = [
      {
        name: 'GET unit record (no step-up)',
        run: () => h.get(`/me/units/${aUnits[0].unitCode}/record`, b),
      },
      { name: 'DELETE A’s session', run: () => h.del(`/me/sessions/${aSessionId}`, b) },
    ];
    for (const r of routes) {
      const res = await r.run();
      expect([403, 404]).toContain(res.statusCode);
    }
    await h.stepUp(b);
    for (const unitCode of [...aUnits.map((u) => u.unitCode), '331002001001GB00001F99999999']) {
      const res = await h.get(`/me/units/${unitCode}/record`, b);
      expect(res.statusCode).toBe(404);
      expect(code(res)).toBe('NOT_FOUND');
    }
    expect((await h.del(`/me/sessions/${aSessionId}`, b)).statusCode).toBe(404);
    expect((await h.get('/me', a)).statusCode).toBe(200); // A's session survived
  });
});

afterAll(async () => {
  const all = capturedLogs.join('');
  expect(capturedLogs.length).toBeGreaterThan(20);
  const h2 = await startAuthHarness();
  try {
    for (const p of h2.persons) expect(all).not.toContain(p.idNumber);
  } finally {
    await h2.close();
  }
});
