/**
 * The e-certificate store's contract, one suite on both adapters (the embedded SQLite file and
 * PostgreSQL). "Two handles" on one database stand for two registry nodes: a presentation's
 * uses, its code and the public checks' attempt counts must hold across them.
 */
import { isUniqueViolation, type SqlDb } from '../../../mock-server/src/adapters/sql';
import { presentationSigner } from '../../../mock-server/src/adapters/keys/presentationSigner';
import { openRegistryKey } from '../../../mock-server/src/adapters/keys/registryKey';
import { FileKeyStore } from '../../../mock-server/src/adapters/keys/fileKeyStore';
import { tempDir } from '../support/registry';
import { SqlCertificateStore } from '../../../mock-server/src/adapters/sqlite/certificateStore';
import { verifySeal } from '../../../mock-server/src/domain/documents';
import type {
  HoldingsProofRecord,
  PresentationRecord,
  VerificationRecord,
} from '../../../mock-server/src/ports/certificates';
import { DATABASES, migrated, type Store } from '../support/databases';
import { SqlRegisterRepository } from '../../../mock-server/src/adapters/sqlite/registerRepository';
import type { RegisterEvent } from '../../../mock-server/src/domain/register';
import { StatusNow } from '../../../mock-server/src/usecases/certificates/statusNow';

const UNIT = '331022002008GB00162F00060001';
const ISSUED = '2025-03-01T08:00:00.000Z';
const LATER = '2025-03-01T08:01:00.000Z';
const EXPIRES = '2025-03-01T08:05:00.000Z';

/** A unit with one current right held in shares by two people, and its certificate. */
async function seedRegister(db: SqlDb): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [id, name, idNumber] of [
      ['P-A', '甲', '331023196801208629'],
      ['P-B', '乙', '331081198512258315'],
    ]) {
      await tx.run(
        `INSERT INTO persons (person_id, kind, name, id_type, id_number) VALUES (?, 'natural', ?, 'citizenId', ?)`,
        [id, name, idNumber],
      );
    }
    const ev = await tx.get<{ seq: number }>(
      `INSERT INTO register_events (event_id, event_type, unit_code, recorded_at, payload_json)
       VALUES ('EV-1', 'rightRecorded', ?, ?, '{}') RETURNING seq`,
      [UNIT, ISSUED],
    );
    const seq = Number(ev!.seq);
    await tx.run(
      `INSERT INTO units (unit_code, county_code, location, use, nature, building_area,
         shared_land_area, structure, floor, total_floors, land_use_ends_on, created_seq)
       VALUES (?, '331022', '海韵花园6幢1单元1203室', '住宅', '商品房', 89.5, 12.25, '钢混', 12, 18, '2085-06-30', ?)`,
      [UNIT, seq],
    );
    await tx.run(
      `INSERT INTO certificates (certificate_id, kind, number, unit_code, issued_on, form, licence_id, status)
       VALUES ('CERT-1', 'titleCertificate', '浙(2024)三门县不动产权第0000001号', ?, '2024-05-01',
               'electronic', 'LIC-1', 'current')`,
      [UNIT],
    );
    await tx.run(
      `INSERT INTO rights (right_id, unit_code, right_type, co_ownership, registered_on,
         certificate_id, status, created_seq)
       VALUES ('R-1', ?, '国有建设用地使用权/房屋所有权', 'shares', '2024-05-01', 'CERT-1', 'current', ?)`,
      [UNIT, seq],
    );
    await tx.run(
      `INSERT INTO right_holders (right_id, position, person_id, share_basis_points)
       VALUES ('R-1', 0, 'P-A', 6000), ('R-1', 1, 'P-B', 4000)`,
    );
  });
}

