import { checkCitizenId, isValidCitizenId } from '../../../mock-server/src/domain/identifiers';
import {
  LIVENESS_ACTIONS,
  checkFrameSet,
  decodeBase64,
  looksLikeJpeg,
  makeChallenge,
  signAssertion,
  throttleState,
  verifyAssertion,
  type AssertionClaims,
} from '../../../mock-server/src/domain/identity';
import { keyPairFromPrivateKey } from '../../../mock-server/src/domain/crypto';
import { maskIdNumber, maskName, maskPhone } from '../../../mock-server/src/domain/masking';

describe('公民身份号码 checksum (GB 11643)', () => {
  it.each(['11010519491231002X', '331081198512258315', '33102219650728822X'])(
    '%s is valid',
    (id) => {
      expect(isValidCitizenId(id)).toBe(true);
    },
  );
  it.each([
    ['11010519491231002Y', 'bad check character'],
    ['110105194912310021', 'wrong check digit'],
    ['11010519491331002X', 'month 13'],
    ['1101051949123100', 'too short'],
    ['A1010519491231002X', 'letter'],
  ])('%s is invalid (%s)', (id) => {
    const r = checkCitizenId(id);
    expect(r.ok).toBe(false);
  });
});

describe('masking of personal data', () => {
  it('shows names as 张*三 / 李*, ID first 6 + last 4, phone first 3 + last 4', () => {
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('李四')).toBe('李*');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13603872878')).toBe('136****2878');
  });
});

describe('liveness challenge', () => {
  const now = new Date('2026-03-02T01:00:00Z');
  it('picks two different actions with the injected random source, 120 s window', () => {
    const script = [3, 0];
    const c = makeChallenge(() => script.shift()!, 'n1', now);
    expect(c.actions).toEqual(['右转头', '眨眼']);
    expect(c.expiresAt).toBe('2026-03-02T01:02:00.000Z');
    expect(c.nonce).toBe('n1');
  });
  it('never repeats an action, whatever the random source says', () => {
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 3; b++) {
        const s = [a, b];
        const c = makeChallenge(() => s.shift()!, 'n', now);
        expect(c.actions[0]).not.toBe(c.actions[1]);
        for (const x of c.actions) expect(LIVENESS_ACTIONS).toContain(x);
      }
  });
  it('refuses an out-of-range random value', () => {
    expect(() => makeChallenge(() => 4, 'n', now)).toThrow(RangeError);
  });
});

describe('frames', () => {
  it('recognises a JPEG by SOI and EOI', () => {
    expect(looksLikeJpeg(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0xff, 0xd9]))).toBe(true);
    expect(looksLikeJpeg(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0]))).toBe(false);
    expect(looksLikeJpeg(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff, 0xd9]))).toBe(false);
  });
  it('decodes strict base64 only', () => {
    expect(Array.from(decodeBase64('/9j/2Q==')!)).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(decodeBase64('***')).toBeUndefined();
  });
  it('refuses duplicates, seen frames and frames outside the window', () => {
    const w = {
      issuedAt: '2026-01-01T00:00:00Z',
      expiresAt: '2026-01-01T00:02:00Z',
      now: new Date('2026-01-01T00:00:30Z'),
    };
    const f = (digest: string, s: number) => ({
      digest,
      capturedAt: new Date(Date.parse(w.issuedAt) + s * 1000).toISOString(),
    });
    expect(() => checkFrameSet([f('a', 1), f('b', 2), f('c', 3)], () => false, w)).not.toThrow();
    expect(() => checkFrameSet([f('a', 1), f('a', 2), f('c', 3)], () => false, w)).toThrow(
      expect.objectContaining({ code: 'FRAMES_REPLAYED' }),
    );
    expect(() => checkFrameSet([f('a', 1), f('b', 2), f('c', 3)], (d) => d === 'b', w)).toThrow(
      expect.objectContaining({ code: 'FRAMES_REPLAYED' }),
    );
    expect(() => checkFrameSet([f('a', 1), f('b', 2), f('c', 31)], () => false, w)).toThrow(
      expect.objectContaining({ code: 'FRAME_OUT_OF_WINDOW' }),
    );
  });
});

describe('throttle', () => {
  it('blocks at the limit and says when it opens', () => {
    const t0 = 1_000_000_000;
    const fails = [0, 1, 2, 3, 4].map((i) => t0 + i * 60_000);
    expect(throttleState(fails.slice(0, 4), t0 + 300_000, 5).blocked).toBe(false);
    const s = throttleState(fails, t0 + 300_000, 5);
    expect(s).toMatchObject({ blocked: true, retryAfterSeconds: 3300 });
    expect(throttleState(fails, t0 + 3_600_001, 5).blocked).toBe(false);
  });
});

describe('signed assertion', () => {
  const key = keyPairFromPrivateKey(0x1234567890abcdefn);
  let k = 100n;
  const claims: AssertionClaims = {
    name: '李国平',
    idNumber: '331081198512258315',
    method: 'face',
    certifyId: 'cert-1',
    issuedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:05:00.000Z',
  };
  const now = new Date('2026-01-01T00:01:00Z');
  it('verifies with the platform key, and fails when tampered, foreign or expired', () => {
    const a = signAssertion(claims, key.privateKey, () => (k += 1n));
    expect(verifyAssertion(a, key.publicKey, now)).toBe(true);
    expect(
      verifyAssertion(
        { ...a, claims: { ...claims, idNumber: '11010519491231002X' } },
        key.publicKey,
        now,
      ),
    ).toBe(false);
    const other = keyPairFromPrivateKey(0x42n);
    expect(verifyAssertion(a, other.publicKey, now)).toBe(false);
    expect(verifyAssertion(a, key.publicKey, new Date('2026-01-01T00:05:00Z'))).toBe(false);
    expect(verifyAssertion({ ...a, signature: 'zz' }, key.publicKey, now)).toBe(false);
  });
});
