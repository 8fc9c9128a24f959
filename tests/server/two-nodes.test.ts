/**
 * Two registry nodes on one store: two REAL server processes (tsx mock-server/src/main.ts) share
 * one database, the way N stateless nodes run behind a load balancer, and the requests of a sale
 * alternate between them.
 *
 * - A complete sale (draft → certificate) with every request to the other node than the last;
 *   a double tap of submit and of each taxpayer's own tax payment (sellers and buyer each pay
 *   their own lines, docs/registry-facts.md §13) lands one tap on each node at once, and a later
 *   retry on either: the case is submitted once, each taxpayer charged and receipted once, the
 *   case paid (缴税) once when the last of them has paid, and certified once.
 * - kill -9 of one node while the last taxpayers' payments set off recording: the other node
 *   keeps serving, the killed one is restarted, and nothing acknowledged is lost: every case
 *   whose payment was answered is recorded exactly once with its certificate, and the register's
 *   derived tables agree with its events.
 *
 * The store: PostgreSQL (tests/support/postgres.ts) once the server runs on it, and one SQLite
 * file shared by two processes (WAL, busy timeout), the embedded default.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PostgresSqlDb, SqliteSqlDb, type SqlDb } from '../../mock-server/src/adapters/sql';
import type { CaseDetail } from '../../mock-server/src/contract';
import { projectRegister, type RegisterEvent } from '../../mock-server/src/domain/register';
import { createTestDatabase } from '../support/postgres';
import {
  citizen,
  ok,
  ownTax,
  payOwn,
  payOwnTaxes,
  plainUnits,
  request,
  Rotation,
  signedSale,
  startNode,
  stepUp,
  taxpayersOf,
  type PlainUnit,
  type RegistryNode,
  type Store,
} from './support/nodes';
import { tempDir } from './support/registry';

// A hang guard, not a speed goal: each suite starts real server processes (tsx, 10–20 s each on
// two shared cores) and drives several whole sales over HTTP.
jest.setTimeout(600_000);

const BUYER = { idNumber: '331023196801208629', name: '应敏' };
const KILL_SALES = 4;
/** the statuses of a case whose tax is paid */
const PAID = ['review', 'approved', 'recorded', 'issued', 'archived'];

interface Target {
  store: Store;
  /** a handle of the test's own on the same store, for checking what the nodes wrote */
  sql: SqlDb;
  cleanup(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = tempDir('registry-two-nodes-');
  const file = path.join(dir, 'registry.sqlite');
  let sql: SqlDb | undefined;
  return {
    store: { kind: 'sqlite', file },
    get sql() {
      // opened after the first node migrated and seeded the file
      sql ??= SqliteSqlDb.open(file);
      return sql;
    },
    cleanup: async () => {
      await sql?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const db = await createTestDatabase();
  const sql = PostgresSqlDb.open({ connectionString: db.url, max: 2 });
  return {
    store: { kind: 'postgres', url: db.url },
    sql,
    cleanup: async () => {
      await sql.close();
      await db.drop();
    },
  };
}

const TARGETS: [string, () => Promise<Target>][] = [
  ['one SQLite file', sqliteTarget],
  ['one PostgreSQL database', postgresTarget],
];

/**
 * Polls `probe` until it returns a value (not undefined). No deadline of its own: the file's jest
 * timeout is the hang guard, so a loaded machine makes the test slower, never wrong.
 */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, pause));
  }
}

const count = async (sql: SqlDb, query: string, params: (string | number)[]) =>
  Number((await sql.get<{ n: number | string }>(query, params))?.n ?? 0);

