/**
 * Per-case cost as the register grows: `npm run bench:scale`.
 *
 * One registry node per scale, each on its own SQLite file (real processes, started like every
 * benchmark's: tests/server/support/nodes.ts), all measured in the same run by one load
 * generator, the phases interleaved over the rounds (scripts/bench/harness.ts).
 *
 * A register at F× is the seeded demo register plus the history of F × `history` completed
 * cases (default 250: what the seed's 66 units see in about a year of sales): a few real sales
 * are run through the API first, then their rows are copied until the history is reached —
 * cases and their parties, archive packages and items, one Merkle log leaf per copied package
 * plus the copies' register-event and audit leaves, and `verifications` records per case (48 by
 * default, the ratio seen on the public verify page). Copies keep their parties, so the
 * buyer of the real sales (应敏), whose 我的不动产 and 我的办件 are read, takes part in every copy:
 * her 我的办件 grows with the register, the worst case for a list that is not paged.
 *
 * Printed side by side per scale, median (min–max) over the rounds: complete cases per minute
 * (draft → certificate through the HTTP API), submit p50/p95, draft-to-certificate p50/p95,
 * verification p99 (POST /api/v1/verify), and p50 of 我的不动产 (GET /me/units), 我的办件
 * (GET /me/cases) and the staff queue (GET /staff/queue).
 *
 * Scales: `--factors 1,10` by default; 100× with `--factors 1,10,100` or SCALE_100=1 (it takes
 * minutes to build). Bounded in time: every phase is a fixed number of cases or requests.
 *
 * Flags: --factors 1,10 --rounds 3 --cases 6 --case-warmup 2 --case-concurrency 3
 * --requests 1500 --warmup 300 --concurrency 8 --reads 60 --history 250 --verifications 48.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { SqliteSqlDb, type SqlDb } from '../../mock-server/src/adapters/sql';
import {
  citizen,
  holderOf,
  plainUnits,
  startNode,
  type RegistryNode,
  type Who,
} from '../../tests/server/support/nodes';
import { STAFF } from '../../tests/server/support/staff-client';
import {
  finish,
  flags,
  interleave,
  LoadGenerator,
  machineLine,
  pad,
  showSpread,
  spread,
  type Phase,
} from './harness';
import type { JobResult } from './load';
import { verificationPhase } from './verification';

const opts = flags({
  factors: process.env.SCALE_100 === '1' ? '1,10,100' : '1,10',
  rounds: 3,
  cases: 6,
  caseWarmup: 2,
  caseConcurrency: 3,
  requests: 1500,
  warmup: 300,
  concurrency: 8,
  reads: 60,
  history: 250,
  verifications: 48,
});
const machine = machineLine();
const stops: (() => Promise<unknown>)[] = [];
const BUYERS: Who[] = [
  { idNumber: '331023196801208629', name: '应敏' },
  { idNumber: '33100419820825953X', name: '杨永明' },
];

/** The units, each sold on in turn between the two buyers (as in bench:registry). */
class UnitQueue {
  private constructor(
    private readonly sql: SqlDb,
    private readonly queue: string[],
  ) {}

  static async of(sql: SqlDb): Promise<UnitQueue> {
    const units = await plainUnits(sql, BUYERS[0]);
    const own = new Set(BUYERS.map((b) => b.idNumber));
    return new UnitQueue(
      sql,
      units.filter((u) => !own.has(u.idNumber)).map((u) => u.unit),
    );
  }

  async take(n: number) {
    const out = [];
    for (const code of this.queue.splice(0, n)) {
      this.queue.push(code);
      const unit = await holderOf(this.sql, code);
      if (!unit) throw new Error(`unit ${code} cannot be sold on (not a plain sole holding)`);
      out.push({ buyer: BUYERS.find((b) => b.idNumber !== unit.idNumber)!, unit });
    }
    return out;
  }
}

const sm3 = (b: Buffer) => createHash('sm3').update(b).digest('hex');

