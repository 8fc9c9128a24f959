/**
 * The archive, "no quiet changes": for every kind of archived item, a change made behind the
 * application's back — a row changed directly in SQLite (triggers dropped and put back) or a file
 * changed on disk — makes `npm run archive:check`, run as a real process against a copy of the
 * data folder, exit non-zero and name that item. On the untouched archive it passes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { IMMUTABILITY_TRIGGERS } from '../../mock-server/src/adapters/sqlite/migrations/0006_archive';
import { startHarness, tempDir } from './support/registry';
import { client, login } from './support/cases-client';
import { issuedSale, refusedCase } from './support/archive-fixture';
import { base64, tinyJpeg } from './support/jpeg';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = 'mock-server/src/archive-check-cli.ts';

jest.setTimeout(180_000);

let golden: string;
let pkg: { package_id: string; archive_number: string };
let items: { item_no: number; kind: string; digest: string }[];
let query: { query_id: string; proof_digest: string };
const work: string[] = [];

beforeAll(async () => {
  const h = await startHarness();
  const { c, buyer } = await issuedSale(h);
  await refusedCase(h);
  await buyer.get(`/cases/${c.caseId}/archive`); // one audited read
  const stranger = client(h, await login(h, { idNumber: '33100319750804648X', name: '许慧芳' }));
  await stranger.get(`/cases/${c.caseId}/archive`, 404);
  // an interested party's records query with its proof of interest (a JPEG)
  await stranger.post(
    '/records-queries',
    {
      role: 'interestedParty',
      purpose: 'lease',
      unitCode: '331002005008GB07196F00110001',
      proof: { mediaType: 'image/jpeg', data: base64(tinyJpeg(5)) },
    },
    201,
  );
  query = (await h.registry.sql.get(
    'SELECT query_id, proof_digest FROM records_queries WHERE proof_digest IS NOT NULL',
  )) as typeof query;
  pkg = (await h.registry.sql.get(
    'SELECT package_id, archive_number FROM archive_packages WHERE case_id = ?',
    [c.caseId],
  )) as typeof pkg;
  items = (await h.registry.sql.all(
    'SELECT item_no, kind, digest FROM archive_items WHERE package_id = ? ORDER BY item_no',
    [pkg.package_id],
  )) as typeof items;
  // closing the last connection checkpoints the WAL into the file: the copy is the whole database
  await h.app.close();
  await h.registry.close();
  golden = tempDir('archive-golden-');
  fs.cpSync(path.join(h.dir, 'data'), golden, { recursive: true });
  await h.close();
});

afterAll(() => {
  for (const d of [golden, ...work]) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh copy of the archive to tamper with. */
function copy(): { dir: string; db: string; blob: (digest: string) => string } {
  const dir = tempDir('archive-tamper-');
  work.push(dir);
  fs.cpSync(golden, dir, { recursive: true });
  return {
    dir,
    db: path.join(dir, 'registry.sqlite'),
    blob: (d) => path.join(dir, 'blobs', d),
  };
}

function check(dbPath: string, viaNpm = false) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_PATH: dbPath,
  } as unknown as NodeJS.ProcessEnv;
  const r = viaNpm
    ? spawnSync('npm', ['run', '--silent', 'archive:check'], { cwd: ROOT, env, encoding: 'utf8' })
    : spawnSync(TSX, [CLI], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Changes rows directly in SQLite, as somebody bypassing the application would. */
function sql(dbPath: string, statements: string) {
  const db = new Database(dbPath);
  const triggers = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]
  ).map((t) => t.name);
  for (const t of triggers.filter((n) => /_no_(update|delete)$/.test(n)))
    db.exec(`DROP TRIGGER ${t}`);
  db.exec(statements);
  // put the archive's triggers back so that only the data change remains
  db.exec(IMMUTABILITY_TRIGGERS);
  db.exec(`CREATE TRIGGER register_events_no_update BEFORE UPDATE ON register_events
    BEGIN SELECT RAISE(ABORT, 'register_events is append-only'); END;
    CREATE TRIGGER register_events_no_delete BEFORE DELETE ON register_events
    BEGIN SELECT RAISE(ABORT, 'register_events is append-only'); END;
    CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
    BEGIN SELECT RAISE(ABORT, 'documents are immutable'); END;
    CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
    BEGIN SELECT RAISE(ABORT, 'documents are immutable'); END;`);
  db.close();
}

