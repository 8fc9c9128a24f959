/**
 * The signing store and the signature CA simulator: one suite, run on the embedded SQLite file
 * and on PostgreSQL. "Two handles" stand for two registry nodes on one database: two pools on
 * one PostgreSQL database, two connections on one SQLite file. What racing nodes must not break:
 * an invitation's acceptance is recorded once; a party's signature over a round is recorded
 * once, whichever node's double tap comes first; the same file or commitment stored twice is one
 * row; nodes starting together agree on one CA key.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  migrateSql,
  PostgresSqlDb,
  SqliteSqlDb,
  type SqlDb,
} from '../../../mock-server/src/adapters/sql';
import { FileKeyStore } from '../../../mock-server/src/adapters/keys/fileKeyStore';
import { SimulatedSignatureAuthority } from '../../../mock-server/src/adapters/signature-ca';
import { verifySignerSignature } from '../../../mock-server/src/domain/signing';
import { SqlSigningStore } from '../../../mock-server/src/adapters/sqlite/signingStore';
import type { StoredFile, StoredSignature } from '../../../mock-server/src/ports';
import { createTestDatabase } from '../../support/postgres';
import { tempDir } from '../support/registry';

/** A fresh, migrated store; `open()` gives one more handle (one more node) on it. */
interface Store {
  open(): SqlDb;
  cleanup(): Promise<void>;
}
type Target = () => Promise<Store>;

