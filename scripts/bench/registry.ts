/**
 * Registry throughput on each store, with one and two nodes: `npm run bench:registry`.
 *
 * For SQLite (one file) and PostgreSQL (one database), two registry nodes are started on the
 * store (real processes: tsx mock-server/src/main.ts). "×1" sends every request to the first
 * node; "×2" gives each request to the other node than the last, as a load balancer would. Two
 * figures per row, measured in the same run by the same load generator process and interleaved
 * over the rounds (scripts/bench/harness.ts):
 *
 * - cases: complete second-hand sales through the HTTP API, draft → certificate (log in, draft,
 *   sign by every party, submit, pay the tax: review, 核定, 登簿 and 发证 follow), a few at once;
 *   complete cases per minute. The units are sold on in turn between two buyers, so a run never
 *   runs out of them.
 * - verification: POST /api/v1/verify (scripts/bench/verification.ts), requests per second.
 *
 * PostgreSQL: a fresh database on the server of TEST_DATABASE_URL or DATABASE_URL (a user that
 * may create databases), else on a private loopback cluster started like the server tests' own
 * (tests/support/postgres.ts; Debian's postgresql package must be installed).
 *
 * Flags: --rounds 3 --cases 6 --case-warmup 2 --case-concurrency 3 --requests 5000 --warmup 500
 * --concurrency 8 --databases sqlite,postgres --nodes 1,2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PostgresSqlDb, SqliteSqlDb, type SqlDb } from '../../mock-server/src/adapters/sql';
import {
  createTestDatabase,
  startPrivateCluster,
  stopPrivateCluster,
} from '../../tests/support/postgres';
import {
  holderOf,
  plainUnits,
  startNode,
  type PlainUnit,
  type RegistryNode,
  type Store,
  type Who,
} from '../../tests/server/support/nodes';
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
import { verificationPhase } from './verification';

const opts = flags({
  rounds: 3,
  cases: 6,
  caseWarmup: 2,
  caseConcurrency: 3,
  requests: 5000,
  warmup: 500,
  concurrency: 8,
  databases: 'sqlite,postgres',
  nodes: '1,2',
});
const machine = machineLine();
const stops: (() => Promise<unknown>)[] = [];
const BUYERS: Who[] = [
  { idNumber: '331023196801208629', name: '应敏' },
  { idNumber: '33100419820825953X', name: '杨永明' },
];

interface Database {
  label: string;
  store: Store;
  /** the bench's own handle on the store, once a node has created and seeded it */
  sql(): SqlDb;
}

async function sqliteDatabase(): Promise<Database> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-registry-'));
  stops.unshift(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'registry.sqlite');
  let sql: SqlDb | undefined;
  return {
    label: 'SQLite',
    store: { kind: 'sqlite', file },
    sql() {
      if (!sql) {
        const opened = (sql = SqliteSqlDb.open(file));
        stops.unshift(() => opened.close());
      }
      return sql;
    },
  };
}

async function postgresDatabase(): Promise<Database> {
  if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  }
  const own = !process.env.TEST_DATABASE_URL;
  await startPrivateCluster();
  if (own) stops.unshift(() => stopPrivateCluster());
  const db = await createTestDatabase();
  stops.unshift(() => db.drop());
  const sql = PostgresSqlDb.open({ connectionString: db.url, max: 2 });
  stops.unshift(() => sql.close());
  return { label: 'PostgreSQL', store: { kind: 'postgres', url: db.url }, sql: () => sql };
}

/**
 * The units, each sold on in turn: a sale takes the unit at the head of the queue from whoever
 * holds it now (with the spouse's consent where needed) to the buyer who does not hold it.
 */
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

  async take(n: number): Promise<{ buyer: Who; unit: PlainUnit }[]> {
    if (n > this.queue.length) throw new Error(`only ${this.queue.length} units to sell`);
    const out: { buyer: Who; unit: PlainUnit }[] = [];
    for (const code of this.queue.splice(0, n)) {
      this.queue.push(code);
      const unit = await holderOf(this.sql, code);
      if (!unit) throw new Error(`unit ${code} cannot be sold on (not a plain sole holding)`);
      const buyer = BUYERS.find((b) => b.idNumber !== unit.idNumber)!;
      out.push({ buyer, unit });
    }
    return out;
  }
}

function casePhase(name: string, nodes: string[], units: UnitQueue, load: LoadGenerator): Phase {
  return {
    name,
    run: async (round) =>
      load.run({
        kind: 'sales',
        concurrency: opts.caseConcurrency,
        targets: nodes,
        sales: await units.take(round === 0 ? opts.caseWarmup : opts.cases),
      }),
  };
}

interface Row {
  label: string;
  cases?: string;
  verify?: string;
  unavailable?: string;
}

async function main() {
  const load = new LoadGenerator();
  stops.unshift(() => load.close());
  const phases: Phase[] = [];
  const rows: Row[] = [];
  const nodeCounts = opts.nodes.split(',').map(Number);
  const makers = { sqlite: sqliteDatabase, postgres: postgresDatabase } as const;

  for (const kind of opts.databases.split(',') as (keyof typeof makers)[]) {
    if (!makers[kind]) throw new Error(`--databases: unknown ${kind}`);
    const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    let db: Database;
    const nodes: RegistryNode[] = [];
    try {
      db = await makers[kind]();
      // the first node migrates and seeds the empty store; the others find it ready
      for (let i = 0; i < Math.max(...nodeCounts); i++) {
        const node = await startNode(db.store);
        stops.unshift(node.stop);
        nodes.push(node);
      }
    } catch (e) {
      const why = (e as Error).message.split('\n').find((l) => /错误|error|失败|未找到/i.test(l));
      for (const n of nodeCounts) {
        rows.push({ label: `${label} ×${n}`, unavailable: why ?? (e as Error).message });
      }
      continue;
    }
    const units = await UnitQueue.of(db.sql());
    for (const n of nodeCounts) {
      const urls = nodes.slice(0, n).map((x) => x.url);
      const row = `${label} ×${n}`;
      rows.push({ label: row, cases: `${row} 办件`, verify: `${row} 核验` });
      phases.push(casePhase(`${row} 办件`, urls, units, load));
      phases.push(verificationPhase(`${row} 核验`, urls, load, opts));
    }
  }

  const samples = await interleave(phases, opts.rounds);
  console.log(
    `登记服务吞吐（回环地址，${opts.rounds} 轮交替，预热不计；办件：每轮 ${opts.cases} 件、同时 ${opts.caseConcurrency} 件，` +
      `草稿到发证；核验：每轮 ${opts.requests} 次、并发 ${opts.concurrency}）`,
  );
  console.log(machine);
  console.log(
    `  ${pad('存储 × 节点', 16)} ${pad('办件 件/分钟 中位（最小–最大）', 34)} ${pad('核验 req/s 中位（最小–最大）', 32)} ${pad('核验 p99 ms', 12, true)}`,
  );
  for (const r of rows) {
    if (r.unavailable) {
      console.log(`  ${pad(r.label, 16)} 未测：${r.unavailable}`);
      continue;
    }
    const cases = samples.get(r.cases!)!;
    const verify = samples.get(r.verify!)!;
    console.log(
      `  ${pad(r.label, 16)} ${pad(showSpread(spread(cases.map((s) => s.rate)), 1), 34)} ${pad(
        showSpread(spread(verify.map((s) => s.rate))),
        32,
      )} ${pad(spread(verify.map((s) => s.p99)).median.toFixed(1), 12, true)}`,
    );
  }
}

void finish(stops, main());
