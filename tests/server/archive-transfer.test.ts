/**
 * Transfer of filed archives to the archives department (docs/registry-facts.md §16), on the
 * registry's database (SQLite, and PostgreSQL in server-pg): a batch received with a receipt whose
 * seal verifies with the archives' key as published at GET /api/v1/keys, the batch on the
 * tamper-evident log; sending it again changes nothing; the archives unavailable (retried, then
 * left pending and resent with the same list) and refusing with reasons; the transfer check and
 * the archives' own check of their copies; a package or receipt changed afterwards named.
 */
import { SqlArchiveStore } from '../../mock-server/src/adapters/archive/sqlArchiveStore';
import {
  openArchiveTransfer,
  type ArchiveTransferComposition,
} from '../../mock-server/src/composition/archiveTransfer';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { documentSm3, TRANSFER_AUDIT_ACTION } from '../../mock-server/src/domain/archive/transfer';
import { issuedSale, refusedCase, withdrawnCase } from './support/archive-fixture';
import { startHarness, type Harness } from './support/registry';

jest.setTimeout(180_000);

let h: Harness;
let t: ArchiveTransferComposition;
let packageCount = 0;

/** Row counts of every table the transfer writes, on both sides, and of the log. */
async function footprint(): Promise<Record<string, number>> {
  const tables = [
    'archive_transfer_batches',
    'archive_transfer_packages',
    'archive_transfer_attempts',
    'archives_sim_batches',
    'archives_sim_packages',
    'archive_audit',
    'log_leaves',
    'log_tree_heads',
  ];
  const out: Record<string, number> = {};
  for (const name of tables) {
    const row = await h.registry.sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${name}`);
    out[name] = Number(row?.n);
  }
  return out;
}

async function archivesKeyFromApi(): Promise<string[]> {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/keys' });
  expect(res.statusCode).toBe(200);
  const items = (res.json() as { items: { name: string; publicKeyHex: string }[] }).items;
  return items.filter((k) => k.name === 'archives').map((k) => k.publicKeyHex);
}

beforeAll(async () => {
  h = await startHarness();
  await h.app.ready();
  await issuedSale(h);
  await refusedCase(h);
  await withdrawnCase(h);
  packageCount = (await new SqlArchiveStore(h.registry.sql).packages()).length;
  t = await openArchiveTransfer(h.registry, {
    databasePath: h.config.databasePath,
    keyDir: h.config.keyDir,
    retryDelaysMs: [0, 0],
    batchSize: 1,
  });
});

afterAll(async () => {
  await h?.close();
});

it("a batch is received with a receipt sealed by the archives' published key, after one retry", async () => {
  await t.archives.setFault('unavailable');
  const r = await t.transfer.run();
  expect(r.outcome).toBe('received');
  expect(r.attempts).toBe(2);
  expect(r.packages).toHaveLength(1);
  const batch = (await t.transfers.batch(r.batchId!))!;
  expect(batch.receipt).toBeDefined();
  const keys = await archivesKeyFromApi();
  expect(keys).toHaveLength(1);
  // the archives' seal, not the registry's: it verifies with the archives' key only
  expect(verifySeal(batch.receipt!, keys[0])).toEqual({ valid: true });
  expect(batch.receipt!.seal.sealName).toBe('台州市档案馆档案接收专用章');
  expect(batch.receipt!.body.listDigest).toBe(documentSm3(batch.list));
  expect(batch.receipt!.body.packages.map((p) => p.packageDigest)).toEqual(
    batch.list.body.packages.map((p) => p.packageDigest),
  );
  // the archives checked it on receipt: no aspect failed
  for (const a of Object.values(batch.receipt!.body.checks)) expect(a.failed).toBe(0);
  // one unavailable attempt, then received
  expect((await t.transfers.attempts(r.batchId!)).map((a) => a.outcome)).toEqual([
    'unavailable',
    'received',
  ]);
  // on the tamper-evident log: an audit entry (itself a log leaf) naming list and receipt
  const entry = await h.registry.sql.get<{ seq: number; outcome: string }>(
    'SELECT seq, outcome FROM archive_audit WHERE action = ? AND target = ?',
    [TRANSFER_AUDIT_ACTION, r.batchId!],
  );
  expect(entry?.outcome).toBe(
    `received list=${batch.listDigest} receipt=${documentSm3(batch.receipt)}`,
  );
  const leaf = await h.registry.sql.get(
    'SELECT leaf_index FROM log_leaves WHERE kind = ? AND ref = ?',
    ['audit', String(entry?.seq)],
  );
  expect(leaf).toBeDefined();
});

it('sending a received batch again changes nothing, on either side', async () => {
  const [first] = await t.transfers.batches();
  const before = await footprint();
  const again = await t.transfer.resend(first.batchId);
  expect(again.outcome).toBe('alreadyReceived');
  expect(again.reasons).toEqual([]);
  expect(await footprint()).toEqual(before);
  // unavailable while resending a received batch: nothing recorded either
  await t.archives.setFault('unavailable');
  await t.archives.setFault('unavailable');
  await t.archives.setFault('unavailable');
  const down = await t.transfer.resend(first.batchId);
  expect(down.outcome).toBe('unavailable');
  expect(await footprint()).toEqual(before);
});

it('unavailable after every retry: the batch stays pending and the next run resends the same list', async () => {
  for (let i = 0; i < 3; i += 1) await t.archives.setFault('unavailable');
  const r = await t.transfer.run();
  expect(r.outcome).toBe('unavailable');
  expect(r.attempts).toBe(3);
  expect(r.reasons).toEqual(['档案馆接收系统暂不可用']);
  const pending = await t.transfers.batch(r.batchId!);
  expect(pending?.receipt).toBeUndefined();
  expect(await t.transfers.pendingBatchIds()).toEqual([r.batchId]);
  const next = await t.transfer.run();
  expect(next.batchId).toBe(r.batchId);
  expect(next.outcome).toBe('received');
  expect((await t.transfers.batch(r.batchId!))?.listDigest).toBe(pending?.listDigest);
});

it('a refusal is kept with its reasons and logged; its packages go in a later batch', async () => {
  await t.archives.setFault('refuse', ['件号 3 的文件无法打开']);
  const r = await t.transfer.run();
  expect(r.outcome).toBe('refused');
  expect(r.reasons).toEqual(['件号 3 的文件无法打开']);
  const refused = await t.transfers.batch(r.batchId!);
  expect(refused?.refused?.reasons).toEqual(['件号 3 的文件无法打开']);
  const logged = await h.registry.sql.get<{ outcome: string }>(
    'SELECT outcome FROM archive_audit WHERE action = ? AND target = ?',
    [TRANSFER_AUDIT_ACTION, r.batchId!],
  );
  expect(logged?.outcome).toMatch(/^refused list=/);
  // a refused batch is final: sending it again changes nothing
  const before = await footprint();
  expect((await t.transfer.resend(r.batchId!)).outcome).toBe('refused');
  expect(await footprint()).toEqual(before);
  // its package is transferred in the next batch
  const next = await t.transfer.run();
  expect(next.outcome).toBe('received');
  expect(next.packages).toEqual(r.packages);
});

it('every package transferred once; then nothing is left and the checks pass on both sides', async () => {
  expect((await t.transfer.run()).outcome).toBe('nothingToTransfer');
  const batches = await t.transfers.batches();
  const received = batches.filter((b) => b.receipt);
  expect(received.flatMap((b) => b.list.body.packages.map((p) => p.packageId)).sort()).toHaveLength(
    packageCount,
  );
  const report = await t.check();
  expect(report.problems).toEqual([]);
  expect(report.results.filter((x) => x.code === 'TRANSFERRED_PACKAGE')).toHaveLength(packageCount);
  expect(await t.archives.checkHoldings()).toEqual([]);
});

it("a list refused by the archives when its seal is not the registry's, nothing kept", async () => {
  const [first] = await t.transfers.batches();
  const forged = {
    ...first.list,
    body: { ...first.list.body, batchId: 'TRB-forged', batchNumber: '台不动产移〔2026〕第9999号' },
  };
  const before = await footprint();
  const answer = await t.archives.receive(forged, []);
  expect(answer.outcome).toBe('refused');
  if (answer.outcome === 'refused') {
    expect(answer.reasons.some((x) => x.includes('TRANSFER_LIST_SEAL'))).toBe(true);
    expect(answer.reasons.some((x) => x.includes('TRANSFER_COMPLETE'))).toBe(true);
  }
  expect(await footprint()).toEqual(before);
});

it('the staff console runs a batch: staff session and CSRF token required', async () => {
  const { staffLogin, staffClient } = await import('./support/staff-client');
  const url = '/api/v1/staff/archive/transfers';
  expect((await h.app.inject({ method: 'POST', url })).statusCode).toBe(401);
  const login = await staffLogin(h);
  const noCsrf = await h.app.inject({ method: 'POST', url, headers: { cookie: login.cookie } });
  expect(noCsrf.statusCode).toBe(403);
  const before = await footprint();
  const r = await staffClient(h, login).post<{ outcome: string }>('/archive/transfers');
  // everything was transferred above: nothing left, nothing changed
  expect(r.outcome).toBe('nothingToTransfer');
  expect(await footprint()).toEqual(before);
});

it("after the archives' key is rotated, receipts sealed before still verify on both sides", async () => {
  const { FileKeyStore } = await import('../../mock-server/src/adapters/keys/fileKeyStore');
  const { publishInDatabase } = await import('../../mock-server/src/adapters/keys/databaseKeys');
  const keys = new FileKeyStore(h.config.keyDir);
  await keys.rotate('archives');
  await publishInDatabase(h.registry.sql, 'archives', keys);
  expect(await archivesKeyFromApi()).toHaveLength(2);
  expect((await t.check()).problems).toEqual([]);
  expect(await t.archives.checkHoldings()).toEqual([]);
});
