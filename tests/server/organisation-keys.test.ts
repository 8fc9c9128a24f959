/**
 * The organisations' e-seal private keys stay out of the database: each organisation's key
 * (held for its simulated system) is a 0600 file in the key folder, the database keeps only the
 * certificates. Checked by scanning every table for every private key the key folder holds,
 * after seeding and after an organisation sealed; the seal still verifies. An older database
 * holding organisations' keys is upgraded by migration 0040: the keys move to the key files
 * first (the organisation keeps sealing with the key its certificate names), then the column
 * is dropped; without a key folder the upgrade is refused and nothing is lost.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SurveyResultBody } from '../../mock-server/src/contract';
import { openRegistry } from '../../mock-server/src/bootstrap';
import {
  migrateSql,
  migrationsFor,
  openSqlDb,
  type SqlDb,
} from '../../mock-server/src/adapters/sql';
import { FileKeyStore, generateNamedKey } from '../../mock-server/src/adapters/keys/fileKeyStore';
import { organisationKeyName } from '../../mock-server/src/adapters/keys/keyNames';
import { SimulatedSignatureAuthority } from '../../mock-server/src/adapters/signature-ca';
import { kSourceFromRandomBytes, privateKeyToHex } from '../../mock-server/src/domain/crypto';
import {
  idDigestOf,
  issueSignerCertificate,
  verifySignerSignature,
  type SignerCertificate,
} from '../../mock-server/src/domain/signing';
import { startHarness, tempDir, testStore, type Harness } from './support/registry';
import { pdf, png } from './support/png';
import { firm, firmLogin } from './support/survey-firm';

const mode = (f: string) => fs.statSync(f).mode & 0o777;

/** Every current private key in the key folder (hex), by file. */
function privateKeysIn(keyDir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of fs.readdirSync(keyDir).filter((n) => n.endsWith('.json'))) {
    const file = JSON.parse(fs.readFileSync(path.join(keyDir, f), 'utf8')) as {
      keys: { privateKeyHex?: string }[];
    };
    for (const k of file.keys) if (k.privateKeyHex) found.set(f, k.privateKeyHex);
  }
  return found;
}

async function tableNames(db: SqlDb): Promise<string[]> {
  const rows =
    db.dialect === 'postgres'
      ? await db.all<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      : await db.all<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        );
  return rows.map((r) => r.name);
}

/** Every table row (all columns, as text) that holds one of `secrets` or any PEM private key. */
async function leaks(db: SqlDb, secrets: readonly string[]): Promise<string[]> {
  const needles = secrets.flatMap((s) => [s.toLowerCase(), s.toUpperCase()]);
  const found: string[] = [];
  const tables = await tableNames(db);
  expect(tables).toEqual(expect.arrayContaining(['organisation_seal_keys', 'registry_keys']));
  for (const table of tables) {
    for (const row of await db.all<Record<string, unknown>>(`SELECT * FROM ${table}`)) {
      const text = JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
      if (/PRIVATE KEY/.test(text) || needles.some((n) => text.includes(n))) {
        found.push(`${table}: ${text.slice(0, 120)}`);
      }
    }
  }
  return found;
}

async function hasColumn(db: SqlDb, table: string, column: string): Promise<boolean> {
  const rows =
    db.dialect === 'postgres'
      ? await db.all<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = ?`,
          [table],
        )
      : await db.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`);
  return rows.some((r) => r.name === column);
}

/** A building of the demo surveying firm, on a parcel the seeded register does not hold. */
const building = (drawings: SurveyResultBody['drawings']): SurveyResultBody => {
  const x0 = 3171000.12;
  const y0 = 40512000.34;
  return {
    buildingName: '星海苑5幢',
    location: '椒江区星海路88号星海苑5幢',
    boundary: [
      { x: x0, y: y0 },
      { x: x0 + 40, y: y0 },
      { x: x0 + 40, y: y0 + 40 },
      { x: x0, y: y0 + 40 },
      { x: x0, y: y0 },
    ],
    buildingArea: 360.3,
    storeys: 3,
    structure: '钢筋混凝土',
    units: [1, 2, 3].map((n) => ({
      unitCode: `331002001001GB09005F0001${String(n).padStart(4, '0')}`,
      room: `1单元${n}01`,
      floor: n,
      use: '住宅' as const,
      exclusiveArea: 100.05,
      apportionedArea: 20.05,
    })),
    drawings,
  };
};

