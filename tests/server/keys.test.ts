/**
 * Keys that stay secret and verifiable: every private key random, in 0600 files of the key folder
 * and never in the database; every public key published with its id (GET /api/v1/keys); after
 * `npm run keys:rotate` old and new registry seals both verify; the tax receipts' key is the
 * published tax key; a data-source record sealed with the key anyone could derive from the old
 * seed string in the source is refused.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../mock-server/src/bootstrap';
import { moveKeysOutOfDatabase } from '../../mock-server/src/adapters/keys/databaseKeys';
import { FileKeyStore, generateNamedKey } from '../../mock-server/src/adapters/keys/fileKeyStore';
import { SimulatedSignatureAuthority } from '../../mock-server/src/adapters/signature-ca';
import { verifySignerSignature } from '../../mock-server/src/domain/signing';
import { RegistrySealer } from '../../mock-server/src/adapters/keys/registryKey';
import { loadTaxDepartmentKey } from '../../mock-server/src/adapters/tax-sim';
import {
  bytesToBigint,
  encodePublicKeyHex,
  publicKeyFromPrivateKey,
  sm3,
  utf8,
  SM2_CURVE,
} from '../../mock-server/src/domain/crypto';
import { sealSharedRecord, verifySourceSeal } from '../../mock-server/src/domain/shared-data';
import { createLogger } from '../../mock-server/src/logger';
import { SharedDataFetcher } from '../../mock-server/src/usecases/shared-data/fetch';
import type { SharedDataSource, SharedRecord } from '../../mock-server/src/ports/sharedData';
import { startHarness, type Harness } from './support/registry';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface KeyItem {
  name: string;
  keyId: string;
  publicKeyHex: string;
  retiredAt?: string;
}
const keysOf = async (h: { app: Harness['app'] }) =>
  (await h.app.inject({ method: 'GET', url: '/api/v1/keys' })).json().items as KeyItem[];

/** The key the old source derived from its public seed string: anyone could compute it. */
function oldDerivedKey(code: string): { privateKey: bigint; publicKeyHex: string; keyId: string } {
  const x = bytesToBigint(sm3(utf8(`handheld-estate/data-sources/v1|${code}`)));
  const privateKey = (x % (SM2_CURVE.n - 2n)) + 1n;
  const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(privateKey));
  return { privateKey, publicKeyHex, keyId: `${code}-${publicKeyHex.slice(2, 18)}` };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('the key files', () => {
  it('hold every private key, 0600 in a 0700 folder; the database holds none', async () => {
    const mode = (f: string) => fs.statSync(f).mode & 0o777;
    expect(mode(h.config.keyDir)).toBe(0o700);
    const files = fs.readdirSync(h.config.keyDir).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'registry.json',
        'identity-platform.json',
        'signature-ca.json',
        'data-source.civilAffairs.json',
        'data-source.tax.json',
        'archives.json',
      ]),
    );
    for (const f of files) expect([f, mode(path.join(h.config.keyDir, f))]).toEqual([f, 0o600]);
    for (const table of [
      'registry_keys',
      'tax_department_keys',
      'signature_ca_keys',
      'archives_department_keys',
    ]) {
      const rows = await h.registry.sql.all<{ private_key_hex: string }>(
        `SELECT private_key_hex FROM ${table}`,
      );
      expect(rows.every((r) => r.private_key_hex === '')).toBe(true);
    }
  });

  it('publish every public key with its id, the identity platform simulator’s too', async () => {
    const items = await keysOf(h);
    const names = items.map((k) => k.name);
    expect(names).toEqual(
      expect.arrayContaining(['registry', 'identity-platform', 'data-source.tax', 'archives']),
    );
    const platform = items.find((k) => k.name === 'identity-platform')!;
    expect(platform.keyId).toMatch(/^IDP-[0-9A-F]{16}$/);
    const registry = items.find((k) => k.name === 'registry')!;
    const current = (
      await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
    ).json();
    expect(current).toMatchObject({ keyId: registry.keyId, publicKey: registry.publicKeyHex });
    // the signature CA's root key: published with its id, the same as its certificate says
    const ca = items.find((k) => k.name === 'signature-ca')!;
    expect(ca.keyId).toMatch(/^SIGCA-[0-9A-F]{16}$/);
    const certificate = (
      await h.app.inject({ method: 'GET', url: '/api/v1/signature-ca/certificate' })
    ).json();
    expect(certificate).toMatchObject({ certificateId: ca.keyId, publicKey: ca.publicKeyHex });
    const caKey = await new FileKeyStore(h.config.keyDir).current('signature-ca');
    expect(caKey.keyId).toBe(ca.keyId);
  });

  it('move a signature CA root key an older version kept in the database into the key file', async () => {
    const { sql } = h.registry;
    const dir = path.join(h.dir, 'moved-ca-keys');
    const old = generateNamedKey('signature-ca');
    const privateKeyHex = old.privateKey.toString(16).padStart(64, '0');
    await sql.run(
      'INSERT INTO signature_ca_keys (key_id, public_key_hex, private_key_hex, created_at) VALUES (?, ?, ?, ?)',
      [old.keyId, old.publicKeyHex, privateKeyHex, '2000-01-01T00:00:00.000Z'],
    );
    const store = new FileKeyStore(dir);
    await moveKeysOutOfDatabase(sql, store);
    expect((await store.current('signature-ca')).keyId).toBe(old.keyId);
    expect(fs.statSync(path.join(dir, 'signature-ca.json')).mode & 0o777).toBe(0o600);
    const left = await sql.all<{ private_key_hex: string }>(
      'SELECT private_key_hex FROM signature_ca_keys WHERE key_id = ?',
      [old.keyId],
    );
    expect(left).toEqual([{ private_key_hex: '' }]);
    await sql.run('DELETE FROM signature_ca_keys WHERE key_id = ?', [old.keyId]);
  });

  it('refuse a key file others may read', async () => {
    const dir = path.join(h.dir, 'loose-keys');
    const store = new FileKeyStore(dir);
    await store.current('registry');
    fs.chmodSync(path.join(dir, 'registry.json'), 0o644);
    await expect(new FileKeyStore(dir).current('registry')).rejects.toThrow(/chmod 600/);
  });
});