/** Changes one character of a file in place (the JSON stays well-formed). */
function editFile(file: string) {
  fs.chmodSync(file, 0o644);
  const text = fs.readFileSync(file, 'utf8');
  const i = text.search(/[0-9]/);
  fs.writeFileSync(file, text.slice(0, i) + String((Number(text[i]) + 1) % 10) + text.slice(i + 1));
}

const itemOf = (kind: string) => items.find((i) => i.kind === kind)!;
const named = (it: { item_no: number; kind: string }) =>
  `package ${pkg.archive_number} item ${it.item_no} (${it.kind})`;

it('passes on the untouched archive (npm run archive:check)', () => {
  const { db } = copy();
  const r = check(db, true);
  expect(r.out).toMatch(/结果：通过/);
  expect(r.status).toBe(0);
});

describe.each([
  'application',
  'sharedData',
  'inquiryRecord',
  'signatures',
  'reviewDecisions',
  'notice',
  'registerEvents',
  'certificate',
])('item kind %s', (kind) => {
  it('a file changed on disk is named', () => {
    const c = copy();
    editFile(c.blob(itemOf(kind).digest));
    const r = check(c.db);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`ITEM_DIGEST ${named(itemOf(kind))}`);
  });

  it('its row changed in SQLite is named', () => {
    const c = copy();
    const it = itemOf(kind);
    sql(
      c.db,
      `UPDATE archive_items SET title = title || '（改）' WHERE package_id = '${pkg.package_id}' AND item_no = ${it.item_no}`,
    );
    const r = check(c.db);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`ITEM_ROW ${named(it)}`);
  });
});

it('a changed signature value in the signatures item is named by its signature', () => {
  const c = copy();
  const it = itemOf('signatures');
  const file = c.blob(it.digest);
  const proofs = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    signatures: { signatureId: string; signature: string }[];
  };
  const victim = proofs.signatures[0];
  victim.signature = (victim.signature[0] === '0' ? '1' : '0') + victim.signature.slice(1);
  fs.chmodSync(file, 0o644);
  fs.writeFileSync(file, JSON.stringify(proofs));
  const r = check(c.db, true);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`SIGNATURE ${named(it)} signature ${victim.signatureId}: 签名无效`);
  // the other signatures of the package still verify: only the changed one is named
  for (const other of proofs.signatures.slice(1))
    expect(r.out).not.toContain(`signature ${other.signatureId}:`);
});

it('a deleted file is named as missing', () => {
  const c = copy();
  const it = itemOf('certificate');
  fs.rmSync(c.blob(it.digest));
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`ITEM_PRESENT ${named(it)}: 文件缺失`);
});

it('a file replaced by an executable is named (security, usability)', () => {
  const c = copy();
  const it = itemOf('notice');
  fs.chmodSync(c.blob(it.digest), 0o644);
  fs.writeFileSync(c.blob(it.digest), Buffer.from('7f454c46020101000000', 'hex'));
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`ITEM_CONTENT_SAFE ${named(it)}: 文件含可执行内容`);
  expect(r.out).toContain(`ITEM_FORMAT ${named(it)}`);
});

it('the manifest (package row) changed in SQLite is named', () => {
  const c = copy();
  sql(
    c.db,
    `UPDATE archive_packages SET manifest_json = replace(manifest_json, '"outcome":"issued"', '"outcome":"refused"') WHERE package_id = '${pkg.package_id}'`,
  );
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`MANIFEST_SEAL package ${pkg.archive_number} manifest`);
  expect(r.out).toContain(`LOG_SOURCE package ${pkg.archive_number} log entry`);
});

it('a deleted item row is named', () => {
  const c = copy();
  const it = itemOf('inquiryRecord');
  sql(
    c.db,
    `DELETE FROM archive_items WHERE package_id = '${pkg.package_id}' AND item_no = ${it.item_no}`,
  );
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`ITEM_ROW ${named(it)}: 条目记录缺失`);
});

it('a register event changed in SQLite is named', () => {
  const c = copy();
  sql(
    c.db,
    'UPDATE register_events SET payload_json = replace(payload_json, \'"recordedAt":"\', \'"recordedAt":"1\') WHERE seq = 7',
  );
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain('LOG_SOURCE register event 7');
});

