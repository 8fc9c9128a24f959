import { randomBytes } from 'node:crypto';
import {
  bytesToHex,
  decodePublicKeyHex,
  decodeSignatureHex,
  encodePublicKeyHex,
  encodeSignatureHex,
  isOnCurve,
  keyPairFromPrivateKey,
  kSourceFromRandomBytes,
  pointAdd,
  pointDouble,
  pointMultiply,
  privateKeyFromHex,
  privateKeyToHex,
  publicKeyFromPrivateKey,
  Sm2Error,
  SM2_BASE_POINT,
  SM2_CURVE,
  sm2MessageDigest,
  sm2Sign,
  sm2Verify,
  sm2Z,
  utf8,
  type Sm2Signature,
} from '../../../mock-server/src/domain/crypto';

// docs/registry-facts.md §9: GB/T 32918.5 / GM/T 0003.5 signature example on sm2p256v1.
const KAT = {
  d: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  x: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  y: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  id: '1234567812345678',
  message: 'message digest',
  z: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};
const { n } = SM2_CURVE;
const big = (hex: string) => BigInt(`0x${hex}`);
const fixedK = (k: bigint) => () => k;
const randomK = kSourceFromRandomBytes((len) => new Uint8Array(randomBytes(len)));

const d = privateKeyFromHex(KAT.d);
const publicKey = { x: big(KAT.x), y: big(KAT.y) };
const katSignature: Sm2Signature = { r: big(KAT.r), s: big(KAT.s) };

describe('sm2p256v1 group arithmetic', () => {
  it('G is on the curve and has order n', () => {
    expect(isOnCurve(SM2_BASE_POINT)).toBe(true);
    expect(pointMultiply(n, SM2_BASE_POINT)).toBeNull();
    expect(pointMultiply(n - 1n, SM2_BASE_POINT)).toEqual({
      x: SM2_CURVE.gx,
      y: SM2_CURVE.p - SM2_CURVE.gy,
    });
  });

  it('add, double and multiply agree', () => {
    const g2 = pointDouble(SM2_BASE_POINT);
    expect(pointAdd(SM2_BASE_POINT, SM2_BASE_POINT)).toEqual(g2);
    expect(pointMultiply(2n, SM2_BASE_POINT)).toEqual(g2);
    const g3 = pointAdd(g2, SM2_BASE_POINT);
    expect(pointMultiply(3n, SM2_BASE_POINT)).toEqual(g3);
    expect(isOnCurve(g3!)).toBe(true);
    expect(pointAdd(null, g3)).toEqual(g3);
    expect(pointMultiply(0n, SM2_BASE_POINT)).toBeNull();
    // (a + b)·G = a·G + b·G, and the fixed-base path equals the generic one.
    const a = 0x1234567890abcdefn ** 3n % n;
    const b = n - 12345n;
    expect(publicKeyFromPrivateKey(a)).toEqual(pointMultiply(a, SM2_BASE_POINT));
    expect(pointMultiply((a + b) % n, SM2_BASE_POINT)).toEqual(
      pointAdd(pointMultiply(a, SM2_BASE_POINT), pointMultiply(b, SM2_BASE_POINT)),
    );
  });
});

describe('SM2 signature known answer (docs/registry-facts.md §9)', () => {
  it('derives the public key from the private key', () => {
    expect(keyPairFromPrivateKey(d).publicKey).toEqual(publicKey);
    expect(encodePublicKeyHex(publicKey)).toBe(`04${KAT.x}${KAT.y}`.toLowerCase());
    expect(decodePublicKeyHex(`04${KAT.x}${KAT.y}`)).toEqual(publicKey);
    expect(privateKeyToHex(d)).toBe(KAT.d.toLowerCase());
  });

  it('computes Z with the default user id', () => {
    expect(bytesToHex(sm2Z(publicKey)).toUpperCase()).toBe(KAT.z);
    expect(bytesToHex(sm2Z(publicKey, KAT.id)).toUpperCase()).toBe(KAT.z);
    expect(bytesToHex(sm2Z(publicKey, utf8(KAT.id))).toUpperCase()).toBe(KAT.z);
    expect(bytesToHex(sm2Z(publicKey, 'other-id'))).not.toBe(KAT.z.toLowerCase());
  });

  it('signs with the standard k to the standard r, s', () => {
    const sig = sm2Sign(d, KAT.message, fixedK(big(KAT.k)));
    expect(sig).toEqual(katSignature);
    expect(encodeSignatureHex(sig)).toBe(`${KAT.r}${KAT.s}`.toLowerCase());
    expect(decodeSignatureHex(`${KAT.r}${KAT.s}`)).toEqual(katSignature);
    expect(sm2Sign(d, utf8(KAT.message), fixedK(big(KAT.k)))).toEqual(katSignature);
  });

  it('verify accepts the standard signature', () => {
    expect(sm2Verify(publicKey, KAT.message, katSignature)).toBe(true);
    expect(sm2Verify(publicKey, KAT.message, katSignature, { userId: KAT.id })).toBe(true);
  });
});

