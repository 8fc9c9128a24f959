/**
 * The verifier phone's SM2 check (src/features/verify): the GB/T 32918.5 Annex A
 * known answer (docs/registry-facts.md §9), agreement with the registry's own SM2 (domain/crypto)
 * on signatures it makes, and the offline token check on real presentation tokens: sealed, one
 * changed character, another key, malformed.
 */
import {
  bytesToHex,
  encodePublicKeyHex,
  keyPairFromPrivateKey,
  kSourceFromRandomBytes,
  sm2Sign,
  utf8,
} from '../../../mock-server/src/domain/crypto';
import { signPresentationToken } from '../../../mock-server/src/domain/presentation';
import type { PresentationClaims } from '../../../mock-server/src/domain/presentation';
import { base64urlDecode, checkTokenSeal, extractToken } from '@/features/verify/offline';
import { decodePublicKey, hexToBytes, sm2Verify, sm2Z } from '@/features/verify/sm2';

const VECTOR = {
  x: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  y: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  z: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};
const message = new TextEncoder().encode('message digest');

describe('SM2 verification on the verifier phone', () => {
  const key = decodePublicKey(`04${VECTOR.x}${VECTOR.y}`)!;

  it('matches GB/T 32918.5 Annex A: Z and the signature', () => {
    expect(key).toBeDefined();
    expect(bytesToHex(sm2Z(key)).toUpperCase()).toBe(VECTOR.z);
    expect(sm2Verify(key, message, hexToBytes(VECTOR.r + VECTOR.s))).toBe(true);
  });

  it('refuses a changed message, a changed signature and out-of-range values', () => {
    expect(
      sm2Verify(key, new TextEncoder().encode('message digesT'), hexToBytes(VECTOR.r + VECTOR.s)),
    ).toBe(false);
    const sig = hexToBytes(VECTOR.r + VECTOR.s);
    sig[63] ^= 1;
    expect(sm2Verify(key, message, sig)).toBe(false);
    expect(sm2Verify(key, message, new Uint8Array(64))).toBe(false);
    expect(sm2Verify(key, message, hexToBytes('ff'.repeat(64)))).toBe(false);
    expect(decodePublicKey(`04${VECTOR.x}${VECTOR.x}`)).toBeUndefined(); // not on the curve
  });

  it('agrees with the registry’s SM2 on signatures it makes', () => {
    let seed = 1;
    const kSource = kSourceFromRandomBytes((n) =>
      new Uint8Array(n).map(() => (seed = (seed * 48271) % 2147483647) & 0xff),
    );
    for (let i = 0; i < 4; i++) {
      const pair = keyPairFromPrivateKey(BigInt(`0x${'1f'.repeat(31)}${(i + 16).toString(16)}`));
      const msg = utf8(`登记机构 ${i} ✓`);
      const { r, s } = sm2Sign(pair.privateKey, msg, kSource);
      const sig = hexToBytes(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0'));
      const pub = decodePublicKey(encodePublicKeyHex(pair.publicKey))!;
      expect(sm2Verify(pub, msg, sig)).toBe(true);
      expect(sm2Verify(pub, utf8(`登记机构 ${i} ✗`), sig)).toBe(false);
    }
  });
});

describe('offline token check', () => {
  const registry = keyPairFromPrivateKey(BigInt(`0x${'3a'.repeat(32)}`));
  const other = keyPairFromPrivateKey(BigInt(`0x${'5c'.repeat(32)}`));
  const kSource = kSourceFromRandomBytes((n) =>
    new Uint8Array(n).map((_, i) => (i * 37 + 11) & 0xff),
  );
  const claims: PresentationClaims = {
    v: 1,
    typ: 'estate-presentation',
    kid: 'REGKEY-1',
    pid: 'PRES-1',
    sub: 'CERT-1',
    kind: 'titleCertificate',
    view: 'minimal',
    fields: ['location', 'rightType', 'status'],
    nonce: '0123456789abcdef0123456789abcdef',
    iat: '2026-03-05T06:07:00.000Z',
    exp: '2026-03-05T06:12:00.000Z',
    uses: 3,
  };
  const pub = encodePublicKeyHex(registry.publicKey);
  const token = signPresentationToken(claims, registry.privateKey, kSource);

  it('accepts a token sealed by the registry, also inside the verify URL', () => {
    expect(checkTokenSeal(token, pub)).toBe('sealed');
    expect(extractToken(`https://x.example/verify#${token}`)).toBe(token);
  });

  it('reports a token with one changed character or sealed by another key as forged', () => {
    const [, body, sig] = token.split('.');
    const claimsText = new TextDecoder().decode(base64urlDecode(body));
    const widened = claimsText.replace('"minimal"', '"full"');
    const b64 = Buffer.from(widened).toString('base64url');
    expect(checkTokenSeal(`HE1.${b64}.${sig}`, pub)).toBe('forged');
    const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
    expect(checkTokenSeal(`HE1.${body}.${flipped}`, pub)).toBe('forged');
    expect(checkTokenSeal(signPresentationToken(claims, other.privateKey, kSource), pub)).toBe(
      'forged',
    );
  });

  it('reports broken tokens as malformed', () => {
    expect(checkTokenSeal('HE1.abc', pub)).toBe('malformed');
    expect(checkTokenSeal(`HE1.${token.split('.')[1]}.AAAA`, pub)).toBe('malformed');
    expect(checkTokenSeal('HE2.a.b', pub)).toBe('malformed');
  });
});