describe('the organisations’ e-seal keys on a running registry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('after seeding: no private key of the key folder in any table', async () => {
    const secrets = [...privateKeysIn(h.config.keyDir).values()];
    expect(secrets.length).toBeGreaterThan(5);
    expect(await leaks(h.registry.sql, secrets)).toEqual([]);
    expect(await hasColumn(h.registry.sql, 'organisation_seal_keys', 'private_key_hex')).toBe(
      false,
    );
  });

  it('an organisation seals with its own key from a 0600 key file; the database keeps only the certificate; the seal verifies', async () => {
    const surveyor = firm(h, await firmLogin(h));
    const result = building([
      { kind: 'parcelMap', digest: await surveyor.upload(pdf('zongditu-5'), 'application/pdf') },
      { kind: 'unitPlan', digest: await surveyor.upload(png(40, 30, 9), 'image/png') },
    ]);
    const seal = await surveyor.seal(result);
    const sealCertificate = seal.certificate as unknown as SignerCertificate;

    // the firm's key: a file of its own in the key folder, readable by the server alone
    const certs = await h.registry.sql.all<{ party_id: string; certificate_json: string }>(
      'SELECT party_id, certificate_json FROM organisation_seal_keys',
    );
    expect(certs).toHaveLength(1);
    const file = path.join(h.config.keyDir, `${organisationKeyName(certs[0].party_id)}.json`);
    expect(mode(file)).toBe(0o600);
    const own = await new FileKeyStore(h.config.keyDir).current(
      organisationKeyName(certs[0].party_id),
    );
    expect(JSON.parse(certs[0].certificate_json).body.subjectPublicKey).toBe(own.publicKeyHex);
    expect(sealCertificate.body.subjectPublicKey).toBe(own.publicKeyHex);

    // the seal verifies with the CA's published roots; the registry accepts the sealed result
    const ca = new SimulatedSignatureAuthority(new FileKeyStore(h.config.keyDir), h.registry.sql, {
      now: () => new Date(),
    });
    expect(
      verifySignerSignature({ ...seal, certificate: sealCertificate }, await ca.rootKeys()),
    ).toEqual({ valid: true });
    const submitted = await surveyor.submit(result, seal);
    expect(submitted.statusCode).toBe(201);

    // and still no private key anywhere in the database, the firm's included
    const secrets = [...privateKeysIn(h.config.keyDir).values()];
    expect(secrets).toContain(privateKeyToHex(own.privateKey));
    expect(await leaks(h.registry.sql, secrets)).toEqual([]);
  });
});