let serial = 0;
const presentation = (over: Partial<PresentationRecord> = {}): PresentationRecord => {
  serial += 1;
  return {
    presentationId: `PRES-${serial}`,
    itemId: 'CERT-1',
    itemKind: 'titleCertificate',
    holderPersonId: 'P-A',
    view: 'minimal',
    code: String(100000 + serial),
    nonce: `nonce-${serial}`,
    token: `HE1.token.${serial}`,
    issuedAt: ISSUED,
    expiresAt: EXPIRES,
    allowance: 3,
    uses: 0,
    ...over,
  };
};
const verification = (p: PresentationRecord, at = LATER): VerificationRecord => ({
  presentationId: p.presentationId,
  itemId: p.itemId,
  holderPersonId: p.holderPersonId,
  verifiedAt: at,
  verifierKind: 'web',
  verifierDisplay: '网页核验',
  via: 'code',
  view: p.view,
});
/**
 * The same database through a handle whose transactions can be watched and made to fail before
 * they commit (a node crashing with the writes done but not committed).
 */
function watched(db: SqlDb) {
  const state = {
    transactions: 0,
    committed: 0,
    /** which transactions (1, 2, … in the order begun) fail before their commit */
    fails: (_n: number) => false,
  };
  const handle: SqlDb = {
    dialect: db.dialect,
    all: (sql, params) => db.all(sql, params),
    get: (sql, params) => db.get(sql, params),
    run: (sql, params) => db.run(sql, params),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    async transaction(fn, opts) {
      state.transactions += 1;
      const n = state.transactions;
      const result = await db.transaction(async (tx) => {
        const r = await fn(tx);
        if (state.fails(n)) throw new Error('crashed before the commit');
        return r;
      }, opts);
      state.committed += 1;
      return result;
    },
  };
  return { handle, state };
}

const noCode = () => {
  throw new Error('no other code should be needed');
};