describe('the tax department', () => {
  it('seals its receipts with the tax key published at /data-sources', async () => {
    const key = await loadTaxDepartmentKey(h.registry.sql, new FileKeyStore(h.config.keyDir));
    const sources = (await h.app.inject({ method: 'GET', url: '/api/v1/data-sources' })).json()
      .items as { code: string; keyId: string; publicKeyHex: string }[];
    const tax = sources.find((s) => s.code === 'tax')!;
    expect(key.keyId).toBe(tax.keyId);
    expect(encodePublicKeyHex(publicKeyFromPrivateKey(key.privateKey))).toBe(tax.publicKeyHex);
  });
});

describe('a data-source record forged with the key of the old public seed', () => {
  it('does not verify with the published key, and the registry does not use it', async () => {
    const sources = (await h.app.inject({ method: 'GET', url: '/api/v1/data-sources' })).json()
      .items as { code: string; keyId: string; publicKeyHex: string }[];
    const civil = sources.find((s) => s.code === 'civilAffairs')!;
    const old = oldDerivedKey('civilAffairs');
    // no published key is the derivable one
    expect((await keysOf(h)).map((k) => k.publicKeyHex)).not.toContain(old.publicKeyHex);
    const forged: SharedRecord = sealSharedRecord(
      {
        source: 'civilAffairs',
        query: { kind: 'marriage', idNumber: '33100419820825953X' },
        data: { status: '未婚' },
        retrievedAt: '2026-11-29T02:02:00.000Z',
      },
      { keyId: old.keyId, privateKey: old.privateKey },
      () => 7n,
    );
    expect(verifySourceSeal(forged, old).valid).toBe(true);
    expect(verifySourceSeal(forged, civil).valid).toBe(false);
    // forged with the published key id, too
    expect(
      verifySourceSeal({ ...forged, seal: { ...forged.seal, keyId: civil.keyId } }, civil),
    ).toMatchObject({ valid: false });
    // the registry's fetch marks it as not sealed by 民政 (never used as shared data)
    const source = {
      code: 'civilAffairs',
      name: '民政',
      keyId: civil.keyId,
      publicKeyHex: civil.publicKeyHex,
      kinds: ['marriage'],
      fetch: async () => forged,
    } as unknown as SharedDataSource;
    const fetched = await new SharedDataFetcher({
      policy: { timeoutMs: 1000, attempts: 1, backoffMs: 0 },
    }).fetch(forged.query, source as never);
    expect(fetched).toMatchObject({ ok: true, sealValid: false });
  });
});