/** The register's derived tables agree with a fresh projection of its append-only events. */
async function expectRegisterConsistent(sql: SqlDb): Promise<void> {
  const events = (
    await sql.all<{ payload_json: string }>('SELECT payload_json FROM register_events ORDER BY seq')
  ).map((r) => JSON.parse(r.payload_json) as RegisterEvent);
  const state = projectRegister(events);
  const current = new Map(
    [...state.rights.values()].filter((r) => r.status === 'current').map((r) => [r.unitCode, r]),
  );
  const rows = await sql.all<{ unit_code: string; right_id: string }>(
    "SELECT unit_code, right_id FROM rights WHERE status = 'current'",
  );
  expect(rows.length).toBe(current.size);
  for (const r of rows) expect(current.get(r.unit_code)?.rightId).toBe(r.right_id);
  // exactly one current ownership right for every unit that has any right
  const bad = await sql.all(
    `SELECT unit_code FROM rights GROUP BY unit_code
      HAVING sum(CASE WHEN status = 'current' THEN 1 ELSE 0 END) <> 1`,
  );
  expect(bad).toEqual([]);
  // the tamper-evident log: its leaves in one order with no gaps, and every register event on it
  // exactly once (appended right after the register's transaction, by whichever node wrote it)
  const registerEvents = await count(sql, 'SELECT count(*) AS n FROM register_events', []);
  await until(async () => {
    const logged = await count(
      sql,
      "SELECT count(DISTINCT ref) AS n FROM log_leaves WHERE kind = 'registerEvent'",
      [],
    );
    return logged >= registerEvents ? logged : undefined;
  });
  const leaves = await sql.get<{ n: number | string; hi: number | string }>(
    'SELECT count(*) AS n, max(leaf_index) AS hi FROM log_leaves',
  );
  expect(Number(leaves!.hi) + 1).toBe(Number(leaves!.n));
  expect(
    await count(sql, "SELECT count(*) AS n FROM log_leaves WHERE kind = 'registerEvent'", []),
  ).toBe(registerEvents);
}

/**
 * A case recorded exactly once, with its certificate: one 缴税, one 登簿 and one 发证 in its
 * timeline, the unit's one current right is the case's and held by the buyer, its certificate
 * current with its sealed document; per taxpayer who owes (`owedFen`: what each one's own lines
 * come to), one tax payment and one receipt, and one gateway charge for each that is not exempt.
 */
async function expectRecordedOnce(
  sql: SqlDb,
  caseId: string,
  unit: string,
  owedFen: number[],
): Promise<string> {
  const row = await sql.get<{ status: string; data_json: string }>(
    'SELECT status, data_json FROM cases WHERE case_id = ?',
    [caseId],
  );
  expect(row).toBeDefined();
  const c = JSON.parse(row!.data_json) as {
    timeline: { step: string }[];
    recording?: { rightId: string; certificateId: string; certificateNumber: string };
  };
  expect(['issued', 'archived']).toContain(row!.status);
  expect(c.timeline.filter((t) => t.step === '提交')).toHaveLength(1);
  expect(c.timeline.filter((t) => t.step === '缴税')).toHaveLength(1);
  expect(c.timeline.filter((t) => t.step === '登簿')).toHaveLength(1);
  expect(c.timeline.filter((t) => t.step === '发证')).toHaveLength(1);
  expect(c.recording).toBeDefined();
  const current = await sql.all<{ right_id: string; certificate_id: string }>(
    "SELECT right_id, certificate_id FROM rights WHERE unit_code = ? AND status = 'current'",
    [unit],
  );
  expect(current).toEqual([
    { right_id: c.recording!.rightId, certificate_id: c.recording!.certificateId },
  ]);
  const holders = await sql.all<{ id_number: string }>(
    `SELECT p.id_number FROM right_holders h JOIN persons p ON p.person_id = h.person_id
      WHERE h.right_id = ?`,
    [c.recording!.rightId],
  );
  expect(holders.map((h) => h.id_number)).toEqual([BUYER.idNumber]);
  const cert = await sql.get('SELECT number, status FROM certificates WHERE certificate_id = ?', [
    c.recording!.certificateId,
  ]);
  expect(cert).toEqual({ number: c.recording!.certificateNumber, status: 'current' });
  const byCase = 'WHERE case_id = ?';
  const n = (table: string) => count(sql, `SELECT count(*) AS n FROM ${table} ${byCase}`, [caseId]);
  expect(
    await count(sql, 'SELECT count(*) AS n FROM documents WHERE certificate_id = ?', [
      c.recording!.certificateId,
    ]),
  ).toBe(1);
  const byAmount = (xs: number[]) => [...xs].sort((x, y) => x - y);
  const payments = await sql.all<{ payer_id: string; charge_id: string; amount_fen: number }>(
    'SELECT payer_id, charge_id, amount_fen FROM tax_payments WHERE case_id = ?',
    [caseId],
  );
  // one payment per taxpayer, each for what that taxpayer owes
  expect(new Set(payments.map((p) => p.payer_id)).size).toBe(owedFen.length);
  expect(byAmount(payments.map((p) => Number(p.amount_fen)))).toEqual(byAmount(owedFen));
  expect(await n('tax_receipts')).toBe(owedFen.length);
  // one gateway charge per taxpayer who pays money, and it is that taxpayer's recorded payment
  const charged = await sql.all<{ charge_id: string; amount_fen: number }>(
    'SELECT charge_id, amount_fen FROM payment_gateway_charges WHERE case_id = ?',
    [caseId],
  );
  const paidMoney = payments.filter((p) => Number(p.amount_fen) > 0);
  expect(charged.map((c) => c.charge_id).sort()).toEqual(paidMoney.map((p) => p.charge_id).sort());
  expect(byAmount(charged.map((c) => Number(c.amount_fen)))).toEqual(
    byAmount(owedFen.filter((f) => f > 0)),
  );
  return c.recording!.certificateNumber;
}