describe.each(DATABASES)('CertificateStore contract on %s', (_name, makeTarget) => {
  let target: Store;
  let db: SqlDb;
  let other: SqlDb;
  let store: SqlCertificateStore;
  /** the same database through another handle: another node */
  let node2: SqlCertificateStore;

  beforeAll(async () => {
    target = await makeTarget();
    db = await migrated(target);
    await seedRegister(db);
    other = target.open();
    store = new SqlCertificateStore(db);
    node2 = new SqlCertificateStore(other);
  });
  afterAll(async () => {
    await other?.close();
    await db?.close();
    await target?.cleanup();
  });

  describe('presentations', () => {
    it('saves a presentation and reads it back by id and, while it lives, by code', async () => {
      const p = presentation();
      expect(await store.savePresentation(p, noCode)).toEqual(p);
      expect(await store.presentation(p.presentationId)).toEqual(p);
      expect(await node2.presentation(p.presentationId)).toEqual(p);
      expect(await store.presentationByCode(p.code, LATER)).toEqual(p);
      expect(await store.presentationByCode(p.code, EXPIRES)).toBeUndefined();
      expect(await store.presentation('PRES-nobody')).toBeUndefined();
    });

    it('draws another code while a live presentation has it; an expired one frees it', async () => {
      const first = await store.savePresentation(presentation({ code: '424242' }), noCode);
      const codes = ['424242', '515151'];
      const second = await node2.savePresentation(presentation({ code: '424242' }), () =>
        codes.shift()!,
      );
      expect(first.code).toBe('424242');
      expect(second.code).toBe('515151');
      expect((await store.presentationByCode('515151', LATER))?.presentationId).toBe(
        second.presentationId,
      );
      const afterExpiry = await store.savePresentation(
        presentation({ code: '424242', issuedAt: EXPIRES, expiresAt: '2025-03-01T08:10:00.000Z' }),
        noCode,
      );
      expect(afterExpiry.code).toBe('424242');
    });

    it('gives concurrent presentations on two nodes different codes', async () => {
      let drawn = 0;
      const next = () => String(600000 + ++drawn);
      const saved = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? node2 : store).savePresentation(presentation({ code: '777777' }), next),
        ),
      );
      const codes = saved.map((p) => p.code);
      expect(new Set(codes).size).toBe(8);
      for (const p of saved) {
        expect((await store.presentationByCode(p.code, LATER))?.presentationId).toBe(
          p.presentationId,
        );
      }
    });

    it('refuses a second presentation with the same nonce', async () => {
      const p = await store.savePresentation(presentation(), noCode);
      const refused = await store
        .savePresentation(presentation({ nonce: p.nonce, code: '999001' }), noCode)
        .catch((e: unknown) => e);
      expect(isUniqueViolation(refused)).toBe(true);
    });
  });

  describe('use counts and the verification log', () => {
    it('counts each use, logs it, and refuses once the allowance is used up', async () => {
      const p = await store.savePresentation(presentation({ allowance: 2 }), noCode);
      expect(await store.useOnce(verification(p, '2025-03-01T08:01:00.000Z'))).toBe(1);
      expect(
        await node2.useOnce({
          ...verification(p, '2025-03-01T08:02:00.000Z'),
          verifierKind: 'app',
          verifierPersonId: 'P-B',
          verifierDisplay: 'App 用户 乙',
          via: 'qr',
        }),
      ).toBe(0);
      expect(await store.useOnce(verification(p, '2025-03-01T08:03:00.000Z'))).toBeUndefined();
      expect((await store.presentation(p.presentationId))?.uses).toBe(2);
      const log = (await store.verificationsOf('CERT-1', 'P-A')).filter(
        (v) => v.presentationId === p.presentationId,
      );
      expect(log).toEqual([
        {
          presentationId: p.presentationId,
          itemId: 'CERT-1',
          holderPersonId: 'P-A',
          verifiedAt: '2025-03-01T08:02:00.000Z',
          verifierKind: 'app',
          verifierPersonId: 'P-B',
          verifierDisplay: 'App 用户 乙',
          via: 'qr',
          view: 'minimal',
        },
        verification(p, '2025-03-01T08:01:00.000Z'),
      ]);
      expect(await store.verificationsOf('CERT-1', 'P-B')).toEqual([]);
    });

    it('counts exactly the allowance when two nodes verify one presentation at once', async () => {
      const p = await store.savePresentation(presentation({ allowance: 3 }), noCode);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? node2 : store).useOnce(verification(p))),
      );
      expect(results.filter((r) => r !== undefined).sort()).toEqual([0, 1, 2]);
      expect((await node2.presentation(p.presentationId))?.uses).toBe(3);
      const logged = (await store.verificationsOf('CERT-1', 'P-A')).filter(
        (v) => v.presentationId === p.presentationId,
      );
      expect(logged).toHaveLength(3);
    });

    it('commits concurrent uses together, answering each only once its commit is done', async () => {
      const { handle, state } = watched(db);
      const node = new SqlCertificateStore(handle);
      const ps = await Promise.all(
        [0, 1, 2, 3].map(() => store.savePresentation(presentation({ allowance: 5 }), noCode)),
      );
      const answeredAfter: number[] = [];
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          node.useOnce(verification(ps[i % 4])).then((left) => {
            answeredAfter.push(state.committed);
            return left;
          }),
        ),
      );
      // fewer commits than uses: they were grouped
      expect(state.transactions).toBeLessThan(24);
      // every answer came after a commit
      expect(Math.min(...answeredAfter)).toBeGreaterThanOrEqual(1);
      // still exactly the allowance per presentation: 5 of 6 tries each, 4 … 0 left
      for (let k = 0; k < 4; k++) {
        const mine = answers.filter((_, i) => i % 4 === k);
        expect(mine.filter((x) => x === undefined)).toHaveLength(1);
        expect(mine.filter((x) => x !== undefined).sort()).toEqual([0, 1, 2, 3, 4]);
        expect((await node2.presentation(ps[k].presentationId))?.uses).toBe(5);
      }
      const logged = (await node2.verificationsOf('CERT-1', 'P-A')).filter((v) =>
        ps.some((p) => p.presentationId === v.presentationId),
      );
      expect(logged).toHaveLength(20);
    });

    it('acknowledges no use of a group whose commit failed; each is then counted and logged once on its own', async () => {
      const { handle, state } = watched(db);
      const node = new SqlCertificateStore(handle);
      const p = await store.savePresentation(presentation({ allowance: 3 }), noCode);
      const q = await store.savePresentation(presentation({ allowance: 3 }), noCode);
      // five uses arrive together and go into one transaction, which fails before its commit
      state.fails = (n) => n === 1;
      const answers = await Promise.all([p, p, q, q, p].map((x) => node.useOnce(verification(x))));
      expect(answers).toEqual([2, 1, 2, 1, 0]);
      // the failed group, then each of its five again on its own
      expect([state.transactions, state.committed]).toEqual([6, 5]);
      for (const x of [p, q]) {
        const logged = (await node2.verificationsOf('CERT-1', 'P-A')).filter(
          (v) => v.presentationId === x.presentationId,
        );
        expect(logged).toHaveLength(x === p ? 3 : 2);
      }
      expect((await node2.presentation(p.presentationId))?.uses).toBe(3);
      expect((await node2.presentation(q.presentationId))?.uses).toBe(2);
    });

    it('while no commit succeeds (the node is going down) acknowledges nothing and leaves nothing', async () => {
      const { handle, state } = watched(db);
      const node = new SqlCertificateStore(handle);
      const p = await store.savePresentation(presentation({ allowance: 3 }), noCode);
      state.fails = () => true;
      const outcomes = await Promise.allSettled([0, 1, 2].map(() => node.useOnce(verification(p))));
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((await node2.presentation(p.presentationId))?.uses).toBe(0);
      expect(
        (await node2.verificationsOf('CERT-1', 'P-A')).filter(
          (v) => v.presentationId === p.presentationId,
        ),
      ).toEqual([]);
    });

    it('logs nothing for a presentation that does not exist', async () => {
      const ghost = presentation();
      expect(await store.useOnce(verification(ghost))).toBeUndefined();
    });
  });

  describe('holdings proofs', () => {
    const proof = (proofId: string, number: string, issuedAt: string): HoldingsProofRecord => ({
      proofId,
      personId: 'P-B',
      number,
      issuedAt,
      document: {
        body: { documentType: 'holdingsProof', number, holdings: [] },
        seal: { algorithm: 'SM2-with-SM3', keyId: 'K', digest: 'd', signature: 's' },
      } as unknown as HoldingsProofRecord['document'],
    });

    it('saves proofs, lists a person’s newest first, and refuses a number twice', async () => {
      const older = proof('PROOF-1', '浙权证明(2025)第000001号', '2025-03-01T08:00:00.000Z');
      const newer = proof('PROOF-2', '浙权证明(2025)第000002号', '2025-03-02T08:00:00.000Z');
      await store.saveHoldingsProof(older);
      await node2.saveHoldingsProof(newer);
      expect(await store.holdingsProofsOf('P-B')).toEqual([newer, older]);
      expect(await store.holdingsProofsOf('P-A')).toEqual([]);
      expect(await node2.holdingsProof('PROOF-1')).toEqual(older);
      expect(await store.holdingsProof('PROOF-9')).toBeUndefined();
      const refused = await store
        .saveHoldingsProof(proof('PROOF-3', older.number, older.issuedAt))
        .catch((e: unknown) => e);
      expect(isUniqueViolation(refused)).toBe(true);
    });
  });

  describe('register reads', () => {
    it('reads the right a certificate was issued for, holders in order, and its row', async () => {
      expect(await store.rightOfCertificate('CERT-1')).toEqual({
        rightId: 'R-1',
        rightType: '国有建设用地使用权/房屋所有权',
        coOwnership: 'shares',
        status: 'current',
        holders: [
          { personId: 'P-A', shareBasisPoints: 6000 },
          { personId: 'P-B', shareBasisPoints: 4000 },
        ],
      });
      expect(await store.rightOfCertificate('CERT-none')).toBeUndefined();
      expect(await store.certificateRow('CERT-1')).toEqual({
        kind: 'titleCertificate',
        status: 'current',
        unitCode: UNIT,
        number: '浙(2024)三门县不动产权第0000001号',
      });
      expect(await store.certificateRow('CERT-none')).toBeUndefined();
    });
  });

  describe('electronic twins', () => {
    it('lists the current paper certificates and notes one twin per certificate', async () => {
      await db.run(
        `INSERT INTO certificates (certificate_id, kind, number, unit_code, issued_on, form, proves, status)
         VALUES ('CERT-P', 'registrationProof', '浙(2019)三门县不动产证明第0000009号', ?, '2019-03-01',
                 'paper', '抵押权', 'current')`,
        [UNIT],
      );
      expect(await node2.currentPaperCertificates()).toEqual([
        {
          certificateId: 'CERT-P',
          kind: 'registrationProof',
          number: '浙(2019)三门县不动产证明第0000009号',
          unitCode: UNIT,
          issuedOn: '2019-03-01',
          form: 'paper',
          status: 'current',
          proves: '抵押权',
        },
      ]);
      await db.run(
        `INSERT INTO documents (document_id, kind, number, case_id, certificate_id, issued_at, body_json, seal_json)
         VALUES ('DOC-T', 'registrationProof', '浙(2019)三门县不动产证明第0000009号', NULL, 'CERT-P', ?, '{}', '{}')`,
        [ISSUED],
      );
      const twin = {
        certificateId: 'CERT-P',
        licenceId: 'LIC-TWIN',
        documentId: 'DOC-T',
        createdAt: ISSUED,
      };
      await store.saveTwin(twin);
      const again = await node2.saveTwin(twin).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(again)).toBe(true);
      expect(
        await other.get(
          'SELECT licence_id, document_id FROM electronic_twins WHERE certificate_id = ?',
          ['CERT-P'],
        ),
      ).toEqual({ licence_id: 'LIC-TWIN', document_id: 'DOC-T' });
    });
  });

  describe('attempt counters of the public checks', () => {
    const WINDOW = 60_000;
    const T0 = 1_740_000_000_000;

    it('counts up to the limit within the window, then refuses with the oldest attempt', async () => {
      for (let i = 0; i < 3; i++) {
        const took = await (i % 2 ? node2 : store).takeAttempt('code', 'ip-1', T0 + i, WINDOW, 3);
        expect(took.counted).toBe(true);
      }
      expect(await node2.takeAttempt('code', 'ip-1', T0 + 10, WINDOW, 3)).toEqual({
        counted: false,
        oldestMs: T0,
      });
      // another client, another bucket: their own counts
      expect((await store.takeAttempt('code', 'ip-2', T0 + 10, WINDOW, 3)).counted).toBe(true);
      expect((await store.takeAttempt('file', 'ip-1', T0 + 10, WINDOW, 3)).counted).toBe(true);
      // the oldest attempt leaves the window: one more is counted
      expect((await store.takeAttempt('code', 'ip-1', T0 + WINDOW, WINDOW, 3)).counted).toBe(true);
      // (T0 + 1, T0 + WINDOW + 1] holds T0 + 2 and T0 + WINDOW: room for one
      expect((await node2.takeAttempt('code', 'ip-1', T0 + WINDOW + 1, WINDOW, 3)).counted).toBe(
        true,
      );
      expect(await store.takeAttempt('code', 'ip-1', T0 + WINDOW + 1, WINDOW, 3)).toEqual({
        counted: false,
        oldestMs: T0 + 2,
      });
    });

    it('takes back a dropped attempt', async () => {
      const a = await store.takeAttempt('code', 'ip-3', T0, WINDOW, 1);
      expect(a.counted).toBe(true);
      expect((await node2.takeAttempt('code', 'ip-3', T0 + 1, WINDOW, 1)).counted).toBe(false);
      if (a.counted) await node2.dropAttempt(a.attemptId);
      expect((await store.takeAttempt('code', 'ip-3', T0 + 2, WINDOW, 1)).counted).toBe(true);
    });

    it('never lets concurrent attempts on two nodes past the limit', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          (i % 2 ? node2 : store).takeAttempt('file', 'ip-4', T0 + i, WINDOW, 5),
        ),
      );
      expect(outcomes.filter((o) => o.counted)).toHaveLength(5);
    });

    it('forgets attempts older than the window', async () => {
      await store.takeAttempt('code', 'ip-5', T0, WINDOW, 10);
      await store.takeAttempt('code', 'ip-6', T0 + 3 * WINDOW, WINDOW, 10);
      const left = await db.get<{ n: number }>(
        "SELECT count(*) AS n FROM verify_attempts WHERE client = 'ip-5'",
      );
      expect(Number(left?.n)).toBe(0);
    });
  });

  describe('the registry key', () => {
    it('is created once when two nodes start together, and then read by both', async () => {
      // two nodes share the key files (one folder), each publishes on its own connection
      const dir = tempDir('registry-keys-');
      const [a, b] = [new FileKeyStore(dir), new FileKeyStore(dir)];
      const keys = await Promise.all([openRegistryKey(db, a), openRegistryKey(other, b)]);
      expect(keys[0]).toEqual(keys[1]);
      const rows = await db.all<{ key_id: string }>('SELECT key_id FROM registry_keys');
      expect(rows.map((r) => r.key_id)).toEqual([keys[0].keyId]);
      expect(await openRegistryKey(other, new FileKeyStore(dir))).toEqual(keys[0]);
      // the private key is not in the database
      const privates = await db.all<{ private_key_hex: string }>(
        'SELECT private_key_hex FROM registry_keys',
      );
      expect(privates).toEqual([{ private_key_hex: '' }]);
      // the presentation signer seals with it; the published public key checks the seal
      const signer = presentationSigner(keys[1]);
      const published = await db.get<{ public_key_hex: string }>(
        'SELECT public_key_hex FROM registry_keys WHERE key_id = ?',
        [keys[0].keyId],
      );
      expect(signer.publicKeyHex).toBe(published?.public_key_hex);
      expect(verifySeal(signer.seal({ a: 1 }), signer.publicKeyHex)).toEqual({ valid: true });
    });
  });

  // last: it changes the register (a seizure, then a transfer that cancels CERT-1)
  describe('the status now, kept per register version', () => {
    it('is read once per register version, and a change on another node shows at once', async () => {
      const reads = { n: 0 };
      const counted = {
        certificateRow: (id: string) => {
          reads.n += 1;
          return store.certificateRow(id);
        },
      };
      const here = new StatusNow({ store: counted, register: new SqlRegisterRepository(db) });
      const there = new SqlRegisterRepository(other);
      expect(await here.of('CERT-1')).toMatchObject({ certificate: 'current', restrictions: [] });
      expect(await here.of('CERT-1')).toMatchObject({ certificate: 'current', restrictions: [] });
      // the second answer came from the kept entry: the register had not changed
      expect(reads.n).toBe(1);

      const at = '2025-03-02T08:00:00.000Z';
      const seizure: RegisterEvent = {
        type: 'restrictionRecorded',
        eventId: 'EV-SEIZE',
        recordedAt: at,
        restriction: {
          kind: 'seizure',
          restrictionId: 'RS-1',
          unitCode: UNIT,
          registeredOn: '2025-03-02',
          courtId: 'COURT-1',
          rulingNumber: '(2025)浙1022执保1号',
          endsOn: '2028-03-01',
        },
      };
      await there.append([seizure]);
      expect(await here.of('CERT-1')).toMatchObject({
        certificate: 'current',
        restrictions: ['seizure'],
      });
      expect(reads.n).toBe(2);

      const transfer: RegisterEvent = {
        type: 'rightRecorded',
        eventId: 'EV-TRANSFER',
        recordedAt: at,
        supersedesRightId: 'R-1',
        right: {
          rightId: 'R-2',
          unitCode: UNIT,
          rightType: '国有建设用地使用权/房屋所有权',
          coOwnership: 'sole',
          holders: [{ personId: 'P-B' }],
          registeredOn: '2025-03-02',
          certificateId: 'CERT-2',
        },
        certificate: {
          certificateId: 'CERT-2',
          kind: 'titleCertificate',
          number: '浙(2025)三门县不动产权第0000002号',
          unitCode: UNIT,
          issuedOn: '2025-03-02',
          form: 'electronic',
          licenceId: 'LIC-2',
        },
      };
      await there.append([transfer]);
      // refused at once on this node: no stale "current" from the kept entry
      expect(await here.of('CERT-1')).toMatchObject({ certificate: 'cancelled', restrictions: [] });
    });
  });
});