it('a log leaf changed in SQLite is named', () => {
  const c = copy();
  sql(c.db, "UPDATE log_leaves SET leaf_data = leaf_data || ' ' WHERE leaf_index = 3");
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain('LOG_LEAF_HASH log leaf 3');
});

it('a signed tree head changed in SQLite is named', () => {
  const c = copy();
  const db = new Database(c.db, { readonly: true });
  const { tree_size: size } = db
    .prepare('SELECT tree_size FROM log_tree_heads ORDER BY tree_size DESC LIMIT 1')
    .get() as { tree_size: number };
  db.close();
  sql(c.db, `UPDATE log_tree_heads SET root_hash = '${'0'.repeat(64)}' WHERE tree_size = ${size}`);
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`TREE_HEAD_SEAL tree head ${size}`);
  expect(r.out).toContain(`TREE_HEAD_ROOT tree head ${size}`);
});

it('an audit entry changed in SQLite is named', () => {
  const c = copy();
  sql(c.db, "UPDATE archive_audit SET purpose = '随便看看' WHERE seq = 1");
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain('LOG_SOURCE audit entry 1');
});

it('dropped immutability triggers are named (access control)', () => {
  const c = copy();
  const db = new Database(c.db);
  db.exec('DROP TRIGGER archive_items_no_update');
  db.close();
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain('ACCESS_CONTROL trigger archive_items_no_update');
});

it('a records query changed in SQLite is named', () => {
  const c = copy();
  sql(c.db, `UPDATE records_queries SET purpose = 'purchase' WHERE query_id = '${query.query_id}'`);
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`LOG_SOURCE records query ${query.query_id}`);
});

it('an uploaded proof-of-interest file changed on disk is named (digest and format)', () => {
  const c = copy();
  const file = c.blob(query.proof_digest);
  fs.chmodSync(file, 0o644);
  const bytes = fs.readFileSync(file);
  bytes[0] = 0x00; // no longer a JPEG
  fs.writeFileSync(file, bytes);
  const r = check(c.db);
  expect(r.status).toBe(1);
  expect(r.out).toContain(`ITEM_DIGEST records query ${query.query_id} proof`);
  expect(r.out).toContain(`ITEM_FORMAT records query ${query.query_id} proof`);
});

describe('kept readable renderings', () => {
  interface Kept {
    renderer: { kind: string; version: number };
    document: { kind: string; rendererVersion: number; title: string };
  }
  const read = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

  it('each signed document and each notice keeps its rendering with renderer kind and version', () => {
    const c = copy();
    const proofs = read<{
      signedDocuments: { id: string; renderer: Kept['renderer']; rendering: Kept }[];
    }>(c.blob(itemOf('signatures').digest));
    expect(proofs.signedDocuments.length).toBeGreaterThan(0);
    for (const d of proofs.signedDocuments) {
      expect(d.rendering.renderer).toEqual(d.renderer);
      expect(d.rendering.document.kind).toBe(d.renderer.kind);
      expect(d.rendering.document.rendererVersion).toBe(d.renderer.version);
      expect(d.rendering.document.title).toMatch(/[\u4e00-\u9fa5]/);
    }
    const notice = read<{ rendering: Kept }>(c.blob(itemOf('notice').digest));
    expect(notice.rendering.document.title).toMatch(/[\u4e00-\u9fa5]/);
    expect(notice.rendering.renderer.version).toBe(notice.rendering.document.rendererVersion);
  });

  it('a changed rendering of a signed document is named by its document', () => {
    const c = copy();
    const it = itemOf('signatures');
    const file = c.blob(it.digest);
    const proofs = read<{ signedDocuments: { id: string; rendering: Kept }[] }>(file);
    const victim = proofs.signedDocuments[0];
    victim.rendering.document.title += '（改）';
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, JSON.stringify(proofs));
    const r = check(c.db);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`RENDERING ${named(it)} rendering ${victim.id}`);
    expect(r.out).toContain('与留存的呈现不一致');
  });

  it('a notice rendering with an unavailable renderer version is named', () => {
    const c = copy();
    const it = itemOf('notice');
    const file = c.blob(it.digest);
    const notice = read<{ rendering: Kept }>(file);
    notice.rendering.renderer.version += 99;
    notice.rendering.document.rendererVersion += 99;
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, JSON.stringify(notice));
    const r = check(c.db);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`RENDERING ${named(it)} rendering`);
    expect(r.out).toContain('不可用');
  });
});