describe('npm run keys:rotate', () => {
  it('gives the registry a new key; old and new seals both verify', async () => {
    const store = new FileKeyStore(h.config.keyDir);
    const before = await store.current('registry');
    const oldSeal = new RegistrySealer(before.keyId, before.privateKey).seal({
      documentType: 'registrationNotice',
      number: 'TEST-OLD',
    });
    const out = execFileSync(TSX, ['mock-server/src/keys-cli.ts', 'rotate', 'registry'], {
      cwd: ROOT,
      env: { ...process.env, DEMO: 'true', ...storeEnv(h) },
      encoding: 'utf8',
    });
    expect(out).toContain(`registry: ${before.keyId} → `);
    const after = await store.current('registry');
    expect(after.keyId).not.toBe(before.keyId);
    // the old private half is destroyed, its public half kept
    const file = fs.readFileSync(path.join(h.config.keyDir, 'registry.json'), 'utf8');
    expect(file).not.toContain(before.privateKey.toString(16).padStart(64, '0'));
    expect(file).toContain(before.publicKeyHex);

    // the server restarted on the same database and key files signs with the new key
    const logger = createLogger('silent');
    const app = await createApp(h.config, h.registry, logger);
    try {
      const newSeal = new RegistrySealer(after.keyId, after.privateKey).seal({
        documentType: 'registrationNotice',
        number: 'TEST-NEW',
      });
      for (const doc of [oldSeal, newSeal]) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/documents/verify-seal',
          payload: { document: doc },
        });
        expect([doc.body.number, r.json().valid]).toEqual([doc.body.number, true]);
      }
      // a seal by a key that was never the registry's is still refused
      const stranger = new RegistrySealer('REGKEY-0000', 12345n).seal({ number: 'X' });
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/documents/verify-seal',
        payload: { document: stranger },
      });
      expect(refused.json().valid).toBe(false);
      const published = await keysOf({ app });
      const registry = published.filter((k) => k.name === 'registry');
      expect(registry.map((k) => [k.keyId, !!k.retiredAt])).toEqual([
        [after.keyId, false],
        [before.keyId, true],
      ]);
      const key = (await app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })).json();
      expect(key.keyId).toBe(after.keyId);
    } finally {
      await app.close();
    }
  });
});

describe('rotating the signature CA root key', () => {
  it('keeps the retired root published: a signature certified before still verifies', async () => {
    const dir = path.join(h.dir, 'rotated-ca-keys');
    const clock = { now: () => new Date() };
    const before = new SimulatedSignatureAuthority(new FileKeyStore(dir), h.registry.sql, clock);
    const digest = 'ab'.repeat(32);
    const faceCheck = { reference: 'CERTIFY-ROT', checkedAt: clock.now().toISOString() };
    const signer = { personId: 'P-ROT', name: '甲', idNumber: '331081198512258315' };
    const signed = await before.signAsPerson(digest, signer, faceCheck);
    const oldRoot = (await before.certificate()).certificateId;

    await new FileKeyStore(dir).rotate('signature-ca');
    const after = new SimulatedSignatureAuthority(new FileKeyStore(dir), h.registry.sql, clock);
    expect((await after.certificate()).certificateId).not.toBe(oldRoot);
    const roots = await after.rootKeys();
    expect(roots.map((k) => k.keyId)).toContain(oldRoot);
    const record = { signedDigest: digest, signature: signed.signature, signedAt: signed.signedAt };
    expect(verifySignerSignature({ ...record, certificate: signed.certificate }, roots)).toEqual({
      valid: true,
    });
    // the new root certifies new signatures
    const again = await after.signAsPerson(digest, signer, faceCheck);
    expect(again.certificate.body.issuer.keyId).toBe((await after.certificate()).certificateId);
  });
});

/** the environment that names the harness's store and key folder */
function storeEnv(harness: Harness): Record<string, string> {
  return {
    DATABASE_PATH: harness.config.databasePath,
    ...(harness.config.databaseUrl ? { DATABASE_URL: harness.config.databaseUrl } : {}),
    KEY_DIR: harness.config.keyDir,
  };
}
