/**
 * Face login through the identity platform simulator: every failure code, replayed frames and
 * assertions, lock-out and rate limiting, body limits, and logs free of full ID numbers.
 */
import { FACE_MISMATCH_PERSON_ID } from '../../mock-server/src/adapters/identity-sim';
import { signAssertion } from '../../mock-server/src/domain/identity';
import type { IdentityVerifier } from '../../mock-server/src/ports';
import { base64, bigJpeg, tinyJpeg } from './support/jpeg';
import { capturedLogs, startAuthHarness, T0, type AuthHarness } from './support/auth';

let h: AuthHarness;
beforeEach(async () => {
  h = await startAuthHarness();
});
afterEach(async () => {
  await h.close();
});

const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;

describe('face login', () => {
  it('starts with a two-action challenge and ends with a session and the masked user', async () => {
    const p = h.person('P001');
    const s = await h.startFace(p);
    expect(s.statusCode).toBe(200);
    const body = s.json();
    expect(body.minFrames).toBe(3);
    expect(body.maxFrameBytes).toBe(512000);
    // the simulated platform's prompt pace (FACE_SIM_PROMPT_MS, default 1.8 s per action)
    expect(body.promptMs).toBe(1800);
    // the simulator takes the app's demonstration camera, and says so (never a real platform)
    expect(body.demoCamera).toBe(true);
    expect(body.challenge.actions).toHaveLength(2);
    expect(new Set(body.challenge.actions).size).toBe(2);
    for (const a of body.challenge.actions)
      expect(['眨眼', '张嘴', '左转头', '右转头']).toContain(a);
    expect(Date.parse(body.challenge.expiresAt) - T0).toBe(120_000);
    expect(body.challenge.nonce).toMatch(/^[0-9a-f]{32}$/);

    h.clock.advance(5000);
    const c = await h.post('/auth/face/complete', {
      certifyId: body.certifyId,
      frames: h.frames(T0),
      deviceName: '张三的 iPhone',
    });
    expect(c.statusCode).toBe(200);
    const login = c.json();
    expect(login.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(login.session.expiresAt) - h.clock.ms).toBe(12 * 3600_000);
    expect(Date.parse(login.session.idleExpiresAt) - h.clock.ms).toBe(30 * 60_000);
    expect(login.user).toEqual({
      personId: 'P001',
      name: '李*平',
      idNumberMasked: `${p.idNumber.slice(0, 6)}********${p.idNumber.slice(-4)}`,
      phoneMasked: `${p.phone!.slice(0, 3)}****${p.phone!.slice(-4)}`,
    });
    const me = await h.get('/me', login.session.token);
    expect(me.statusCode).toBe(200);
    expect(me.json().personId).toBe('P001');
    // the login face check is the session's step-up for the next 5 minutes
    expect(me.json().stepUpValidUntil).toBe(new Date(h.clock.ms + 5 * 60_000).toISOString());
  });

  it.each([
    ['bad checksum', { name: '李国平', idNumber: '331081198512258316' }, 400, 'ID_NUMBER_INVALID'],
    ['bad format', { name: '李国平', idNumber: '3310811985' }, 400, 'ID_NUMBER_INVALID'],
    ['nobody has it', { name: '张三', idNumber: '11010519491231002X' }, 404, 'PERSON_UNKNOWN'],
    ['name differs', { name: '李国', idNumber: '331081198512258315' }, 422, 'NAME_ID_MISMATCH'],
  ])('start refuses %s', async (_why, body, status, expected) => {
    const r = await h.post('/auth/face/start', body);
    expect(r.statusCode).toBe(status);
    expect(code(r)).toBe(expected);
    expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.json().requestId).toBeTruthy();
  });

  it(`persona ${FACE_MISMATCH_PERSON_ID} always fails the face match, and may retry`, async () => {
    const p = h.person(FACE_MISMATCH_PERSON_ID);
    for (let i = 0; i < 2; i++) {
      const started = h.clock.ms;
      const s = await h.startFace(p);
      expect(s.statusCode).toBe(200);
      h.clock.advance(4000);
      const c = await h.post('/auth/face/complete', {
        certifyId: s.json().certifyId,
        frames: h.frames(started),
      });
      expect(c.statusCode).toBe(422);
      expect(code(c)).toBe('FACE_MISMATCH');
    }
  });

  async function complete(framesFor: (startedMs: number) => unknown[], advanceMs = 5000) {
    const started = h.clock.ms;
    const s = await h.startFace(h.person('P003'));
    h.clock.advance(advanceMs);
    return h.post('/auth/face/complete', {
      certifyId: s.json().certifyId,
      frames: framesFor(started),
    });
  }
  const frame = (ms: number, bytes: Uint8Array = tinyJpeg(7)) => ({
    data: base64(bytes),
    capturedAt: new Date(ms).toISOString(),
  });

  it.each<[string, (t: number) => unknown[], number, string]>([
    ['two frames', (t) => h.frames(t, 2), 422, 'FRAMES_TOO_FEW'],
    [
      'a PNG',
      (t) => [
        frame(t + 1),
        frame(t + 2),
        frame(t + 3, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
      ],
      422,
      'FRAME_INVALID',
    ],
    [
      'a JPEG without EOI',
      (t) => [frame(t + 1), frame(t + 2), frame(t + 3, tinyJpeg(3).slice(0, -2))],
      422,
      'FRAME_INVALID',
    ],
    [
      'not base64',
      (t) => [
        frame(t + 1),
        frame(t + 2),
        { data: '***', capturedAt: new Date(t + 3).toISOString() },
      ],
      422,
      'FRAME_INVALID',
    ],
    [
      'a frame over 500 KB',
      (t) => [frame(t + 1), frame(t + 2), frame(t + 3, bigJpeg(513_000))],
      422,
      'FRAME_INVALID',
    ],
    [
      'two identical frames',
      (t) => {
        const f = frame(t + 1);
        return [f, { ...f, capturedAt: new Date(t + 2).toISOString() }, frame(t + 3)];
      },
      422,
      'FRAMES_REPLAYED',
    ],
    [
      'a frame captured before the challenge',
      (t) => [frame(t - 1000), frame(t + 2), frame(t + 3)],
      422,
      'FRAME_OUT_OF_WINDOW',
    ],
    [
      'a frame from the future',
      (t) => [frame(t + 1000), frame(t + 2000), frame(t + 60_000)],
      422,
      'FRAME_OUT_OF_WINDOW',
    ],
  ])('complete refuses %s', async (_why, framesFor, status, expected) => {
    const r = await complete(framesFor);
    expect(r.statusCode).toBe(status);
    expect(code(r)).toBe(expected);
  });

  it('refuses a frame seen in an earlier face check (replayed frames)', async () => {
    const started = h.clock.ms;
    const s = await h.startFace(h.person('P003'));
    const fs = h.frames(started);
    h.clock.advance(5000);
    expect(
      (await h.post('/auth/face/complete', { certifyId: s.json().certifyId, frames: fs }))
        .statusCode,
    ).toBe(200);
    const r = await complete((t) =>
      [fs[0], frame(t + 2), frame(t + 3)].map((f, i) => ({
        ...f,
        capturedAt: new Date(t + 1000 * (i + 1)).toISOString(),
      })),
    );
    expect(code(r)).toBe('FRAMES_REPLAYED');
  });

  it('refuses an expired challenge (120 s) and an unknown or used certifyId', async () => {
    const r = await complete((t) => h.frames(t), 121_000);
    expect(r.statusCode).toBe(410);
    expect(code(r)).toBe('CHALLENGE_EXPIRED');

    const unknown = await h.post('/auth/face/complete', {
      certifyId: 'cert-nope',
      frames: h.frames(),
    });
    expect(unknown.statusCode).toBe(404);
    expect(code(unknown)).toBe('CHALLENGE_NOT_FOUND');

    const started = h.clock.ms;
    const s = await h.startFace(h.person('P003'));
    h.clock.advance(4000);
    const body = { certifyId: s.json().certifyId, frames: h.frames(started) };
    expect((await h.post('/auth/face/complete', body)).statusCode).toBe(200);
    const again = await h.post('/auth/face/complete', { ...body, frames: h.frames(started) });
    expect(code(again)).toBe('CHALLENGE_NOT_FOUND');
  });

  it('locks an ID number out after 5 failures within an hour (429 with Retry-After)', async () => {
    const p = h.person('P001');
    for (let i = 0; i < 5; i++) {
      const r = await h.post('/auth/face/start', { name: '李某某', idNumber: p.idNumber });
      expect(code(r)).toBe('NAME_ID_MISMATCH');
      h.clock.advance(60_000);
    }
    const locked = await h.startFace(p);
    expect(locked.statusCode).toBe(429);
    expect(code(locked)).toBe('LOCKED_OUT');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().message).toContain('分钟后再试');
    // another person is not affected
    expect((await h.startFace(h.person('P002'))).statusCode).toBe(200);
    // an hour after the first failure it opens again
    h.clock.advance(Number(locked.headers['retry-after']) * 1000);
    expect((await h.startFace(p)).statusCode).toBe(200);
  });

  it('a stranger guessing names cannot lock a person out of login or step-up', async () => {
    const victim = h.person('P003');
    // the victim is signed in on their phone before the attack
    const token = await h.faceLogin(victim);
    // a stranger tries wrong names against the victim's ID number, far more than 5 times,
    // from two addresses; each address is held back (with growing waits), not the victim
    const waits: number[] = [];
    for (const addr of ['10.66.0.1', '10.66.0.2']) {
      for (let i = 0; i < 8; i++) {
        const r = await h.startFace({ name: `猜${i}`, idNumber: victim.idNumber }, addr);
        if (r.statusCode === 429) waits.push(Number(r.headers['retry-after']));
        else expect(code(r)).toBe('NAME_ID_MISMATCH');
      }
    }
    expect(waits.length).toBeGreaterThan(0);
    // the victim logs in from their own address, and steps up in their session
    const again = await h.startFace(victim, '10.1.2.3');
    expect(again.statusCode).toBe(200);
    expect((await h.stepUp(token)).statusCode).toBe(200);
    // a held-back address that keeps guessing after its wait is held back for longer
    h.clock.advance(Math.max(...waits) * 1000);
    for (let i = 0; i < 5; i++) {
      const r = await h.startFace({ name: `再猜${i}`, idNumber: victim.idNumber }, '10.66.0.1');
      if (r.statusCode === 429) {
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(Math.max(...waits));
        expect(r.json().message).toMatch(/分钟后再试/);
        return;
      }
    }
    throw new Error('the guessing address was not held back again');
  });

  it('rate-limits failed logins per client address', async () => {
    const ids = h.persons.slice(0, 21);
    for (const p of ids.slice(0, 20)) {
      const r = await h.startFace({ name: '无名氏', idNumber: p.idNumber }, '10.0.0.9');
      expect(code(r)).toBe('NAME_ID_MISMATCH');
    }
    const limited = await h.startFace(ids[20], '10.0.0.9');
    expect(limited.statusCode).toBe(429);
    expect(code(limited)).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await h.startFace(ids[20], '10.0.0.10')).statusCode).toBe(200);
  });

  it('takes up to 5 frames of 500 KB on complete, but keeps the global body limit elsewhere', async () => {
    const big = 'x'.repeat(1_100_000);
    const start = await h.post('/auth/face/start', { name: big, idNumber: '331081198512258315' });
    expect(start.statusCode).toBe(413);
    expect(code(start)).toBe('PAYLOAD_TOO_LARGE');

    const huge = await h.post('/auth/face/complete', {
      certifyId: 'c',
      frames: Array.from({ length: 5 }, () => ({
        data: 'A'.repeat(900_000),
        capturedAt: new Date(T0).toISOString(),
      })),
    });
    expect(huge.statusCode).toBe(413);
    expect(code(huge)).toBe('PAYLOAD_TOO_LARGE');

    // three frames just under 500 KB each (≈ 2 MB of JSON) pass the body limit
    const started = h.clock.ms;
    const s = await h.startFace(h.person('P003'));
    h.clock.advance(5000);
    const ok = await h.post('/auth/face/complete', {
      certifyId: s.json().certifyId,
      frames: [1, 2, 3].map((i) => ({
        data: base64(bigJpeg(490_000 + i)),
        capturedAt: new Date(started + i * 1000).toISOString(),
      })),
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('the platform assertion', () => {
  it('refuses a replayed assertion and one not signed by the platform', async () => {
    let first: Awaited<ReturnType<IdentityVerifier['completeFace']>> | undefined;
    let mode: 'replay' | 'forge' | 'tamper' = 'replay';
    await h.close();
    h = await startAuthHarness({
      overrides: {
        wrapVerifier: (v) => ({
          publicKeyHex: v.publicKeyHex,
          startFace: (i) => v.startFace(i),
          completeFace: async (i) => {
            const real = await v.completeFace(i);
            if (!first) {
              first = real;
              return real;
            }
            if (mode === 'replay') return first;
            if (mode === 'tamper') return { ...real, claims: { ...real.claims, name: '别人' } };
            // signed by a key that is not the platform's
            return signAssertion(real.claims, 12345678901234567890n, () => 987654321n);
          },
        }),
      },
    });
    expect(await h.faceLogin(h.person('P001'))).toBeTruthy();
    const attempt = async () => {
      const started = h.clock.ms;
      const s = await h.startFace(h.person('P001'));
      h.clock.advance(3000);
      return h.post('/auth/face/complete', {
        certifyId: s.json().certifyId,
        frames: h.frames(started),
      });
    };
    const replayed = await attempt();
    expect(replayed.statusCode).toBe(409);
    expect(code(replayed)).toBe('ASSERTION_REPLAYED');
    mode = 'forge';
    expect(code(await attempt())).toBe('ASSERTION_INVALID');
    mode = 'tamper';
    expect(code(await attempt())).toBe('ASSERTION_INVALID');
  });
});

afterAll(async () => {
  // logs were written (trace level) and none holds a seeded person's full ID number
  const all = capturedLogs.join('');
  expect(capturedLogs.length).toBeGreaterThan(50);
  const h2 = await startAuthHarness();
  try {
    for (const p of h2.persons) {
      expect(all).not.toContain(p.idNumber);
      expect(all).not.toContain(p.phone ?? '∅');
    }
    expect(all).not.toContain('/9j/'); // no base64 JPEG frame
  } finally {
    await h2.close();
  }
});
