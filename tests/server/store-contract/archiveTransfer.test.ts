/**
 * The archive transfer record's contract, on the embedded SQLite file and on PostgreSQL, with two
 * handles as two nodes: a batch reads back as saved with its packages; attempts are numbered
 * 1, 2, … also when two nodes record at once; one final answer per batch (a second is refused);
 * a refused batch releases its packages, a pending or received one holds them; the tables are
 * append-only; the archives' published keys are read back.
 */
import { SqlArchiveStore } from '../../../mock-server/src/adapters/archive/sqlArchiveStore';
import { SqlArchiveTransferStore } from '../../../mock-server/src/adapters/archive/sqlTransferStore';
import type { SqlDb } from '../../../mock-server/src/adapters/sql';
import {
  buildTransferList,
  documentSm3,
  type TransferList,
  type TransferReceipt,
} from '../../../mock-server/src/domain/archive/transfer';
import { DATABASES, migrated, type Store } from '../support/databases';

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
const T0 = '2026-03-02T01:00:00.000Z';
const UNIT = '331002005008GB07196F00110001';

describe.each(DATABASES)('archive transfer store on %s', (_name, target) => {
  let store: Store;
  let db: SqlDb;
  let other: SqlDb;
  let transfers: SqlArchiveTransferStore;
  let transfers2: SqlArchiveTransferStore;
  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${(seq += 1)}`;

  /** a filed package (a case and its archive row) to put in batches */
  const addPackage = async (): Promise<{ packageId: string; archiveNumber: string }> => {
    const caseId = unique('CASE');
    await db.run(
      `INSERT INTO cases (case_id, business_type_code, status, unit_code, created_by, created_at,
         updated_at, version, data_json) VALUES (?, 'transfer.secondHandSale', 'issued', ?, 'P1', ?, ?, 1, '{}')`,
      [caseId, UNIT, T0, T0],
    );
    const archive = new SqlArchiveStore(db);
    const serial = await archive.nextPackageSerial();
    const p = {
      packageId: unique('ARC'),
      serial,
      archiveNumber: unique('DA'),
      caseId,
      filedAt: T0,
      manifest: { body: { caseId }, seal: { keyId: 'test' } } as never,
      leafIndex: 10_000 + serial,
      items: [],
    };
    await archive.savePackage(p);
    return p;
  };

  const newBatch = async (packages: { packageId: string; archiveNumber: string }[]) => {
    const batchSerial = await transfers.nextBatchSerial();
    const body = buildTransferList({
      batchId: unique('TRB'),
      batchSerial,
      createdAt: T0,
      packages: packages.map((p, i) => ({
        ...p,
        serial: i + 1,
        caseId: 'CASE',
        itemCount: 0,
        packageDigest: 'd'.repeat(64),
      })),
    });
    const list = { body, seal: { keyId: 'test' } } as unknown as TransferList;
    await transfers.saveBatch({
      batchId: body.batchId,
      batchSerial,
      batchNumber: body.batchNumber,
      createdAt: T0,
      list,
      listDigest: documentSm3(list),
    });
    return { batchId: body.batchId, list };
  };
  const receipt = { body: { documentType: 'archiveTransferReceipt' }, seal: {} } as TransferReceipt;

  beforeAll(async () => {
    store = await target();
    db = await migrated(store);
    other = store.open();
    transfers = new SqlArchiveTransferStore(db);
    transfers2 = new SqlArchiveTransferStore(other);
  });
  afterAll(async () => {
    await other?.close();
    await db?.close();
    await store?.cleanup();
  });

  it('a batch reads back as saved, from the other node, and holds its packages while pending', async () => {
    const p = await addPackage();
    const first = await transfers.nextBatchSerial();
    const { batchId, list } = await newBatch([p]);
    const read = await transfers2.batch(batchId);
    expect(read).toEqual({
      batchId,
      batchNumber: list.body.batchNumber,
      batchSerial: first,
      createdAt: T0,
      list,
      listDigest: documentSm3(list),
    });
    expect(await transfers.nextBatchSerial()).toBe(first + 1);
    expect(await transfers2.pendingBatchIds()).toContain(batchId);
    expect(await transfers2.transferredOrPendingPackageIds()).toContain(p.packageId);
    expect((await transfers.batches()).map((b) => b.batchId)).toContain(batchId);
    expect(await transfers.batch('TRB-none')).toBeUndefined();
  });

  it('attempts are numbered without gaps when two nodes record at once; one final answer per batch', async () => {
    const p = await addPackage();
    const { batchId } = await newBatch([p]);
    await Promise.all([
      transfers.saveAttempt({ batchId, at: T0, outcome: 'unavailable', reasons: ['a'] }),
      transfers2.saveAttempt({ batchId, at: T0, outcome: 'unavailable', reasons: ['b'] }),
    ]);
    await transfers.saveAttempt({
      batchId,
      at: T0,
      outcome: 'received',
      receipt,
      receiptDigest: 'r'.repeat(64),
    });
    const attempts = await transfers2.attempts(batchId);
    expect(attempts.map((a) => a.outcome)).toEqual(['unavailable', 'unavailable', 'received']);
    const b = await transfers2.batch(batchId);
    expect(b?.receipt).toEqual(receipt);
    expect(b?.receiptDigest).toBe('r'.repeat(64));
    expect(await transfers.pendingBatchIds()).not.toContain(batchId);
    expect(await transfers.transferredOrPendingPackageIds()).toContain(p.packageId);
    // a second final answer is refused and leaves nothing behind
    expect(
      await failure(transfers.saveAttempt({ batchId, at: T0, outcome: 'refused', reasons: ['x'] })),
    ).toBeDefined();
    expect(await transfers.attempts(batchId)).toHaveLength(3);
  });

  it('a refused batch is final and releases its packages for another batch', async () => {
    const p = await addPackage();
    const { batchId } = await newBatch([p]);
    await transfers.saveAttempt({ batchId, at: T0, outcome: 'refused', reasons: ['理由'] });
    const b = await transfers2.batch(batchId);
    expect(b?.refused).toEqual({ at: T0, reasons: ['理由'] });
    expect(await transfers.pendingBatchIds()).not.toContain(batchId);
    expect(await transfers.transferredOrPendingPackageIds()).not.toContain(p.packageId);
  });

  it('the transfer record is append-only', async () => {
    for (const statement of [
      "UPDATE archive_transfer_batches SET list_json = '{}'",
      'DELETE FROM archive_transfer_batches',
      "UPDATE archive_transfer_packages SET package_digest = 'x'",
      'DELETE FROM archive_transfer_packages',
      "UPDATE archive_transfer_attempts SET receipt_json = '{}'",
      'DELETE FROM archive_transfer_attempts',
    ]) {
      expect(String(await failure(db.run(statement)))).toMatch(/append-only/);
    }
  });

  it("the archives' published public keys read back", async () => {
    await db.run(
      `INSERT INTO archives_department_keys (key_id, public_key_hex, private_key_hex, created_at)
       VALUES ('TZDAG-1', '04ab', '', ?)`,
      [T0],
    );
    expect(await transfers2.archivesPublicKeys()).toEqual(['04ab']);
  });
});