describe.each(TARGETS)('two registry nodes on %s', (_name, makeTarget) => {
  let target: Target;
  const nodes: (RegistryNode | undefined)[] = [undefined, undefined];
  let units: PlainUnit[];

  beforeAll(async () => {
    target = await makeTarget();
    // the first node migrates and seeds the empty store; the second finds it ready
    nodes[0] = await startNode(target.store);
    nodes[1] = await startNode(target.store);
    units = await plainUnits(target.sql, BUYER);
    expect(units.length).toBeGreaterThanOrEqual(1 + KILL_SALES);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n?.kill9()));
    await target?.cleanup();
  });

  it('a sale alternating between the nodes: double taps and retries of submit and tax payment spread over both act once', async () => {
    const lb = new Rotation(nodes);
    const [a, b] = nodes.map((n) => n!.url);
    const buyer = { ...BUYER, token: await citizen(lb, BUYER) };
    const unit = units[0];
    const sale = await signedSale(lb, buyer, unit);
    const { caseId } = sale;

    // submit: one tap on each node at the same moment, then a retry on each
    const submit = (node: string) =>
      request<CaseDetail>(node, 'POST', `/cases/${caseId}/submit`, {
        token: buyer.token,
        body: {},
        headers: { 'idempotency-key': `submit-${caseId}` },
      });
    const taps = await Promise.all([submit(a), submit(b)]);
    const retries = [await submit(b), await submit(a)];
    for (const r of [...taps, ...retries]) {
      expect([r.status, r.body.caseId, r.body.status]).toEqual([200, caseId, 'taxPending']);
    }

    // tax payment, per taxpayer (sellers first, the buyer last): each pays their own lines after
    // a fresh face check, the same way, with the key their app sends for it
    const taxpayers = await taxpayersOf(lb, sale);
    expect(taxpayers.length).toBeGreaterThanOrEqual(1);
    for (const [i, p] of taxpayers.entries()) {
      await stepUp(lb, p.token, p);
      const pay = (node: string) => payOwn(node, caseId, p);
      const paid = await Promise.all([pay(b), pay(a)]);
      if (i < taxpayers.length - 1) {
        // not the last taxpayer: their own lines are paid, the case waits for the others
        for (const r of [...paid, await pay(a), await pay(b)]) {
          expect([r.status, r.body.status]).toEqual([200, 'taxPending']);
        }
        expect(await ownTax(lb, caseId, p)).toMatchObject({ canPay: false, owes: true });
        continue;
      }
      // the last taxpayer: a tap answered by the node that lost the race says the case is paid;
      // the winner's goes on through review, 核定, 登簿 and 发证 before it answers
      for (const r of paid) {
        expect([r.status, PAID.includes(r.body.status)]).toEqual([200, true]);
      }
      expect(paid.some((r) => ['issued', 'archived'].includes(r.body.status))).toBe(true);
      for (const r of [await pay(a), await pay(b)]) {
        expect(r.status).toBe(200);
        expect(['issued', 'archived']).toContain(r.body.status);
      }
    }

    // what the buyer sees on either node, and what the store holds
    const seen = await Promise.all(
      [a, b].map((n) => ok<CaseDetail>(n, 'GET', `/cases/${caseId}`, { token: buyer.token })),
    );
    for (const s of seen) expect(['issued', 'archived']).toContain(s.status);
    // the money the gateway moved for the case: each taxpayer's own amount, once
    const charges = await ok<{ items: { caseId: string; amountFen: number }[] }>(
      lb,
      'GET',
      '/sim/payment/charges',
      { token: buyer.token },
    );
    const byAmount = (xs: number[]) => [...xs].sort((x, y) => x - y);
    expect(
      byAmount(charges.items.filter((x) => x.caseId === caseId).map((x) => x.amountFen)),
    ).toEqual(byAmount(taxpayers.map((p) => p.ownFen).filter((f) => f > 0)));
    await expectRecordedOnce(
      target.sql,
      caseId,
      unit.unit,
      taxpayers.map((p) => p.ownFen),
    );
    await expectRegisterConsistent(target.sql);
  });

  it('kill -9 of one node while payments set off recording: the other keeps serving, nothing acknowledged is lost', async () => {
    const lb = new Rotation(nodes);
    const buyer = { ...BUYER, token: await citizen(lb, BUYER) };
    const sales = units.slice(1, 1 + KILL_SALES);
    type Taxpayers = Awaited<ReturnType<typeof taxpayersOf>>;
    const cases: { caseId: string; unit: string; taxpayers: Taxpayers }[] = [];
    for (const u of sales) {
      const sale = await signedSale(lb, buyer, u);
      const { caseId } = sale;
      await ok(lb, 'POST', `/cases/${caseId}/submit`, {
        token: buyer.token,
        body: {},
        headers: { 'idempotency-key': `submit-${caseId}` },
      });
      const taxpayers = await taxpayersOf(lb, sale);
      expect(taxpayers.length).toBeGreaterThanOrEqual(1);
      // every taxpayer but the last pays their own lines: the case still waits for the last
      if (taxpayers.length > 1) {
        const first = await payOwnTaxes(lb, { caseId, parties: taxpayers.slice(0, -1) });
        expect(first.status).toBe('taxPending');
      }
      cases.push({ caseId, unit: u.unit, taxpayers });
    }
    const lastOf = (caseId: string) => cases.find((c) => c.caseId === caseId)!.taxpayers.at(-1)!;

    // every last payment (the one that sets off recording) goes to the victim node, which records
    // one case after another; it is killed as soon as the first payment is acknowledged, the
    // others still being recorded
    const victim = nodes[1]!;
    for (const { caseId } of cases) await stepUp(lb, lastOf(caseId).token, lastOf(caseId));
    const acknowledged = new Map<string, CaseDetail>();
    let firstAck!: () => void;
    const acked = new Promise<void>((resolve) => (firstAck = resolve));
    const payments = cases.map(
      ({ caseId }) =>
        payOwn(victim.url, caseId, lastOf(caseId))
          .then((r) => {
            if (r.status === 200) {
              acknowledged.set(caseId, r.body);
              firstAck();
            }
          })
          .catch(() => undefined), // the connection dropped: not acknowledged
    );
    await Promise.race([acked, Promise.all(payments)]);
    const unansweredAtKill = cases.length - acknowledged.size;
    await victim.kill9();
    nodes[1] = undefined;
    await Promise.all(payments);
    expect(acknowledged.size).toBeGreaterThanOrEqual(1);
    // the node was killed with payments still in its hands (being charged or recorded)
    expect(unansweredAtKill).toBeGreaterThanOrEqual(1);
    for (const c of acknowledged.values()) expect(['issued', 'archived']).toContain(c.status);

    // the other node keeps serving: what was acknowledged is there, and a payment goes through
    const survivor = nodes[0]!.url;
    for (const [caseId, c] of acknowledged) {
      const now = await ok<CaseDetail>(survivor, 'GET', `/cases/${caseId}`, {
        token: buyer.token,
      });
      expect(['issued', 'archived']).toContain(now.status);
      expect(now.recording?.certificateNumber).toBe(c.recording?.certificateNumber);
    }
    const unpaid = cases.find((x) => !acknowledged.has(x.caseId));
    if (unpaid) {
      const last = lastOf(unpaid.caseId);
      await stepUp(survivor, last.token, last);
      const r = await payOwn(survivor, unpaid.caseId, last);
      // paid now, or (when the killed node had charged and was recording it) found in progress
      expect([200, 409]).toContain(r.status);
    }

    // the killed node restarts on the same store and finishes what it had started; a case still
    // waiting for its tax is paid again by each of its taxpayers (once: the keys and the
    // per-taxpayer charge hold)
    nodes[1] = await startNode(target.store);
    for (const { caseId, taxpayers } of cases) {
      // until the case is issued
      await until(async () => {
        const c = await ok<CaseDetail>(lb, 'GET', `/cases/${caseId}`, { token: buyer.token });
        if (c.status === 'taxPending') {
          for (const p of taxpayers) {
            await stepUp(lb, p.token, p);
            await payOwn(lb, caseId, p);
          }
          return undefined;
        }
        return ['issued', 'archived'].includes(c.status) ? c : undefined;
      });
    }
    for (const { caseId, unit, taxpayers } of cases) {
      const certificateNumber = await expectRecordedOnce(
        target.sql,
        caseId,
        unit,
        taxpayers.map((p) => p.ownFen),
      );
      const ack = acknowledged.get(caseId);
      if (ack) expect(certificateNumber).toBe(ack.recording?.certificateNumber);
    }
    await expectRegisterConsistent(target.sql);
  });
});
