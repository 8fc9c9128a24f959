/**
 * The archive store's and the blob stores' contract: one suite, run on the embedded SQLite file
 * and on PostgreSQL (the blob contract also on the blob folder). "Two nodes" are two handles on
 * one store: two pools on one PostgreSQL database, two connections on one SQLite file. What the
 * archive relies on holds on both: packages read back as filed, one package per case, the
 * Merkle log's leaves run 0, 1, 2, … without gaps when two nodes append at once, one leaf per
 * record, append-only tables, and a blob stored twice (or by two nodes at once) is one blob.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FsBlobStore, SqlBlobStore } from '../../../mock-server/src/adapters/archive/blobStore';
import { SqlArchiveStore } from '../../../mock-server/src/adapters/archive/sqlArchiveStore';
import { isUniqueViolation, migrateSql, type SqlDb } from '../../../mock-server/src/adapters/sql';
import { sm3Hex, type StoredQueryRecord } from '../../../mock-server/src/domain/archive';
import { sm3MerkleHash } from '../../../mock-server/src/domain/merkle';
import type { BlobStore, NewPackage, Sealer } from '../../../mock-server/src/ports';
import { MerkleLog } from '../../../mock-server/src/usecases/archive/merkleLog';
import { tempDir } from '../support/registry';
import {
  DATABASES,
  migrated,
  postgresStore,
  sqliteStore,
  type Store,
  type Target,
} from '../support/databases';

/**
 * The error a promise rejects with (undefined when it resolves). Driver errors are checked by
 * what they say, not with `toThrow`: better-sqlite3's SqliteError is not an `Error` of the test's
 * realm when jest runs the file in a worker.
 */
const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

const T0 = '2026-03-02T01:00:00.000Z';
const clock = { now: () => new Date(T0) };
const sealer: Sealer = {
  keyId: 'test',
  publicKeyHex: '04',
  seal: (body) => ({ body, seal: { keyId: 'test' } as never }),
};
const UNIT = '331002005008GB07196F00110001';

