/**
 * Harness of the signing tests: a real store (the SQLite file, or PostgreSQL with
 * TEST_REGISTRY_DB=postgres: support/registry.ts), an injected clock, a sale in progress.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openRegistry, createApp } from '../../../mock-server/src/bootstrap';
import { createLogger } from '../../../mock-server/src/logger';
import type {
  BundleResponse,
  CaseDetail,
  SignatureRecord,
} from '../../../mock-server/src/contract';
import { ManualClock } from './auth';
import { client, isNamed, login } from './cases-client';
import { png } from './png';
import { harnessStore, onPostgres, tempDir, type Harness } from './registry';

export const SELLER_A = { idNumber: '331081198512258315', name: '李国平' };
export const SELLER_B = { idNumber: '331083198405037966', name: '叶美华' };
export const BUYER = { idNumber: '331023196801208629', name: '应敏' };
export const STRANGER = { idNumber: '33100319750804648X', name: '许慧芳' };
export const UNIT = '331004001005GB04397F00120001';
export const SELLER_ANSWERS = { truthful: '是', soleOrCoOwned: '共有', disputeOrSeizure: '否' };

export async function startSigningHarness(env: Record<string, string> = {}) {
  const dir = tempDir('registry-signing-');
  const { store, config } = await harnessStore(dir, path.join(dir, 'data', 'registry.sqlite'), {
    STATIC_DIR: path.join(dir, 'no-such-dir'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const logger = createLogger('silent');
  const registry = await openRegistry(config, logger);
  const clock = new ManualClock(Date.now());
  const app = await createApp(config, registry, logger, { clock });
  const h: Harness & { clock: ManualClock; blobDir: string } = {
    dir,
    config,
    registry,
    app,
    clock,
    blobDir: path.join(dir, 'data', 'blobs'),
    async close() {
      await app.close();
      await registry.close();
      await store.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
export type SigningHarness = Awaited<ReturnType<typeof startSigningHarness>>;

/** Files stored: in the blob folder next to the SQLite file, or the `blobs` table on PostgreSQL. */
export const blobCount = async (h: SigningHarness): Promise<number> => {
  if (onPostgres) return count(h, 'blobs');
  return fs.existsSync(h.blobDir)
    ? fs.readdirSync(h.blobDir).filter((f) => !f.endsWith('.tmp')).length
    : 0;
};
/** The bytes stored under an SM3 digest: the file in the blob folder, or the `blobs` row. */
export const storedBlob = async (h: SigningHarness, digest: string): Promise<Buffer> => {
  if (!onPostgres) return fs.readFileSync(path.join(h.blobDir, digest));
  const row = await h.registry.sql.get<{ bytes: Buffer }>(
    'SELECT bytes FROM blobs WHERE digest = ?',
    [digest],
  );
  return Buffer.from(row!.bytes);
};
export const count = async (h: SigningHarness, table: string): Promise<number> =>
  Number((await h.registry.sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n);

export type Client = ReturnType<typeof client> & {
  token: string;
  put: <T>(url: string, payload: object, status?: number) => Promise<T>;
  /** the registry this session is on */
  h: SigningHarness;
};

export async function as(
  h: SigningHarness,
  who: { idNumber: string; name: string },
): Promise<Client> {
  const token = await login(h, who);
  const put = async <T>(url: string, payload: object, status = 200) => {
    const r = await h.app.inject({
      method: 'PUT',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    if (r.statusCode !== status) throw new Error(`PUT ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as T;
  };
  return { ...client(h, token), token, put, h };
}

export async function parties(h: SigningHarness) {
  return {
    buyer: await as(h, BUYER),
    sellerA: await as(h, SELLER_A),
    sellerB: await as(h, SELLER_B),
    stranger: await as(h, STRANGER),
  };
}

/**
 * A sale of UNIT to the buyer: the seller 李国平 opens it from his own unit and names the buyer
 * (a buyer never opens a case on someone else's unit: docs/registry-facts.md §8); the buyer
 * answers their 询问笔录 (the seller's are given with the application) and starts signing (optional). The buyer's view is returned.
 */
export async function openSale(buyer: Client, startSigning = true): Promise<CaseDetail> {
  const seller = await as(buyer.h, SELLER_A);
  let c = await seller.post<CaseDetail>(
    '/cases',
    {
      businessTypeCode: 'transfer.secondHandSale',
      unitCode: UNIT,
      parties: [{ ...BUYER, role: 'rightHolder' }],
      priceYuan: 1_860_000,
      newCoOwnership: 'sole',
      // the initiator's own 询问笔录 answers
      answers: SELLER_ANSWERS,
    },
    201,
  );
  await buyer.put(`/cases/${c.caseId}/parties/${partyId(c, BUYER.name)}/inquiry`, {
    answers: { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' },
  });
  if (startSigning) c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  else c = await buyer.get<CaseDetail>(`/cases/${c.caseId}`);
  return c;
}

/**
 * A party's id by their name: in full when the reader is that party, else masked as every other
 * party reads it (domain/masking.ts).
 */
export const partyId = (c: CaseDetail, name: string) =>
  c.parties.find((p) => isNamed(p.name, name))!.personId;

/** Answers a seller's 询问笔录. */
export const answer = (who: Client, c: CaseDetail, name: string) =>
  who.put(`/cases/${c.caseId}/parties/${partyId(c, name)}/inquiry`, { answers: SELLER_ANSWERS });

export const handwriting = (seed = 1) => Buffer.from(png(40, 16, seed)).toString('base64');

/** Reads the caller's bundle and signs it. */
export async function sign(who: Client, caseId: string, seed = 1) {
  const b = await who.get<BundleResponse>(`/cases/${caseId}/bundle`);
  return who.post<SignatureRecord>(
    `/cases/${caseId}/signatures`,
    { handwriting: handwriting(seed), bundleDigest: b.bundleDigest },
    201,
  );
}
