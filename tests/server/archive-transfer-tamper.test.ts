/**
 * `npm run archive:transfer` and `npm run archive:check` as real processes on a copy of the data
 * folder (SQLite file, blob folder, key files): a batch transferred and received, run again and
 * resent without change; the check passes on the untouched copy and, after a change made behind
 * the application's back, exits non-zero naming the changed receipt, list or transferred package
 * (a changed package is named by the archives too when its batch is sent again).
 * The archives' own check of their copies names a copy changed on their side.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TRANSFER_IMMUTABILITY_TRIGGERS } from '../../mock-server/src/adapters/sqlite/migrations/0038_archive_transfer';
import { openRegistry } from '../../mock-server/src/bootstrap';
import { openArchiveTransfer } from '../../mock-server/src/composition/archiveTransfer';
import { issuedSale, refusedCase } from './support/archive-fixture';
import { startHarness, tempDir } from './support/registry';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

jest.setTimeout(240_000);

let golden: string;
let batch: { batch_id: string; batch_number: string };
let pkg: { package_id: string; archive_number: string; digest: string };
const work: string[] = [];

function run(cli: string, dir: string, args: string[] = [], viaNpm?: string) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_PATH: path.join(dir, 'registry.sqlite'),
    KEY_DIR: path.join(dir, 'keys'),
  } as unknown as NodeJS.ProcessEnv;
  const r = viaNpm
    ? spawnSync('npm', ['run', '--silent', viaNpm, '--', ...args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      })
    : spawnSync(TSX, [cli, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
const transferCli = (dir: string, args: string[] = [], npm = false) =>
  run('mock-server/src/archive-transfer-cli.ts', dir, args, npm ? 'archive:transfer' : undefined);
const checkCli = (dir: string, npm = false) =>
  run('mock-server/src/archive-check-cli.ts', dir, [], npm ? 'archive:check' : undefined);

function copy(): string {
  const dir = tempDir('transfer-tamper-');
  work.push(dir);
  fs.cpSync(golden, dir, { recursive: true });
  return dir;
}

/** Changes rows directly in SQLite with the transfer record's triggers dropped, then put back. */
function sql(dir: string, statement: string) {
  const db = new Database(path.join(dir, 'registry.sqlite'));
  for (const t of ['batches', 'packages', 'attempts'])
    db.exec(
      `DROP TRIGGER archive_transfer_${t}_no_update; DROP TRIGGER archive_transfer_${t}_no_delete;`,
    );
  db.exec(statement);
  db.exec(TRANSFER_IMMUTABILITY_TRIGGERS);
  db.close();
}

const read = <T>(dir: string, q: string): T => {
  const db = new Database(path.join(dir, 'registry.sqlite'), { readonly: true });
  try {
    return db.prepare(q).get() as T;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  const h = await startHarness();
  await issuedSale(h);
  await refusedCase(h);
  expect(h.config.keyDir).toBe(path.join(h.dir, 'data', 'keys'));
  await h.app.close();
  await h.registry.close();
  golden = tempDir('transfer-golden-');
  fs.cpSync(path.join(h.dir, 'data'), golden, { recursive: true });
  await h.close();
});

afterAll(() => {
  for (const d of [golden, ...work]) fs.rmSync(d, { recursive: true, force: true });
});

it('npm run archive:transfer sends a batch; run again there is nothing left; a resend changes nothing', () => {
  const first = transferCli(golden, [], true);
  expect(first.out).toContain('档案馆已接收，回执已验证并保存');
  expect(first.status).toBe(0);
  batch = read(golden, 'SELECT batch_id, batch_number FROM archive_transfer_batches');
  expect(first.out).toContain(batch.batch_number);
  pkg = read(
    golden,
    `SELECT p.package_id, p.archive_number, i.digest FROM archive_packages p
       JOIN archive_items i ON i.package_id = p.package_id AND i.kind = 'certificate'`,
  );
  const count = () =>
    read<{ n: number }>(
      golden,
      `SELECT (SELECT count(*) FROM archive_transfer_attempts) + (SELECT count(*) FROM log_leaves)
            + (SELECT count(*) FROM archives_sim_packages) AS n`,
    ).n;
  const before = count();
  const again = transferCli(golden);
  expect(again.out).toContain('没有待移交的档案');
  expect(again.status).toBe(0);
  const resent = transferCli(golden, ['--resend', batch.batch_id]);
  expect(resent.out).toContain('该批次此前已接收，未作任何改动');
  expect(resent.status).toBe(0);
  expect(count()).toBe(before);
});