const sqliteStore: Target = async () => {
  const dir = tempDir('signing-contract-');
  const file = path.join(dir, 'registry.sqlite');
  return {
    open: () => SqliteSqlDb.open(file),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};

const postgresStore: Target = async () => {
  const db = await createTestDatabase();
  return {
    open: () => PostgresSqlDb.open({ connectionString: db.url, max: 5 }),
    cleanup: () => db.drop(),
  };
};

const clock = { now: () => new Date('2026-03-02T01:00:00.000Z') };
const AT = '2026-03-02T01:00:00.000Z';

/** A case row (the signing tables refer to cases) with its parties. */
async function insertCase(
  db: SqlDb,
  caseId: string,
  status: string,
  parties: string[],
  updatedAt = AT,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO cases (case_id, business_type_code, status, unit_code, created_by, created_at,
         updated_at, manual_queue, version, data_json) VALUES (?, 'transfer', ?, 'U1', ?, ?, ?, 0, 1, '{}')`,
      [caseId, status, parties[0], AT, updatedAt],
    );
    for (const p of parties)
      await tx.run(
        "INSERT INTO case_parties (case_id, person_id, role) VALUES (?, ?, 'rightHolder')",
        [caseId, p],
      );
  });
}

const signature = (
  signatureId: string,
  partyId: string,
  over: Partial<StoredSignature> = {},
): StoredSignature => ({
  signatureId,
  caseId: 'C1',
  partyId,
  signerName: `签名人${partyId}`,
  signedAt: AT,
  bundleDigest: 'b'.repeat(64),
  handwritingDigest: 'h'.repeat(64),
  signedDigest: 's'.repeat(64),
  signature: 'r'.repeat(128),
  caCertificateId: 'SIGCA-1',
  caPublicKey: '04ab',
  documents: { applicationForm: 'd'.repeat(64) },
  current: true,
  ...over,
});

const file = (fileId: string, over: Partial<StoredFile> = {}): StoredFile => ({
  fileId,
  caseId: 'C1',
  materialCode: 'idCard',
  sm3: 'f'.repeat(64),
  bytes: 1234,
  contentType: 'image/png',
  width: 10,
  height: 20,
  uploadedBy: 'P1',
  uploadedAt: AT,
  ...over,
});

describe.each([
  ['SQLite', sqliteStore],
  ['PostgreSQL', postgresStore],
])('signing store contract on %s', (_name, target) => {
  let store: Store;
  let db: SqlDb;
  let other: SqlDb;
  let a: SqlSigningStore;
  let b: SqlSigningStore;

  beforeEach(async () => {
    store = await target();
    db = store.open();
    await migrateSql(db);
    other = store.open();
    a = new SqlSigningStore(db);
    b = new SqlSigningStore(other);
    await insertCase(db, 'C1', 'signing', ['P1', 'P2']);
  });
  afterEach(async () => {
    await other.close();
    await db.close();
    await store.cleanup();
  });

  it('keeps invitations, in order, and records the first acceptance once across nodes', async () => {
    const inv = (code: string, createdAt: string) => ({
      code,
      caseId: 'C1',
      partyId: 'P2',
      createdBy: 'P1',
      createdAt,
      expiresAt: '2026-03-05T01:00:00.000Z',
    });
    await a.saveInvitation(inv('BBBBBB', '2026-03-02T01:00:01.000Z'));
    await a.saveInvitation(inv('AAAAAA', '2026-03-02T01:00:02.000Z'));
    expect(await b.invitation('BBBBBB')).toEqual(inv('BBBBBB', '2026-03-02T01:00:01.000Z'));
    expect(await b.invitation('ZZZZZZ')).toBeUndefined();
    expect((await b.invitationsOf('C1')).map((i) => i.code)).toEqual(['BBBBBB', 'AAAAAA']);
    // the same code is never given twice
    await expect(a.saveInvitation(inv('AAAAAA', AT))).rejects.toBeDefined();

    // a double tap on two nodes: one conditional update wins, the first time is kept
    const won = await Promise.all([
      a.markInvitationAccepted('BBBBBB', '2026-03-02T02:00:00.000Z'),
      b.markInvitationAccepted('BBBBBB', '2026-03-02T02:00:01.000Z'),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const accepted = (await a.invitation('BBBBBB'))?.acceptedAt;
    expect(['2026-03-02T02:00:00.000Z', '2026-03-02T02:00:01.000Z']).toContain(accepted);
    expect(await b.markInvitationAccepted('BBBBBB', '2026-03-03T00:00:00.000Z')).toBe(false);
    expect((await a.invitation('BBBBBB'))?.acceptedAt).toBe(accepted);
    expect(await a.markInvitationAccepted('ZZZZZZ', AT)).toBe(false);
  });

  it('keeps one set of answers per party, the latest', async () => {
    await a.saveInquiry({
      caseId: 'C1',
      partyId: 'P2',
      answers: { truthful: '是' },
      answeredAt: AT,
    });
    await b.saveInquiry({
      caseId: 'C1',
      partyId: 'P1',
      answers: { truthful: '是', otherCoOwners: '否' },
      answeredAt: AT,
    });
    await b.saveInquiry({
      caseId: 'C1',
      partyId: 'P2',
      answers: { truthful: '否' },
      answeredAt: '2026-03-02T03:00:00.000Z',
    });
    expect(await a.inquiriesOf('C1')).toEqual([
      {
        caseId: 'C1',
        partyId: 'P1',
        answers: { truthful: '是', otherCoOwners: '否' },
        answeredAt: AT,
      },
      {
        caseId: 'C1',
        partyId: 'P2',
        answers: { truthful: '否' },
        answeredAt: '2026-03-02T03:00:00.000Z',
      },
    ]);
    expect(await a.inquiriesOf('C2')).toEqual([]);
  });

  it('stores the same bytes for an item once, even uploaded on two nodes at once', async () => {
    const both = await Promise.all([a.saveFile(file('FILE-A')), b.saveFile(file('FILE-B'))]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const kept = await a.fileBySm3('C1', 'idCard', 'f'.repeat(64));
    expect(['FILE-A', 'FILE-B']).toContain(kept?.fileId);
    // another item, or other bytes, are other files; no size given is none stored
    const {
      width: _w,
      height: _h,
      ...pdf
    } = file('FILE-C', {
      materialCode: 'contract',
      contentType: 'application/pdf',
      uploadedAt: '2026-03-02T01:00:05.000Z',
    });
    void _w;
    void _h;
    expect(await b.saveFile(pdf)).toBe(true);
    expect(await b.fileBySm3('C1', 'idCard', 'e'.repeat(64))).toBeUndefined();
    const files = await a.filesOf('C1');
    expect(files.map((f) => f.fileId)).toEqual([kept?.fileId, 'FILE-C']);
    expect(files[0]).toEqual(file(kept!.fileId));
    expect(files[1]).toEqual(pdf);
  });

  it('keeps the first commitment to a material', async () => {
    await Promise.all([
      a.saveCommitment({ caseId: 'C1', materialCode: 'marriage', partyId: 'P1', committedAt: AT }),
      b.saveCommitment({ caseId: 'C1', materialCode: 'marriage', partyId: 'P1', committedAt: AT }),
    ]);
    await b.saveCommitment({
      caseId: 'C1',
      materialCode: 'household',
      partyId: 'P2',
      committedAt: '2026-03-02T04:00:00.000Z',
    });
    await a.saveCommitment({
      caseId: 'C1',
      materialCode: 'marriage',
      partyId: 'P2',
      committedAt: '2026-03-02T05:00:00.000Z',
    });
    expect(await a.commitmentsOf('C1')).toEqual([
      {
        caseId: 'C1',
        materialCode: 'household',
        partyId: 'P2',
        committedAt: '2026-03-02T04:00:00.000Z',
      },
      { caseId: 'C1', materialCode: 'marriage', partyId: 'P1', committedAt: AT },
    ]);
  });

  it('records a signature once per party and round, whichever node comes first', async () => {
    // a double tap on two nodes over the same terms: one current signature
    const both = await Promise.all([
      a.transaction(() => a.saveSignature(signature('SIG-A', 'P1'))),
      b.transaction(() => b.saveSignature(signature('SIG-B', 'P1'))),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await a.saveSignature(signature('SIG-C', 'P1'))).toBe(false);
    let sigs = await b.signaturesOf('C1');
    expect(sigs).toHaveLength(1);
    const first = sigs[0];
    expect(first).toEqual(signature(first.signatureId, 'P1'));
    // another party signs in the same round
    expect(
      await b.saveSignature(signature('SIG-D', 'P2', { signedAt: '2026-03-02T01:00:09Z' })),
    ).toBe(true);

    // the terms change: the signature is voided and the next round takes a new one
    await a.voidSignature(first.signatureId, '2026-03-02T06:00:00.000Z');
    await b.voidSignature(first.signatureId, '2026-03-02T07:00:00.000Z'); // once voided, stays
    expect(
      await b.saveSignature(signature('SIG-E', 'P1', { signedAt: '2026-03-02T08:00:00.000Z' })),
    ).toBe(true);
    sigs = await a.signaturesOf('C1');
    expect(sigs.map((s) => [s.signatureId, s.current, s.voidedAt])).toEqual([
      [first.signatureId, false, '2026-03-02T06:00:00.000Z'],
      ['SIG-D', true, undefined],
      ['SIG-E', true, undefined],
    ]);
    // a voided signature can be kept as voided beside a current one
    expect(
      await a.saveSignature(
        signature('SIG-F', 'P1', { current: false, voidedAt: '2026-03-02T09:00:00.000Z' }),
      ),
    ).toBe(true);
  });

  it('a refused signature inside a transaction does not spoil it', async () => {
    await a.saveSignature(signature('SIG-A', 'P1'));
    const out = await b.transaction(async () => {
      const again = await b.saveSignature(signature('SIG-B', 'P1'));
      await b.saveChange({ caseId: 'C1', at: AT, changes: ['after'] });
      return again;
    });
    expect(out).toBe(false);
    expect(await a.changesOf('C1')).toEqual([{ caseId: 'C1', at: AT, changes: ['after'] }]);
  });

  it('keeps the changes in the order they were made, from any node', async () => {
    await a.saveChange({ caseId: 'C1', at: AT, changes: ['申请书'] });
    await b.saveChange({ caseId: 'C1', at: AT, changes: ['询问笔录（甲）', '合同'] });
    await a.saveChange({ caseId: 'C1', at: '2026-03-02T00:00:00.000Z', changes: ['承诺书'] });
    expect((await b.changesOf('C1')).map((c) => c.changes)).toEqual([
      ['申请书'],
      ['询问笔录（甲）', '合同'],
      ['承诺书'],
    ]);
    expect(await b.changesOf('C2')).toEqual([]);
  });

  it('keeps the first answer of an idempotent request; the key is unique per person', async () => {
    expect(await a.idempotent('P1', 'k1')).toBeUndefined();
    await a.saveIdempotent('P1', 'k1', 'submit|C1|{}', '{"n":1}', AT);
    expect(await b.idempotent('P1', 'k1')).toEqual({
      fingerprint: 'submit|C1|{}',
      response: '{"n":1}',
    });
    expect(await b.idempotent('P2', 'k1')).toBeUndefined();
    await expect(b.saveIdempotent('P1', 'k1', 'other', '{}', AT)).rejects.toBeDefined();
  });

  it('lists a person’s cases in the given statuses, latest first', async () => {
    await insertCase(db, 'C2', 'signing', ['P3', 'P2'], '2026-03-02T05:00:00.000Z');
    await insertCase(db, 'C3', 'draft', ['P2']);
    expect(await b.caseIdsOfPersonInStatus('P2', ['signing'])).toEqual(['C2', 'C1']);
    expect(await b.caseIdsOfPersonInStatus('P2', ['signing', 'draft'])).toEqual(['C2', 'C1', 'C3']);
    expect(await b.caseIdsOfPersonInStatus('P9', ['signing'])).toEqual([]);
    expect(await b.caseIdsOfPersonInStatus('P2', [])).toEqual([]);
  });

  it('the CA: nodes starting together agree on one key; each verifies what the other signed', async () => {
    // nodes sharing the key folder (the CA's root key is never in the database)
    const keyDir = path.join(tempDir('signing-contract-keys-'), 'keys');
    const ca1 = new SimulatedSignatureAuthority(new FileKeyStore(keyDir), db, clock);
    const ca2 = new SimulatedSignatureAuthority(new FileKeyStore(keyDir), other, clock);
    const [c1, c2] = await Promise.all([ca1.certificate(), ca2.certificate()]);
    expect(c1).toEqual(c2);
    expect(c1.certificateId).toMatch(/^SIGCA-[0-9A-F]{16}$/);
    expect(await new FileKeyStore(keyDir).published('signature-ca')).toHaveLength(1);
    expect(await db.all('SELECT key_id FROM signature_ca_keys')).toHaveLength(0);

    const digest = 'ab'.repeat(32);
    const faceCheck = { reference: 'CERTIFY-1', checkedAt: clock.now().toISOString() };
    const signer = { personId: 'P1', name: '甲', idNumber: '331081198512258315' };
    const signed = await ca1.signAsPerson(digest, signer, faceCheck);
    expect(signed.root).toEqual({ keyId: c1.certificateId, publicKeyHex: c1.publicKeyHex });
    expect(signed.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(signed.certificate.body).toMatchObject({
      certificateType: 'event',
      issuer: { keyId: c1.certificateId },
      subject: { kind: 'person', name: '甲' },
      faceCheck,
    });
    // the other node verifies with the CA's published root keys only
    const roots = await ca2.rootKeys();
    const record = { signedDigest: digest, signature: signed.signature, signedAt: signed.signedAt };
    expect(verifySignerSignature({ ...record, certificate: signed.certificate }, roots)).toEqual({
      valid: true,
    });
    expect(
      verifySignerSignature(
        { ...record, signedDigest: 'cd'.repeat(32), certificate: signed.certificate },
        roots,
      ),
    ).toEqual({ valid: false, reason: 'badSignature' });
    expect(
      verifySignerSignature({ ...record, signature: 'zz', certificate: signed.certificate }, roots),
    ).toEqual({ valid: false, reason: 'malformed' });
    // each signing act has its own key pair
    const again = await ca2.signAsPerson(digest, signer, faceCheck);
    expect(again.certificate.body.subjectPublicKey).not.toBe(
      signed.certificate.body.subjectPublicKey,
    );
    // an organisation's e-seal key: nodes racing for the first seal agree on one
    const bank = { personId: 'ORG1', name: '某银行', idNumber: '91331000MA2AXXXX0X' };
    const [s1, s2] = await Promise.all([
      ca1.sealAsOrganisation(digest, bank),
      ca2.sealAsOrganisation(digest, bank),
    ]);
    expect(s1.certificate).toEqual(s2.certificate);
    expect(s1.certificate.body).toMatchObject({
      certificateType: 'organisationSeal',
      subject: { kind: 'organisation', name: '某银行' },
    });
    expect(
      verifySignerSignature(
        {
          signedDigest: digest,
          signature: s2.signature,
          signedAt: s2.signedAt,
          certificate: s2.certificate,
        },
        roots,
        { name: '某银行', idNumber: bank.idNumber },
      ),
    ).toEqual({ valid: true });
    // a node started later finds the same key
    expect(
      await new SimulatedSignatureAuthority(new FileKeyStore(keyDir), other, clock).certificate(),
    ).toEqual(c1);
  });
});