/**
 * Copies the completed cases' rows until the register holds `targetCases` cases, with one log
 * leaf per copied package and as many other leaves and verification records per case as the
 * real sales made. Direct inserts into the file the node serves (no state lives in its memory).
 */
async function inflate(sql: SqlDb, targetCases: number, verificationsPerCase: number) {
  const count = async (q: string) => Number((await sql.get<{ n: number }>(q))?.n ?? 0);
  const templates = await sql.all<{ case_id: string }>(
    "SELECT case_id FROM cases WHERE status = 'archived' AND case_id IN (SELECT case_id FROM archive_packages)",
  );
  if (!templates.length) throw new Error('no archived case to copy');
  const realCases = await count('SELECT count(*) AS n FROM cases');
  // the cases' own leaves: not the seed's register events, logged once at the first filing
  const realLeaves = await count(
    `SELECT count(*) AS n FROM log_leaves l WHERE l.kind <> 'registerEvent'
        OR CAST(l.ref AS INTEGER) IN (SELECT seq FROM register_events
                                       WHERE recorded_at >= (SELECT min(created_at) FROM cases))`,
  );
  const leavesPerCase = Math.max(1, Math.round(realLeaves / Math.max(1, realCases)));
  let copy = 0;
  let cases = realCases;
  await sql.transaction(async () => {
    let leaf = await count('SELECT coalesce(max(leaf_index) + 1, 0) AS n FROM log_leaves');
    let serial = await count('SELECT coalesce(max(serial), 0) AS n FROM archive_packages');
    const at = new Date().toISOString();
    const addLeaf = async (kind: string, ref: string) => {
      const data = JSON.stringify({ t: kind, id: ref, bench: 'scale' });
      const hash = sm3(Buffer.concat([Buffer.from([0]), Buffer.from(data)]));
      await sql.run(
        'INSERT INTO log_leaves (leaf_index, kind, ref, leaf_data, leaf_hash, appended_at) VALUES (?, ?, ?, ?, ?, ?)',
        [leaf++, kind, ref, data, hash, at],
      );
    };
    while (cases < targetCases) {
      copy += 1;
      for (const { case_id: id } of templates) {
        if (cases >= targetCases) break;
        const nid = `${id}~${copy}`;
        await sql.run(
          `INSERT INTO cases (case_id, case_number, business_type_code, status, unit_code, created_by,
             created_at, updated_at, manual_queue, version, data_json)
           SELECT ?, case_number || '~' || ?, business_type_code, status, unit_code, created_by,
             created_at, updated_at, manual_queue, version, data_json FROM cases WHERE case_id = ?`,
          [nid, copy, id],
        );
        await sql.run(
          'INSERT INTO case_parties (case_id, person_id, role) SELECT ?, person_id, role FROM case_parties WHERE case_id = ?',
          [nid, id],
        );
        const pkg = await sql.get<{ package_id: string }>(
          'SELECT package_id FROM archive_packages WHERE case_id = ?',
          [id],
        );
        if (pkg) {
          const npid = `${pkg.package_id}~${copy}`;
          serial += 1;
          await sql.run(
            `INSERT INTO archive_packages (package_id, serial, archive_number, case_id, certificate_number,
               filed_at, manifest_json, seal_json, leaf_index)
             SELECT ?, ?, archive_number || '~' || ?, ?, NULL, filed_at, manifest_json, seal_json, ?
               FROM archive_packages WHERE package_id = ?`,
            [npid, serial, copy, nid, leaf, pkg.package_id],
          );
          await addLeaf('archivePackage', npid);
          await sql.run(
            `INSERT INTO archive_items (package_id, item_no, kind, title, media_type, digest, size)
             SELECT ?, item_no, kind, title, media_type, digest, size FROM archive_items WHERE package_id = ?`,
            [npid, pkg.package_id],
          );
        }
        for (let i = 1; i < leavesPerCase; i++) await addLeaf('audit', `scale-${nid}-${i}`);
        cases += 1;
      }
    }
  });
  // verification records: copies of the real ones, up to `verificationsPerCase` per case
  const target = targetCases * verificationsPerCase;
  const have = await count('SELECT count(*) AS n FROM verifications');
  if (have > 0 && target > have) {
    await sql.transaction(async () => {
      await sql.run(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO verifications (presentation_id, item_id, holder_person_id, verified_at,
           verifier_kind, verifier_person_id, verifier_display, via, view)
         SELECT v.presentation_id, v.item_id, v.holder_person_id, v.verified_at, v.verifier_kind,
           v.verifier_person_id, v.verifier_display, v.via, v.view
           FROM n JOIN (SELECT * FROM verifications ORDER BY verification_id LIMIT 1) v`,
        [target - have],
      );
    });
  }
  return {
    cases: await count('SELECT count(*) AS n FROM cases'),
    leaves: await count('SELECT count(*) AS n FROM log_leaves'),
    verifications: await count('SELECT count(*) AS n FROM verifications'),
  };
}

/** A staff member's console cookie on the node. */
async function staffCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: STAFF.username, password: STAFF.password }),
  });
  if (res.status !== 200) throw new Error(`staff login: ${res.status} ${await res.text()}`);
  return `hh_staff=${/hh_staff=([^;]+)/.exec(String(res.headers.get('set-cookie')))![1]}`;
}

/**
 * A login made when first needed (never left pending unawaited), tried again once: a node that
 * sat idle while its register was copied may close a kept-alive connection as it is reused.
 */
function lazily<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make().catch(() => make()));
}

interface Scale {
  factor: number;
  node: RegistryNode;
  file: string;
  sizes: { cases: number; leaves: number; verifications: number; mb: number };
}

async function buildScale(factor: number, load: LoadGenerator): Promise<Scale> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-scale-${factor}x-`));
  stops.unshift(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'registry.sqlite');
  const node = await startNode({ kind: 'sqlite', file });
  stops.unshift(node.stop);
  const sql = SqliteSqlDb.open(file);
  stops.unshift(() => sql.close());
  process.stderr.write(`${factor}×: 真实办件作为复制模板 / real sales as templates\n`);
  const units = await UnitQueue.of(sql);
  const real = await load.run({
    kind: 'sales',
    concurrency: 2,
    targets: [node.url],
    sales: await units.take(4),
  });
  if (real.errors) throw new Error(`template sales failed: ${real.firstError}`);
  // a few real verification records to copy
  await verificationPhase(`${factor}× 模板`, [node.url], load, {
    requests: 30,
    warmup: 30,
    concurrency: 2,
  }).run(0);
  // filing runs right after completion, outside the request: wait until every case is filed
  for (let i = 0; i < 100; i++) {
    const open = await sql.get<{ n: number }>(
      "SELECT count(*) AS n FROM cases WHERE status = 'issued'",
    );
    if (!open?.n) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write(`${factor}×: 复制历史 / copying history\n`);
  const sizes = await inflate(sql, factor * opts.history, opts.verifications);
  return {
    factor,
    node,
    file,
    sizes: { ...sizes, mb: fs.statSync(file).size / 1e6 },
  };
}

function readPhase(
  name: string,
  load: LoadGenerator,
  url: string,
  headers: () => Promise<Record<string, string>>,
): Phase {
  return {
    name,
    run: async (round) =>
      load.run({
        kind: 'requests',
        concurrency: 1,
        requests: Array(round === 0 ? 5 : opts.reads).fill({
          url,
          method: 'GET',
          headers: await headers(),
        }),
      }),
  };
}

async function main() {
  const load = new LoadGenerator();
  stops.unshift(() => load.close());
  const factors = opts.factors.split(',').map(Number);
  const scales: Scale[] = [];
  for (const f of factors) scales.push(await buildScale(f, load));

  const phases: Phase[] = [];
  for (const s of scales) {
    const sql = SqliteSqlDb.open(s.file);
    stops.unshift(() => sql.close());
    const units = await UnitQueue.of(sql);
    const url = s.node.url;
    // the buyer of every real sale, so a party to every copied case: the heaviest 我的办件
    const buyer = lazily(() => citizen(url, BUYERS[0]));
    const staff = lazily(() => staffCookie(url));
    const me = async () => ({ authorization: `Bearer ${await buyer()}` });
    phases.push({
      name: `${s.factor}× 办件`,
      run: async (round) =>
        load.run({
          kind: 'sales',
          concurrency: opts.caseConcurrency,
          targets: [url],
          sales: await units.take(round === 0 ? opts.caseWarmup : opts.cases),
        }),
    });
    phases.push(verificationPhase(`${s.factor}× 核验`, [url], load, opts));
    phases.push(readPhase(`${s.factor}× 我的不动产`, load, `${url}/api/v1/me/units`, me));
    phases.push(readPhase(`${s.factor}× 我的办件`, load, `${url}/api/v1/me/cases`, me));
    phases.push(
      readPhase(`${s.factor}× 审核队列`, load, `${url}/api/v1/staff/queue`, async () => ({
        cookie: await staff(),
      })),
    );
  }

  const samples = await interleave(phases, opts.rounds);
  const of = (f: number, what: string): JobResult[] => samples.get(`${f}× ${what}`)!;
  const cell = (xs: number[], digits = 0) => showSpread(spread(xs), digits);
  const rows: [string, (f: number) => string][] = [
    [
      '登记簿：办件 / 日志叶子 / 核验记录',
      (f) => {
        const z = scales.find((s) => s.factor === f)!.sizes;
        return `${z.cases} / ${z.leaves} / ${z.verifications}`;
      },
    ],
    ['数据库文件 MB', (f) => scales.find((s) => s.factor === f)!.sizes.mb.toFixed(1)],
    [
      '办件 件/分钟',
      (f) =>
        cell(
          of(f, '办件').map((r) => r.rate),
          1,
        ),
    ],
    ['提交 p50 ms', (f) => cell(of(f, '办件').map((r) => r.submit?.p50 ?? 0))],
    ['提交 p95 ms', (f) => cell(of(f, '办件').map((r) => r.submit?.p95 ?? 0))],
    [
      '草稿到发证 p50 s',
      (f) =>
        cell(
          of(f, '办件').map((r) => r.p50 / 1000),
          2,
        ),
    ],
    [
      '草稿到发证 p95 s',
      (f) =>
        cell(
          of(f, '办件').map((r) => r.p95 / 1000),
          2,
        ),
    ],
    [
      '核验 p99 ms',
      (f) =>
        cell(
          of(f, '核验').map((r) => r.p99),
          1,
        ),
    ],
    [
      '我的不动产 p50 ms',
      (f) =>
        cell(
          of(f, '我的不动产').map((r) => r.p50),
          1,
        ),
    ],
    [
      '我的办件 p50 ms',
      (f) =>
        cell(
          of(f, '我的办件').map((r) => r.p50),
          1,
        ),
    ],
    [
      '审核队列 p50 ms',
      (f) =>
        cell(
          of(f, '审核队列').map((r) => r.p50),
          1,
        ),
    ],
  ];
  console.log(
    `登记簿规模基准（SQLite，每个规模一个节点，回环地址，${opts.rounds} 轮交替，预热不计；` +
      `办件每轮 ${opts.cases} 件、同时 ${opts.caseConcurrency} 件；核验每轮 ${opts.requests} 次、并发 ${opts.concurrency}；` +
      `列表每轮 ${opts.reads} 次、逐个请求；1× = 种子 + ${opts.history} 件历史办件）`,
  );
  console.log(machine);
  console.log(
    `  ${pad('指标 中位（最小–最大）', 36)} ${factors.map((f) => pad(`${f}×`, 26)).join(' ')}`,
  );
  for (const [label, fn] of rows) {
    console.log(`  ${pad(label, 36)} ${factors.map((f) => pad(fn(f), 26)).join(' ')}`);
  }
}

void finish(stops, main());
