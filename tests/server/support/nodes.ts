/**
 * Registry nodes as real server processes (tsx mock-server/src/main.ts), and a sale driven through
 * their HTTP API: shared by the two-node test and the registry benchmark (scripts/bench), so both
 * start a node and drive a case the same way.
 *
 * A node is started on a store: the SQLite file at a path, or a PostgreSQL database by URL. Several
 * nodes on one store are several registry nodes behind a load balancer; `Rotation` plays the load
 * balancer, giving each request to the next node in turn.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CaseDetail } from '../../../mock-server/src/contract';
import { FACE_MISMATCH_PERSON_ID } from '../../../mock-server/src/adapters/seed/personas';
import type { SqlDb } from '../../../mock-server/src/adapters/sql/types';
import { eSign, type Signer } from './cases-client';

const ROOT = path.resolve(__dirname, '../../..');

export type Store = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Who {
  idNumber: string;
  name: string;
}

export interface RegistryNode {
  url: string;
  child: ChildProcess;
  /** settles when the process (group) has exited */
  exited: Promise<void>;
  /** SIGKILL to the whole process group (tsx runs the server in a child process) */
  kill9(): Promise<void>;
  /** SIGTERM (graceful shutdown), then SIGKILL if it is still there after 10 s */
  stop(): Promise<void>;
}

/**
 * Starts a server process in its own process group (tsx runs the script in a child process) and
 * resolves once it printed `listening at http://127.0.0.1:PORT`: how every registry node and every
 * benchmark baseline is started.
 */
export function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { cleanup?: () => void } = {},
): Promise<RegistryNode> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (opts.cleanup) void exited.then(opts.cleanup);
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal('SIGKILL');
      reject(new Error(`${args[0]} did not start within 90 s:\n${out}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString('utf8')).slice(-20_000);
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          child,
          exited,
          kill9: async () => {
            signal('SIGKILL');
            await exited;
          },
          stop: async () => {
            signal('SIGTERM');
            const force = setTimeout(() => signal('SIGKILL'), 10_000);
            await exited;
            clearTimeout(force);
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited before listening:\n${out}`));
    });
  });
}

/** Starts one registry node on `store`; resolves once it printed its listening line. */
export function startNode(
  store: Store,
  opts: { env?: Record<string, string>; logLevel?: string } = {},
): Promise<RegistryNode> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-node-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    STATIC_DIR: path.join(scratch, 'no-h5'),
    LOG_LEVEL: opts.logLevel ?? 'error',
    // demo mode: the simulators the sale is driven through, and the seeded demo register
    DEMO: 'true',
    SIMULATORS_ENABLED: 'true',
    ...opts.env,
  };
  if (store.kind === 'sqlite') {
    env.DATABASE_PATH = store.file;
    delete env.DATABASE_URL;
  } else {
    env.DATABASE_URL = store.url;
    env.DATABASE_PATH = path.join(scratch, 'unused.sqlite');
    // the nodes of one database share the key files, as an operator copies them to every node
    env.KEY_DIR = path.join(
      os.tmpdir(),
      `registry-keys-${createHash('sha256').update(store.url).digest('hex').slice(0, 16)}`,
    );
  }
  return startProcess(['mock-server/src/main.ts'], env, {
    cleanup: () => fs.rmSync(scratch, { recursive: true, force: true }),
  });
}

/** The load balancer: each request goes to the next node that is up, in turn. */
export class Rotation {
  private i = 0;
  constructor(readonly nodes: ({ url: string } | undefined)[]) {}

  next(): string {
    for (let tries = 0; tries < this.nodes.length; tries++) {
      const n = this.nodes[this.i++ % this.nodes.length];
      if (n) return n.url;
    }
    throw new Error('no registry node is up');
  }
}

export interface Reply<T> {
  status: number;
  body: T;
  text: string;
}

