/**
 * The public /verify page checks a token's seal in the browser before asking the registry, with
 * the app's own verifier (src/features/verify) bundled into /verify/sm2.js: one implementation.
 * The very script the page loads (/verify/sm2.js) runs here: SM3 and SM2
 * known answers (docs/registry-facts.md §9), real registry tokens sealed, forged ones refused; and
 * the page script loads it and the public key before calling /api/v1/verify.
 */
import {
  encodePublicKeyHex,
  keyPairFromPrivateKey,
  kSourceFromRandomBytes,
} from '../../mock-server/src/domain/crypto';
import {
  signPresentationToken,
  type PresentationClaims,
} from '../../mock-server/src/domain/presentation';
import { VERIFY_SCRIPT } from '../../mock-server/src/http/verify-pages/verify';
import { verifyCryptoScript } from '../../mock-server/src/http/verify-pages/sm2';
import { startAuthHarness } from './support/auth';

interface HeSm2 {
  sm3(bytes: Uint8Array): Uint8Array;
  verify(publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean;
  checkToken(token: string, publicKeyHex: string): 'sealed' | 'forged' | 'malformed';
}

function loadPageCrypto(): HeSm2 {
  const window: { HeSm2?: HeSm2 } = {};
  new Function('window', verifyCryptoScript())(window);
  return window.HeSm2!;
}

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

describe('/verify/sm2.js', () => {
  const c = loadPageCrypto();

  it('is the app’s own verifier bundled, not a second implementation', () => {
    const script = verifyCryptoScript();
    for (const file of [
      'src/features/verify/sm2.ts',
      'src/features/verify/offline.ts',
      'src/shared/lib/sm3.ts',
    ])
      expect(script).toContain(file);
    // the same text every time (the .js is cached by browsers for five minutes)
    expect(verifyCryptoScript()).toBe(script);
  });

  it('gives the standard answers: SM3("abc") and GB/T 32918.5 Annex A', () => {
    expect(Buffer.from(c.sm3(new TextEncoder().encode('abc'))).toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    const pub =
      '04' +
      '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' +
      'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13';
    const sig = hex(
      'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3' +
        'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
    );
    const msg = new TextEncoder().encode('message digest');
    expect(c.verify(pub, msg, sig)).toBe(true);
    expect(c.verify(pub, new TextEncoder().encode('message digesT'), sig)).toBe(false);
  });

  it('hashes long inputs like the registry (multi-block)', () => {
    const { sm3 } = jest.requireActual('../../mock-server/src/domain/crypto') as {
      sm3: (b: Uint8Array) => Uint8Array;
    };
    for (const n of [0, 55, 56, 63, 64, 65, 1000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 7) & 0xff);
      expect(Buffer.from(c.sm3(data)).toString('hex')).toBe(Buffer.from(sm3(data)).toString('hex'));
    }
  });

  it('finds registry tokens sealed and forged ones forged', () => {
    const registry = keyPairFromPrivateKey(BigInt(`0x${'4d'.repeat(32)}`));
    const other = keyPairFromPrivateKey(BigInt(`0x${'6e'.repeat(32)}`));
    const k = kSourceFromRandomBytes((n) => new Uint8Array(n).map((_, i) => (i * 13 + 5) & 0xff));
    const claims: PresentationClaims = {
      v: 1,
      typ: 'estate-presentation',
      kid: 'K',
      pid: 'PRES-9',
      sub: 'CERT-9',
      kind: 'titleCertificate',
      view: 'full',
      fields: ['location'],
      nonce: 'ffeeddccbbaa99887766554433221100',
      iat: '2026-01-01T00:00:00.000Z',
      exp: '2026-01-01T00:05:00.000Z',
      uses: 3,
    };
    const pub = encodePublicKeyHex(registry.publicKey);
    const token = signPresentationToken(claims, registry.privateKey, k);
    expect(c.checkToken(token, pub)).toBe('sealed');
    const [, body, sig] = token.split('.');
    const tampered = Buffer.from(
      Buffer.from(body, 'base64url').toString().replace('CERT-9', 'CERT-8'),
    ).toString('base64url');
    expect(c.checkToken(`HE1.${tampered}.${sig}`, pub)).toBe('forged');
    expect(c.checkToken(signPresentationToken(claims, other.privateKey, k), pub)).toBe('forged');
    expect(c.checkToken('HE1.x', pub)).toBe('malformed');
  });
});

describe('the /verify page', () => {
  it('serves the checker and checks the seal before asking the registry', async () => {
    const h = await startAuthHarness();
    try {
      const r = await h.app.inject({ method: 'GET', url: '/verify/sm2.js' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/javascript/);
      expect(r.body).toBe(verifyCryptoScript());
    } finally {
      await h.close();
    }
    // the page script: key and checker first, the registry's /verify only when sealed
    const seal = VERIFY_SCRIPT.indexOf('checkToken(m[0], r[1].publicKey)');
    expect(seal).toBeGreaterThan(0);
    expect(VERIFY_SCRIPT).toContain("fetch('/api/v1/registry/public-key')");
    expect(VERIFY_SCRIPT.slice(seal, seal + 200)).toContain(
      "if (seal === 'sealed') { send(payload, true)",
    );
  });
});