it('npm run archive:check passes on the untouched transfer', () => {
  const r = checkCli(copy(), true);
  expect(r.out).toMatch(/结果：通过/);
  expect(r.status).toBe(0);
});

it('a changed receipt is named', () => {
  const dir = copy();
  sql(
    dir,
    `UPDATE archive_transfer_attempts SET receipt_json = replace(receipt_json, '"packageCount":2', '"packageCount":1')
      WHERE outcome = 'received'`,
  );
  const r = checkCli(dir);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`TRANSFER_RECEIPT transfer batch ${batch.batch_number} receipt`);
});

it('a changed transfer list is named', () => {
  const dir = copy();
  sql(
    dir,
    `UPDATE archive_transfer_batches SET list_json = replace(list_json, '"packageCount":2', '"packageCount":1')`,
  );
  const r = checkCli(dir);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`TRANSFER_LIST_SEAL transfer batch ${batch.batch_number} list`);
});

it('a transferred package changed afterwards is named, with the batch it went in', () => {
  const dir = copy();
  const file = path.join(dir, 'blobs', pkg.digest);
  fs.chmodSync(file, 0o644);
  const text = fs.readFileSync(file, 'utf8');
  const i = text.search(/[0-9]/);
  fs.writeFileSync(file, text.slice(0, i) + String((Number(text[i]) + 1) % 10) + text.slice(i + 1));
  const r = checkCli(dir);
  expect(r.status).toBe(1);
  expect(r.out).toContain(
    `TRANSFERRED_PACKAGE package ${pkg.archive_number} (transferred in ${batch.batch_number}): 移交后档案被改动`,
  );
  // the archives see it too: sent again, the batch stays as received and they name the package
  const resent = transferCli(dir, ['--resend', batch.batch_id]);
  expect(resent.status).toBe(1);
  expect(resent.out).toContain('该批次此前已接收，未作任何改动');
  expect(resent.out).toContain(
    `REASON package ${pkg.archive_number}: 与档案馆接收时的摘要不符（移交后被改动）`,
  );
});

it("the archives' own check names their copy of a package changed on their side", async () => {
  const dir = copy();
  const db = new Database(path.join(dir, 'registry.sqlite'));
  const row = db
    .prepare('SELECT package_json FROM archives_sim_packages WHERE package_id = ?')
    .get(pkg.package_id) as { package_json: string };
  const held = JSON.parse(row.package_json) as { files: { base64: string }[] };
  held.files[0].base64 = Buffer.from('{"changed":true}').toString('base64');
  db.prepare('UPDATE archives_sim_packages SET package_json = ? WHERE package_id = ?').run(
    JSON.stringify(held),
    pkg.package_id,
  );
  db.close();
  const databasePath = path.join(dir, 'registry.sqlite');
  const registry = await openRegistry({ databasePath, seedOnEmpty: false });
  try {
    const t = await openArchiveTransfer(registry, { databasePath, keyDir: path.join(dir, 'keys') });
    const problems = await t.archives.checkHoldings();
    expect(problems.map((p) => p.target)).toEqual([
      `archives copy of package ${pkg.archive_number}`,
    ]);
    // the registry's own copy is untouched: its check still passes
    expect((await t.check()).problems).toEqual([]);
  } finally {
    await registry.close();
  }
});