describe.each(DATABASES)('archive store on %s', (_name, target) => {
  let store: Store;
  let db: SqlDb;
  let other: SqlDb;
  let archive: SqlArchiveStore;
  let archive2: SqlArchiveStore;
  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${(seq += 1)}`;

  const addCase = async (status = 'issued'): Promise<string> => {
    const caseId = unique('CASE');
    await db.run(
      `INSERT INTO cases (case_id, business_type_code, status, unit_code, created_by, created_at,
         updated_at, version, data_json) VALUES (?, 'transfer.secondHandSale', ?, ?, 'P1', ?, ?, 1, '{}')`,
      [caseId, status, UNIT, T0, T0],
    );
    return caseId;
  };
  const addEvent = async (unitCode: string | null, recordedAt = T0): Promise<number> => {
    const id = unique('EV');
    await db.run(
      `INSERT INTO register_events (event_id, event_type, unit_code, recorded_at, payload_json)
       VALUES (?, 'test', ?, ?, ?)`,
      [id, unitCode, recordedAt, JSON.stringify({ eventId: id })],
    );
    const r = await db.get<{ seq: number }>('SELECT seq FROM register_events WHERE event_id = ?', [
      id,
    ]);
    return Number(r?.seq);
  };
  const newPackage = (caseId: string, serial: number, leafIndex: number): NewPackage => ({
    packageId: unique('ARC'),
    serial,
    archiveNumber: unique('DA'),
    caseId,
    certificateNumber: unique('浙(2026)台州市不动产权第'),
    filedAt: T0,
    manifest: sealer.seal({ caseId } as never),
    leafIndex,
    items: [
      {
        no: 1,
        kind: 'application',
        title: '申请信息',
        mediaType: 'application/json',
        digest: 'a'.repeat(64),
        size: 3,
      },
      {
        no: 2,
        kind: 'notice',
        title: '通知书',
        mediaType: 'application/json',
        digest: 'b'.repeat(64),
        size: 0,
      },
    ],
  });

  beforeAll(async () => {
    store = await target();
    db = await migrated(store);
    other = store.open();
    archive = new SqlArchiveStore(db);
    archive2 = new SqlArchiveStore(other);
  });
  afterAll(async () => {
    await other?.close();
    await db?.close();
    await store?.cleanup();
  });

  it('a filed package reads back the same by case, id, certificate number, unit and in order', async () => {
    const caseId = await addCase();
    expect(await archive.packageOfCase(caseId)).toBeUndefined();
    const serial = await archive.nextPackageSerial();
    const p = newPackage(caseId, serial, 1000);
    await archive.savePackage(p);
    const read = await archive2.packageOfCase(caseId);
    expect(read).toEqual({
      packageId: p.packageId,
      serial,
      archiveNumber: p.archiveNumber,
      caseId,
      certificateNumber: p.certificateNumber,
      filedAt: T0,
      manifest: p.manifest,
      leafIndex: 1000,
      items: p.items,
    });
    expect(await archive.package(p.packageId)).toEqual(read);
    expect(await archive.packageByCertificateNumber(p.certificateNumber ?? '')).toEqual(read);
    expect((await archive.packagesOfUnit(UNIT)).map((x) => x.packageId)).toContain(p.packageId);
    expect((await archive.packages()).map((x) => x.serial)).toEqual(
      [...(await archive.packages()).map((x) => x.serial)].sort((a, b) => a - b),
    );
    expect(await archive.nextPackageSerial()).toBe(serial + 1);
    expect(await archive.package('ARC-none')).toBeUndefined();
  });

  it('one package per case: a second one for the case is refused and leaves nothing behind', async () => {
    const caseId = await addCase();
    await archive.savePackage(newPackage(caseId, await archive.nextPackageSerial(), 2000));
    const again = newPackage(caseId, await archive.nextPackageSerial(), 2001);
    expect(isUniqueViolation(await failure(archive.savePackage(again)))).toBe(true);
    expect(await archive.package(again.packageId)).toBeUndefined();
    const items = await db.get<{ n: number }>(
      'SELECT count(*) AS n FROM archive_items WHERE package_id = ?',
      [again.packageId],
    );
    expect(items?.n).toBe(0);
  });

  it('completed cases without a package are listed for filing; the others are not', async () => {
    const refused = await addCase('refused');
    const draft = await addCase('draft');
    const ids = await archive.completedUnfiledCaseIds();
    expect(ids).toContain(refused);
    expect(ids).not.toContain(draft);
    await archive.savePackage(newPackage(refused, await archive.nextPackageSerial(), 3000));
    expect(await archive.completedUnfiledCaseIds()).not.toContain(refused);
  });

  it('leaves and tree heads: appended, counted, found by reference; one leaf per record', async () => {
    const before = await archive.leafCount();
    const ref = unique('Q');
    await archive.appendLeaf({
      leafIndex: before,
      kind: 'recordsQuery',
      ref,
      leafData: 'd',
      leafHash: 'ab',
      appendedAt: T0,
    });
    expect(await archive2.leafCount()).toBe(before + 1);
    expect(await archive.leafByRef('recordsQuery', ref)).toEqual({
      leafIndex: before,
      kind: 'recordsQuery',
      ref,
      leafData: 'd',
      leafHash: 'ab',
    });
    expect((await archive.leaves()).at(-1)?.ref).toBe(ref);
    const duplicate = await failure(
      archive.appendLeaf({
        leafIndex: before + 1,
        kind: 'recordsQuery',
        ref,
        leafData: 'd',
        leafHash: 'ab',
        appendedAt: T0,
      }),
    );
    expect(isUniqueViolation(duplicate)).toBe(true);
    const head = {
      treeSize: 900,
      rootHash: 'r',
      hashAlgorithm: 'sm3',
      head: sealer.seal({} as never),
    };
    await archive.saveTreeHead({ ...head, signedAt: T0 });
    expect(await archive.treeHead(900)).toEqual(head);
    expect(await archive.latestTreeHead()).toEqual(head);
    expect((await archive.treeHeads()).at(-1)).toEqual(head);
    expect(isUniqueViolation(await failure(archive.saveTreeHead({ ...head, signedAt: T0 })))).toBe(
      true,
    );
  });

  it('Merkle log nodes: read back by position with the leaves as level 0; stored once; append-only', async () => {
    const base = 1_000_000 + (await archive.leafCount());
    await archive.saveLogNodes([
      { level: 1, index: base, hash: 'aa' },
      { level: 3, index: base, hash: 'bb' },
    ]);
    // stored again (two nodes filling an old log at once): the first one stays
    await archive2.saveLogNodes([{ level: 1, index: base, hash: 'cc' }]);
    const leafIndex = await archive.leafCount();
    await archive.appendLeaf({
      leafIndex,
      kind: 'audit',
      ref: unique('N'),
      leafData: 'n',
      leafHash: 'dd',
      appendedAt: T0,
    });
    const got = await archive2.logNodes([
      { level: 1, index: base },
      { level: 3, index: base },
      { level: 2, index: base },
      { level: 0, index: leafIndex },
      { level: 0, index: leafIndex + 5 },
    ]);
    const byKey = (xs: { level: number; index: number; hash: string }[]) =>
      xs.map((n) => `${n.level}:${n.index}=${n.hash}`).sort();
    expect(byKey(got)).toEqual(
      byKey([
        { level: 1, index: base, hash: 'aa' },
        { level: 3, index: base, hash: 'bb' },
        { level: 0, index: leafIndex, hash: 'dd' },
      ]),
    );
    expect(await archive.leaf(leafIndex)).toMatchObject({ leafIndex, leafHash: 'dd' });
    expect(await archive.leaf(leafIndex + 5)).toBeUndefined();
    const many = Array.from({ length: 450 }, (_, i) => ({ level: 2, index: base + i, hash: 'ee' }));
    await archive.saveLogNodes(many);
    expect((await archive.logNodes(many)).length).toBe(450);
    expect(
      await failure(
        db.run('UPDATE log_nodes SET hash = ? WHERE level = 1 AND idx = ?', ['ff', base]),
      ),
    ).toBeDefined();
    expect(
      await failure(db.run('DELETE FROM log_nodes WHERE level = 1 AND idx = ?', [base])),
    ).toBeDefined();
    expect(await archive.missingTriggers()).toEqual([]);
  });

  it('register events: after a sequence number, of a unit, at an instant; the last one logged', async () => {
    const a = await addEvent(UNIT, '2026-03-02T02:00:00.000Z');
    const b = await addEvent(UNIT, '2026-03-02T02:00:00.000Z');
    await addEvent(null);
    expect((await archive.registerEventsAfter(a - 1)).map((e) => e.seq).slice(0, 2)).toEqual([
      a,
      b,
    ]);
    expect(
      (await archive.unitEventsAt(UNIT, '2026-03-02T02:00:00.000Z')).map((e) => e.seq),
    ).toEqual([a, b]);
    expect((await archive.unitEvents(UNIT)).map((e) => e.seq)).toEqual(
      expect.arrayContaining([a, b]),
    );
    expect((await archive.registerEvents()).length).toBeGreaterThanOrEqual(3);
    const logged = await archive.lastLoggedRegisterSeq();
    await archive.appendLeaf({
      leafIndex: await archive.leafCount(),
      kind: 'registerEvent',
      ref: String(b),
      leafData: 'e',
      leafHash: 'ab',
      appendedAt: T0,
    });
    expect(await archive.lastLoggedRegisterSeq()).toBe(Math.max(logged, b));
  });

  it('audit entries are numbered in order; records queries read back and count', async () => {
    const entry = {
      at: T0,
      actorId: 'P1',
      actorRole: 'party',
      purpose: 'p',
      action: 'readPackage',
      target: 't',
      outcome: 'read',
    };
    const first = await archive.appendAudit(entry);
    const second = await archive2.appendAudit(entry);
    expect(second.seq).toBeGreaterThan(first.seq);
    expect((await archive.audits()).slice(-2)).toEqual([first, second]);

    const answered = await archive.countAnsweredQueries();
    const q: StoredQueryRecord = {
      queryId: unique('QRY'),
      personId: 'P9',
      role: 'interestedParty',
      purpose: 'lease',
      unitCode: UNIT,
      outcome: 'answered',
      proof: { mediaType: 'image/jpeg', digest: 'c'.repeat(64), size: 5 },
      resultJson: '{}',
      at: T0,
    };
    await archive.saveQuery(q);
    const refused: StoredQueryRecord = {
      queryId: unique('QRY'),
      personId: 'P9',
      role: 'x',
      purpose: 'y',
      outcome: 'refused',
      resultJson: '{}',
      at: T0,
    };
    await archive.saveQuery(refused);
    expect(await archive2.query(q.queryId)).toEqual(q);
    expect(await archive2.query(refused.queryId)).toEqual(refused);
    expect((await archive.queriesOf('P9')).map((x) => x.queryId).sort()).toEqual(
      [q.queryId, refused.queryId].sort(),
    );
    expect((await archive.queries()).map((x) => x.queryId)).toEqual(
      expect.arrayContaining([q.queryId, refused.queryId]),
    );
    expect(await archive.countAnsweredQueries()).toBe(answered + 1);
    expect(await failure(db.run("UPDATE records_queries SET purpose = 'x'"))).toMatchObject({
      message: expect.stringMatching(/append-only/),
    });
    expect(await failure(db.run('DELETE FROM archive_audit'))).toMatchObject({
      message: expect.stringMatching(/append-only/),
    });
  });

  it('units by location, state-organ officers (granted once), registry keys', async () => {
    expect(await archive.unitCodeByLocation('没有这个地址')).toBeUndefined();
    expect(await archive.organOf('P7')).toBeUndefined();
    await archive.grantOrgan('P7', '台州市公安局椒江分局', T0);
    await archive2.grantOrgan('P7', '另一个机关', T0);
    expect(await archive.organOf('P7')).toBe('台州市公安局椒江分局');
    await db.run(
      `INSERT INTO registry_keys (key_id, public_key_hex, private_key_hex, created_at) VALUES ('k1', '04ab', '01', ?)`,
      [T0],
    );
    expect(await archive.registryPublicKeys()).toEqual(['04ab']);
  });

  it('the append-only triggers are all in force; a dropped one is named', async () => {
    expect(await archive.missingTriggers()).toEqual([]);
    const fresh = await target();
    const d = fresh.open();
    try {
      await migrateSql(d);
      await d.exec(
        d.dialect === 'postgres'
          ? 'DROP TRIGGER blobs_no_delete ON blobs'
          : 'DROP TRIGGER blobs_no_delete',
      );
      expect(await new SqlArchiveStore(d).missingTriggers()).toEqual(['blobs_no_delete']);
    } finally {
      await d.close();
      await fresh.cleanup();
    }
  });

  it('two nodes appending to the Merkle log at once: leaves 0, 1, 2, … without gaps, each head signed once', async () => {
    const start = await archive.leafCount();
    const logs = [archive, archive2].map((s) => new MerkleLog(s, sealer, sm3MerkleHash, clock));
    const refs: string[][] = [[], []];
    await Promise.all(
      logs.map(async (log, n) => {
        for (let i = 0; i < 8; i++) {
          const ref = unique(`node${n}`);
          refs[n].push(ref);
          await log.append([{ kind: 'audit', ref, leafData: ref }]);
        }
      }),
    );
    const leaves = (await archive.leaves()).filter((l) => l.leafIndex >= start);
    expect(leaves.map((l) => l.leafIndex)).toEqual(Array.from({ length: 16 }, (_, i) => start + i));
    expect(leaves.map((l) => l.ref).sort()).toEqual([...refs[0], ...refs[1]].sort());
    const heads = (await archive.treeHeads()).map((h) => h.treeSize);
    expect(new Set(heads).size).toBe(heads.length);
    expect(await archive.treeHead(start + 16)).toBeDefined();
  });
});

type BlobTarget = () => Promise<{
  blobs: BlobStore;
  blobs2: BlobStore;
  db?: SqlDb;
  cleanup(): Promise<void>;
}>;

const sqlBlobs =
  (target: Target): BlobTarget =>
  async () => {
    const store = await target();
    const db = await migrated(store);
    const db2 = store.open();
    return {
      blobs: new SqlBlobStore(db, clock),
      blobs2: new SqlBlobStore(db2, clock),
      db,
      cleanup: async () => {
        await db2.close();
        await db.close();
        await store.cleanup();
      },
    };
  };

const folderBlobs: BlobTarget = async () => {
  const dir = tempDir('blob-contract-');
  return {
    blobs: new FsBlobStore(path.join(dir, 'blobs')),
    blobs2: new FsBlobStore(path.join(dir, 'blobs')),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};

describe.each([
  ['the blob folder (embedded default)', folderBlobs],
  ['the blobs table on SQLite', sqlBlobs(sqliteStore)],
  ['the blobs table on PostgreSQL', sqlBlobs(postgresStore)],
])('blob store: %s', (_name, target) => {
  let t: Awaited<ReturnType<BlobTarget>>;
  beforeAll(async () => {
    t = await target();
  });
  afterAll(() => t?.cleanup());

  it('stores bytes under their SM3 digest and reads them back, on either node', async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3, 0, 255]);
    const digest = await t.blobs.put(bytes);
    expect(digest).toBe(sm3Hex(bytes));
    expect(await t.blobs.get(digest)).toEqual(bytes);
    expect(await t.blobs2.get(digest)).toEqual(bytes);
    const empty = await t.blobs.put(new Uint8Array());
    expect(await t.blobs2.get(empty)).toEqual(new Uint8Array());
  });

  it('an unknown or malformed digest reads as nothing', async () => {
    expect(await t.blobs.get('0'.repeat(64))).toBeUndefined();
    expect(await t.blobs.get('../registry.sqlite')).toBeUndefined();
    expect(await t.blobs.get('A'.repeat(64))).toBeUndefined();
  });

  it('the same bytes stored again, or by two nodes at once, are one blob', async () => {
    const bytes = new Uint8Array(256 * 1024).map((_, i) => (i * 7) % 251);
    const digests = await Promise.all([
      t.blobs.put(bytes),
      t.blobs2.put(bytes),
      t.blobs.put(bytes),
      t.blobs2.put(bytes),
    ]);
    expect(new Set(digests)).toEqual(new Set([sm3Hex(bytes)]));
    expect(await t.blobs.get(digests[0])).toEqual(bytes);
    if (t.db) {
      const r = await t.db.get<{ n: number }>('SELECT count(*) AS n FROM blobs WHERE digest = ?', [
        digests[0],
      ]);
      expect(r?.n).toBe(1);
      // written once: the row cannot be changed or removed
      const db = t.db;
      expect(
        await failure(db.run('UPDATE blobs SET size = 0 WHERE digest = ?', [digests[0]])),
      ).toMatchObject({ message: expect.stringMatching(/written once/) });
      expect(await failure(db.run('DELETE FROM blobs'))).toMatchObject({
        message: expect.stringMatching(/written once/),
      });
    }
  });

  it('a put inside a caller’s transaction is undone with it (SQL stores)', async () => {
    if (!t.db) return;
    const db = t.db;
    const bytes = new Uint8Array([9, 8, 7, 6]);
    await expect(
      db.transaction(async () => {
        await t.blobs.put(bytes);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await t.blobs.get(sm3Hex(bytes))).toBeUndefined();
  });
});