/** One /api/v1 request to the next node; never throws on a status (see `ok`). */
export async function request<T = unknown>(
  nodes: Rotation | string,
  method: string,
  p: string,
  opts: { body?: object; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const base = typeof nodes === 'string' ? nodes : nodes.next();
  const res = await fetch(`${base}/api/v1${p}`, {
    method,
    headers: {
      ...(opts.body ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body: body as T, text };
}

/** A request that must succeed (2xx): its JSON body. */
export async function ok<T = unknown>(
  nodes: Rotation | string,
  method: string,
  p: string,
  opts: { body?: object; token?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const r = await request<T>(nodes, method, p, opts);
  if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.text}`);
  return r.body;
}

/** A citizen logged in through the 浙里办 simulator, with a fresh face check (step-up). */
export async function citizen(nodes: Rotation | string, who: Who): Promise<string> {
  const { ticketId } = await ok<{ ticketId: string }>(nodes, 'POST', '/sim/zlb/tickets', {
    body: { idNumber: who.idNumber },
  });
  const login = await ok<{ session: { token: string } }>(nodes, 'POST', '/auth/zlb/ticket', {
    body: { ticketId },
  });
  const token = login.session.token;
  await stepUp(nodes, token, who);
  return token;
}

/** A fresh face check (step-up) for the session, as paying and signing want. */
export async function stepUp(nodes: Rotation | string, token: string, who: Who): Promise<void> {
  const { passId } = await ok<{ passId: string }>(nodes, 'POST', '/sim/zlb/zm-auth', {
    body: { certNo: who.idNumber, certName: who.name },
  });
  await ok(nodes, 'POST', '/auth/zlb/step-up', { body: { passId }, token });
}

/** A party's session for `eSign`, every request to the next node. */
export function signer(nodes: Rotation | string, token: string, who: Who): Signer {
  return {
    who,
    get: (url) => ok(nodes, 'GET', url, { token }),
    post: (url, body) => ok(nodes, 'POST', url, { body, token }),
    put: (url, body) => ok(nodes, 'PUT', url, { body, token }),
    stepUp: () => stepUp(nodes, token, who),
  };
}

/** A unit a sole natural person holds with nothing registered against it, and its holder. */
export interface PlainUnit extends Who {
  unit: string;
  /** the holder's spouse, who consents when the home was bought during the marriage */
  spouse?: Who;
}

const HOLDER_COLUMNS = (col: string) => `(SELECT s.${col} FROM marriages m JOIN persons s
      ON s.person_id IN (m.spouse_a_id, m.spouse_b_id) AND s.person_id <> p.person_id
     WHERE p.person_id IN (m.spouse_a_id, m.spouse_b_id)
       AND m.registered_on <= r.registered_on)`;
const HOLDERS = `SELECT r.unit_code AS "unit", p.id_number AS "idNumber", p.name AS "name",
         ${HOLDER_COLUMNS('id_number')} AS "spouseId", ${HOLDER_COLUMNS('name')} AS "spouseName"
    FROM rights r JOIN right_holders h ON h.right_id = r.right_id
    JOIN persons p ON p.person_id = h.person_id
   WHERE r.status = 'current' AND r.co_ownership = 'sole' AND p.kind = 'natural'
     AND NOT EXISTS (SELECT 1 FROM restrictions x
                      WHERE x.unit_code = r.unit_code AND x.status = 'current')
     -- the demo person whose face check never passes cannot sign online
     AND p.person_id <> '${FACE_MISMATCH_PERSON_ID}'`;

type HolderRow = Who & { unit: string; spouseId: string | null; spouseName: string | null };
const toPlain = ({ spouseId, spouseName, ...u }: HolderRow): PlainUnit => ({
  ...u,
  ...(spouseId && spouseName ? { spouse: { idNumber: spouseId, name: spouseName } } : {}),
});

/** Units that can be sold to `buyer` in a plain second-hand sale (portable SQL: either store). */
export async function plainUnits(sql: SqlDb, buyer: Who): Promise<PlainUnit[]> {
  const rows = await sql.all<HolderRow>(
    `${HOLDERS} AND p.id_number <> ? AND substr(r.unit_code, 1, 4) = '3310' ORDER BY r.unit_code`,
    [buyer.idNumber],
  );
  return rows.map(toPlain);
}

/** The unit's sole holder now (and spouse), to sell it again; undefined if it is not plain. */
export async function holderOf(sql: SqlDb, unitCode: string): Promise<PlainUnit | undefined> {
  const row = await sql.get<HolderRow>(`${HOLDERS} AND r.unit_code = ?`, [unitCode]);
  return row && toPlain(row);
}

/** The buyer's answers to the sale's 询问笔录 questions asked at the draft. */
export const SALE_ANSWERS = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };

/** A party of a sale with their own session: each taxpayer among them pays their own lines. */
export interface Party extends Who {
  token: string;
  /** the key this party's app sends with each tap and retry of their tax payment */
  payKey: string;
}

/** A sale signed by everyone and its parties (sellers first, the buyer last). */
export interface SignedSale {
  caseId: string;
  parties: Party[];
}

/**
 * A second-hand sale of `unit` to the buyer, from draft to signed by everyone (the seller, the
 * seller's consenting spouse, the buyer), every request to the next node: ready to submit.
 */
export async function signedSale(
  nodes: Rotation | string,
  buyer: Who & { token: string },
  unit: PlainUnit,
): Promise<SignedSale> {
  const seller = await citizen(nodes, unit);
  // the seller opens the sale from their unit and names the buyer
  const draft = await ok<CaseDetail>(nodes, 'POST', '/cases', {
    token: seller,
    body: {
      businessTypeCode: 'transfer.secondHandSale',
      unitCode: unit.unit,
      parties: [{ idNumber: buyer.idNumber, name: buyer.name, role: 'rightHolder' }],
      newCoOwnership: 'sole',
      answers: SALE_ANSWERS,
    },
  });
  const caseId = draft.caseId;
  await ok(nodes, 'POST', `/cases/${caseId}/start-signing`, {
    token: buyer.token,
    body: {},
  });
  await eSign(signer(nodes, seller, unit), caseId);
  await eSign(signer(nodes, buyer.token, buyer), caseId);
  const sessions: (Who & { token: string })[] = [
    { idNumber: unit.idNumber, name: unit.name, token: seller },
  ];
  if (unit.spouse) {
    const spouse = await citizen(nodes, unit.spouse);
    await eSign(signer(nodes, spouse, unit.spouse), caseId);
    sessions.push({ ...unit.spouse, token: spouse });
  }
  sessions.push({ idNumber: buyer.idNumber, name: buyer.name, token: buyer.token });
  // one key per party (its place in the sale: no personal data in a header)
  return { caseId, parties: sessions.map((p, i) => ({ ...p, payKey: `pay-${caseId}-${i}-1` })) };
}

/** What GET /cases/:id/tax tells one party about their own lines. */
export interface OwnTax {
  /** the party may pay now: they owe, and their own receipt is not issued yet */
  canPay: boolean;
  /** the party has lines of their own on the case (paid or not) */
  owes: boolean;
  /** what the party's own lines come to, fen (0 when every line of theirs is exempt) */
  ownFen: number;
}

/** The party's own tax on the case, as that party sees it. */
export async function ownTax(
  nodes: Rotation | string,
  caseId: string,
  party: Party,
): Promise<OwnTax> {
  const t = await ok<{
    canPay: boolean;
    assessment: { totals: { all: number } };
    perTaxpayer?: { hasLines: boolean; ownFen: number };
  }>(nodes, 'GET', `/cases/${caseId}/tax`, { token: party.token });
  return {
    canPay: t.canPay,
    owes: t.perTaxpayer?.hasLines ?? true,
    ownFen: t.perTaxpayer?.ownFen ?? t.assessment.totals.all,
  };
}

/**
 * The sale's parties who have tax lines of their own (paid or not), in the sale's order, each
 * with what their own lines come to.
 */
export async function taxpayersOf(
  nodes: Rotation | string,
  sale: SignedSale,
): Promise<(Party & { ownFen: number })[]> {
  const out: (Party & { ownFen: number })[] = [];
  for (const p of sale.parties) {
    const own = await ownTax(nodes, sale.caseId, p);
    if (own.owes) out.push({ ...p, ownFen: own.ownFen });
  }
  return out;
}

/**
 * One tap of a taxpayer's own payment (after their fresh face check: `stepUp`), with the key
 * their app sends for it on every tap and retry; never throws on a status.
 */
export function payOwn(
  nodes: Rotation | string,
  caseId: string,
  party: Party,
): Promise<Reply<CaseDetail>> {
  return request<CaseDetail>(nodes, 'POST', `/cases/${caseId}/tax-payment`, {
    token: party.token,
    body: {},
    headers: { 'idempotency-key': party.payKey },
  });
}

/**
 * 缴税 per taxpayer (docs/registry-facts.md §13): each party who may pay pays their own lines on
 * their own session after a fresh face check; answers the case as the last of them sees it.
 */
export async function payOwnTaxes(nodes: Rotation | string, sale: SignedSale): Promise<CaseDetail> {
  let last: CaseDetail | undefined;
  for (const p of sale.parties) {
    if (!(await ownTax(nodes, sale.caseId, p)).canPay) continue;
    await stepUp(nodes, p.token, p);
    const r = await payOwn(nodes, sale.caseId, p);
    if (r.status !== 200) throw new Error(`tax payment of ${sale.caseId}: ${r.status} ${r.text}`);
    last = r.body;
  }
  const buyer = sale.parties[sale.parties.length - 1];
  return last ?? ok<CaseDetail>(nodes, 'GET', `/cases/${sale.caseId}`, { token: buyer.token });
}

/**
 * A complete sale, draft → certificate: signed, submitted (to 待缴税 after the automatic intake
 * and review) and every taxpayer's own tax paid (review, 核定, 登簿 and 发证 follow at once once
 * the last has paid). Returns the case.
 */
export async function completeSale(
  nodes: Rotation | string,
  buyer: Who & { token: string },
  unit: PlainUnit,
  /** how long the submit request took, ms (the scale benchmark's submit latency) */
  onSubmit?: (ms: number) => void,
): Promise<CaseDetail> {
  const sale = await signedSale(nodes, buyer, unit);
  const t = performance.now();
  await ok(nodes, 'POST', `/cases/${sale.caseId}/submit`, {
    token: buyer.token,
    body: {},
    headers: { 'idempotency-key': `submit-${sale.caseId}` },
  });
  onSubmit?.(performance.now() - t);
  return payOwnTaxes(nodes, sale);
}