describe('upgrading a database that holds organisations’ private keys (migration 0040)', () => {
  it('moves the keys to the key files, then drops the column; the organisation seals as before', async () => {
    const dir = tempDir('organisation-keys-upgrade-');
    const store = await testStore(path.join(dir, 'registry.sqlite'));
    const databasePath = store.env.DATABASE_PATH;
    const databaseUrl = store.env.DATABASE_URL ?? '';
    const keyDir = path.join(dir, 'keys');
    try {
      // a database as the version before kept it: schema 38, the bank's keys in the table
      const old = await openSqlDb({ databasePath, databaseUrl });
      const before = migrationsFor(old.dialect).filter((m) => m.version < 40);
      await migrateSql(old, before);
      const caRoot = await new FileKeyStore(keyDir).current('signature-ca');
      const kSource = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));
      const bank = { personId: 'ORG01', name: '某银行台州分行', idNumber: '91331000MA2AXXXX0X' };
      const issue = (serial: string, publicKeyHex: string, notAfter: string) =>
        issueSignerCertificate(
          {
            certificateType: 'organisationSeal',
            serialNumber: serial,
            issuer: { name: '电子签名认证服务（模拟）', keyId: caRoot.keyId },
            subject: {
              kind: 'organisation',
              name: bank.name,
              idDigest: idDigestOf(serial, bank.idNumber),
            },
            subjectPublicKey: publicKeyHex,
            notBefore: '2026-01-01T00:00:00.000Z',
            notAfter,
          },
          caRoot,
          kSource,
        );
      const expired = generateNamedKey(organisationKeyName(bank.personId));
      const current = generateNamedKey(organisationKeyName(bank.personId));
      const insert = (k: typeof current, serial: string, notAfter: string, createdAt: string) =>
        old.run(
          'INSERT INTO organisation_seal_keys (party_id, key_id, private_key_hex, certificate_json, not_after, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          [
            bank.personId,
            serial,
            privateKeyToHex(k.privateKey),
            JSON.stringify(issue(serial, k.publicKeyHex, notAfter)),
            notAfter,
            createdAt,
          ],
        );
      await insert(expired, 'ESEAL-OLD', '2026-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
      await insert(current, 'ESEAL-CUR', '2099-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
      await old.close();

      // without a key folder the upgrade is refused, and the keys stay where they were
      await expect(openRegistry({ databasePath, databaseUrl, seedOnEmpty: false })).rejects.toThrow(
        /KEY_DIR/,
      );
      const check = await openSqlDb({ databasePath, databaseUrl });
      expect(
        await check.all('SELECT key_id FROM organisation_seal_keys WHERE private_key_hex <> ?', [
          '',
        ]),
      ).toHaveLength(2);
      await check.close();

      const registry = await openRegistry({
        databasePath,
        databaseUrl,
        keyDir,
        seedOnEmpty: false,
      });
      try {
        expect(registry.migrationsApplied).toContain(40);
        const name = organisationKeyName(bank.personId);
        expect(mode(path.join(keyDir, `${name}.json`))).toBe(0o600);
        const keys = new FileKeyStore(keyDir);
        expect((await keys.current(name)).privateKey).toBe(current.privateKey);
        const published = await keys.published(name);
        expect(published.map((k) => [k.publicKeyHex, Boolean(k.retiredAt)])).toEqual([
          [current.publicKeyHex, false],
          [expired.publicKeyHex, true],
        ]);
        // the older key's private half is destroyed, not kept in the file
        expect([...privateKeysIn(keyDir).values()]).not.toContain(
          privateKeyToHex(expired.privateKey),
        );
        expect(await hasColumn(registry.sql, 'organisation_seal_keys', 'private_key_hex')).toBe(
          false,
        );
        expect(
          await leaks(registry.sql, [
            privateKeyToHex(current.privateKey),
            privateKeyToHex(expired.privateKey),
          ]),
        ).toEqual([]);

        // the bank seals with the key its certificate names: the same certificate, verified
        const ca = new SimulatedSignatureAuthority(keys, registry.sql, { now: () => new Date() });
        const digest = 'cd'.repeat(32);
        const signed = await ca.sealAsOrganisation(digest, bank);
        expect(signed.certificate.body.serialNumber).toBe('ESEAL-CUR');
        expect(
          verifySignerSignature({ signedDigest: digest, ...signed }, await ca.rootKeys(), {
            name: bank.name,
            idNumber: bank.idNumber,
          }),
        ).toEqual({ valid: true });

        // a rotation of the bank's key: the CA certifies the new key at the next seal
        await keys.rotate(name);
        const renewed = await ca.sealAsOrganisation(digest, bank);
        expect(renewed.certificate.body.subjectPublicKey).toBe(
          (await keys.current(name)).publicKeyHex,
        );
        expect(renewed.certificate.body.serialNumber).not.toBe('ESEAL-CUR');
        expect(
          verifySignerSignature({ signedDigest: digest, ...renewed }, await ca.rootKeys()),
        ).toEqual({ valid: true });
        // the signature made before the rotation still verifies with its own certificate
        expect(
          verifySignerSignature({ signedDigest: digest, ...signed }, await ca.rootKeys()),
        ).toEqual({ valid: true });
      } finally {
        await registry.close();
      }
    } finally {
      await store.drop();
    }
  });
});