describe('SM2 verify rejects', () => {
  const message = utf8(KAT.message);

  it('a flipped message bit (every bit of the message)', () => {
    for (let bit = 0; bit < message.length * 8; bit += 7) {
      const tampered = message.slice();
      tampered[bit >> 3] ^= 1 << (bit & 7);
      expect(sm2Verify(publicKey, tampered, katSignature)).toBe(false);
    }
  });

  it('a flipped signature bit', () => {
    const raw = decodeSignatureHex(encodeSignatureHex(katSignature));
    for (const bit of [0, 1, 100, 255]) {
      const flip = 1n << BigInt(bit);
      expect(sm2Verify(publicKey, message, { r: raw.r ^ flip, s: raw.s })).toBe(false);
      expect(sm2Verify(publicKey, message, { r: raw.r, s: raw.s ^ flip })).toBe(false);
    }
  });

  it('another key, another user id, swapped r and s', () => {
    const other = publicKeyFromPrivateKey(d + 1n);
    expect(sm2Verify(other, message, katSignature)).toBe(false);
    expect(sm2Verify(publicKey, message, katSignature, { userId: 'ALICE123@YAHOO.COM' })).toBe(
      false,
    );
    expect(sm2Verify(publicKey, message, { r: katSignature.s, s: katSignature.r })).toBe(false);
  });

  it('r or s out of [1, n-1], t = 0, and a public key off the curve', () => {
    const { r, s } = katSignature;
    for (const bad of [0n, n, n + 1n, -1n]) {
      expect(sm2Verify(publicKey, message, { r: bad, s })).toBe(false);
      expect(sm2Verify(publicKey, message, { r, s: bad })).toBe(false);
    }
    expect(sm2Verify(publicKey, message, { r: r + n, s })).toBe(false);
    expect(sm2Verify(publicKey, message, { r, s: n - r })).toBe(false); // t = 0
    expect(sm2Verify({ x: publicKey.x, y: publicKey.y + 1n }, message, katSignature)).toBe(false);
    expect(() => decodePublicKeyHex(`04${KAT.x}${KAT.x}`)).toThrow(Sm2Error);
  });
});

describe('SM2 with random keys and k', () => {
  it('sign/verify round trips; fresh k gives different signatures', () => {
    for (let i = 0; i < 5; i++) {
      const key = randomK(); // any scalar in [1, n-1]; private keys need [1, n-2]
      if (key > n - 2n) continue;
      const pub = publicKeyFromPrivateKey(key);
      const msg = randomBytes(1 + i * 100);
      const s1 = sm2Sign(key, msg, randomK);
      const s2 = sm2Sign(key, msg, randomK);
      expect(s1).not.toEqual(s2);
      expect(sm2Verify(pub, msg, s1)).toBe(true);
      expect(sm2Verify(pub, msg, s2)).toBe(true);
      expect(sm2Verify(pub, randomBytes(8), s1)).toBe(false);
    }
  });

  it('a kept key (precomputed after its second use) answers like a fresh one, past the cache’s size', () => {
    // 20 keys, each verified three times in turn: more keys than the verifier keeps, so some
    // are verified from their table, some fresh again after being pushed out
    const keys = Array.from({ length: 20 }, (_, i) => 1000n + BigInt(i) * 7919n);
    const msg = utf8('亮证码 kept key');
    const sigs = keys.map((key) => sm2Sign(key, msg, randomK));
    for (let round = 0; round < 3; round++) {
      keys.forEach((key, i) => {
        const pub = publicKeyFromPrivateKey(key);
        expect(sm2Verify(pub, msg, sigs[i])).toBe(true);
        expect(sm2Verify(pub, msg, sigs[(i + 1) % keys.length])).toBe(false);
        expect(sm2Verify(pub, msg, { r: sigs[i].r, s: (sigs[i].s % (n - 1n)) + 1n })).toBe(false);
        expect(sm2Verify(pub, msg, sigs[i], { userId: 'ALICE123@YAHOO.COM' })).toBe(false);
      });
    }
    // the standard's answer from its (by now kept) key
    for (let i = 0; i < 3; i++) expect(sm2Verify(publicKey, KAT.message, katSignature)).toBe(true);
  });

  it('rejects bad private keys and bad k sources', () => {
    expect(() => publicKeyFromPrivateKey(0n)).toThrow(Sm2Error);
    expect(() => publicKeyFromPrivateKey(n - 1n)).toThrow(Sm2Error);
    expect(() => sm2Sign(d, 'x', fixedK(0n))).toThrow(Sm2Error);
    expect(() => sm2Sign(d, 'x', fixedK(n))).toThrow(Sm2Error);
    expect(() => privateKeyFromHex('12')).toThrow(Sm2Error);
    const zeros = kSourceFromRandomBytes((len) => new Uint8Array(len));
    expect(() => zeros()).toThrow(Sm2Error);
  });

  it('e = SM3(Z ‖ M) is what the signature binds', () => {
    const e = sm2MessageDigest(publicKey, KAT.message);
    const x1 = pointMultiply(big(KAT.k), SM2_BASE_POINT)!.x;
    expect((e + x1) % n).toBe(katSignature.r);
  });

  it('timing (reported, not asserted)', () => {
    const k = big(KAT.k);
    sm2Sign(d, KAT.message, fixedK(k)); // warm the fixed-base table
    const rounds = 20;
    let t0 = performance.now();
    for (let i = 0; i < rounds; i++) sm2Sign(d, KAT.message, fixedK(k));
    const signMs = (performance.now() - t0) / rounds;
    t0 = performance.now();
    for (let i = 0; i < rounds; i++) sm2Verify(publicKey, KAT.message, katSignature);
    const verifyMs = (performance.now() - t0) / rounds;
    console.log(`SM2 sign ${signMs.toFixed(2)} ms, verify ${verifyMs.toFixed(2)} ms`);
    expect(signMs).toBeGreaterThan(0);
  });
});
