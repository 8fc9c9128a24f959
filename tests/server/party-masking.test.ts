/**
 * What each party of one sale reads of the others, route by route (domain/masking.ts `maskFor`,
 * docs/registry-facts.md §8): 杨永明 sells his unit to 应敏; he is married, so his wife 徐彩云
 * consents (同意处分的配偶). Each is signed in on their own session. Every route that answers
 * with the case or its archive shows each of them the others' names masked (杨*明), no other
 * person's ID number and nobody else's marital status, and their own data in full. An uploaded
 * file of the archive (an ID card photo) goes only to the party who uploaded it. The signing
 * bundle gives each party the others' 询问笔录 as digests only, and the signature records name
 * the other signers masked, without their certificates.
 *
 * One registry and one sale for the file: the routes are read as the sale goes (create,
 * start-signing, submit and tax payment answer with the case too) and once it is archived.
 */
import type {
  ArchivePackageResponse,
  BundleResponse,
  CaseDetail,
  CaseListResponse,
  SignatureRecord,
  SigningStatusResponse,
} from '../../mock-server/src/contract';
import { maskIdNumber, maskName } from '../../mock-server/src/domain/masking';
import { bundleDigestOf, documentDigestOf } from '../../mock-server/src/domain/signing';
import { untilFiled } from './support/archive-fixture';
import { XU_CAIYUN, YANG, YANG_UNIT, YING } from './support/business-types';
import { client, eSign, login, payOwnTaxes } from './support/cases-client';
import { png } from './support/png';
import { startHarness, type Harness } from './support/registry';

type Who = { idNumber: string; name: string };
type Client = ReturnType<typeof client> & { token: string };

const SELLER = YANG;
const SPOUSE = XU_CAIYUN;
const BUYER = YING;
const EVERYONE: readonly Who[] = [SELLER, SPOUSE, BUYER];
const others = (me: Who) => EVERYONE.filter((x) => x !== me);

let h: Harness;
const as = new Map<Who, Client>();
/** the responses each party got along the way, by route */
const seen = new Map<string, Map<Who, unknown>>();
const keep = (route: string, who: Who, body: unknown) => {
  if (!seen.has(route)) seen.set(route, new Map());
  seen.get(route)!.set(who, body);
};
let caseId = '';
/** the upload each party made, as its SM3 */
const uploaded = new Map<Who, string>();

async function upload(who: Who, seed: number): Promise<void> {
  const r = await h.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/materials/identity/files`,
    headers: { authorization: `Bearer ${as.get(who)!.token}`, 'content-type': 'image/png' },
    payload: Buffer.from(png(24, 16, seed)),
  });
  expect(r.statusCode).toBe(201);
  uploaded.set(who, (r.json() as { sm3: string }).sm3);
}

beforeAll(async () => {
  h = await startHarness();
  for (const who of EVERYONE) {
    const token = await login(h, who);
    as.set(who, { ...client(h, token), token });
  }
  const seller = as.get(SELLER)!;
  const buyer = as.get(BUYER)!;
  // the seller opens the sale from his unit; 民政 answers he is married: his wife is added
  const created = await seller.post<CaseDetail>(
    '/cases',
    {
      businessTypeCode: 'transfer.secondHandSale',
      unitCode: YANG_UNIT,
      parties: [{ ...BUYER, role: 'rightHolder' }],
      newCoOwnership: 'sole',
      priceYuan: 1_000_000,
      answers: { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' },
    },
    201,
  );
  caseId = created.caseId;
  keep('POST /cases', SELLER, created);
  // the seller and the buyer each add a photo of their ID card
  await upload(SELLER, 3);
  await upload(BUYER, 4);
  keep(
    'POST /cases/:caseId/start-signing',
    SELLER,
    await seller.post<CaseDetail>(`/cases/${caseId}/start-signing`),
  );
  for (const who of EVERYONE) {
    const c = as.get(who)!;
    keep('GET /me/to-sign', who, await c.get('/me/to-sign'));
    await eSign(c, caseId);
  }
  for (const who of EVERYONE) {
    const c = as.get(who)!;
    keep('GET /cases/:caseId', who, await c.get(`/cases/${caseId}`));
    keep('GET /me/cases', who, await c.get<CaseListResponse>('/me/cases'));
    keep('GET /cases/:caseId/signing-status', who, await c.get(`/cases/${caseId}/signing-status`));
    keep('GET /cases/:caseId/bundle', who, await c.get(`/cases/${caseId}/bundle`));
    keep('GET /cases/:caseId/signatures', who, await c.get(`/cases/${caseId}/signatures`));
  }
  keep(
    'POST /cases/:caseId/submit',
    BUYER,
    await buyer.post<CaseDetail>(`/cases/${caseId}/submit`),
  );
  // each taxpayer pays on their own session: the answer is the case as the payer reads it
  for (const who of [BUYER, SELLER]) {
    const c = as.get(who)!;
    const tax = await c.get<{ canPay: boolean }>(`/cases/${caseId}/tax`);
    if (!tax.canPay) continue;
    await c.stepUp();
    keep(
      'POST /cases/:caseId/tax-payment',
      who,
      await c.post<CaseDetail>(`/cases/${caseId}/tax-payment`, {}),
    );
  }
  const done = await payOwnTaxes([buyer], caseId);
  expect(done.status).toBe('issued');
  await untilFiled(h, caseId);
  for (const who of EVERYONE) {
    const c = as.get(who)!;
    await c.stepUp();
    const pkg = await c.get<ArchivePackageResponse>(`/cases/${caseId}/archive`);
    keep('GET /cases/:caseId/archive', who, pkg);
    keep(
      'GET /archive/packages/:packageId',
      who,
      await c.get<ArchivePackageResponse>(`/archive/packages/${pkg.packageId}`),
    );
  }
});
afterAll(() => h.close());

/** the case in a response of any of the case routes */
const caseIn = (route: string, body: unknown): CaseDetail => {
  if (route === 'GET /me/cases' || route === 'GET /me/to-sign') {
    const c = (body as CaseListResponse).items.find((x) => x.caseId === caseId);
    expect(c).toBeDefined();
    return c!;
  }
  return body as CaseDetail;
};

/** nothing of another person in full: neither their name nor their ID number */
function expectOthersMasked(viewer: Who, body: unknown): void {
  const text = JSON.stringify(body);
  for (const o of others(viewer)) {
    expect(text).not.toContain(o.name);
    expect(text).not.toContain(o.idNumber);
    expect(text).not.toContain(o.idNumber.slice(6, 14));
  }
}

const CASE_ROUTES = [
  'POST /cases',
  'POST /cases/:caseId/start-signing',
  'GET /me/to-sign',
  'GET /cases/:caseId',
  'GET /me/cases',
  'POST /cases/:caseId/submit',
  'POST /cases/:caseId/tax-payment',
];

describe.each(CASE_ROUTES)('%s', (route) => {
  it('shows each party the others masked, without their marital status, and themselves in full', () => {
    const answers = seen.get(route);
    expect(answers?.size).toBeGreaterThan(0);
    for (const [viewer, body] of answers!) {
      const c = caseIn(route, body);
      expectOthersMasked(viewer, c);
      // the parties: the viewer by full name, the others as 杨*明
      const names = c.parties.map((p) => p.name);
      expect(names).toContain(viewer.name);
      for (const o of others(viewer)) expect(names).toContain(maskName(o.name));
      // the timeline names the others' steps masked too
      for (const t of c.timeline.filter((x) => x.actor.kind === 'party'))
        expect(EVERYONE.filter((o) => o !== viewer).map((o) => o.name)).not.toContain(
          t.actor.displayName,
        );
      // 民政's answer about the seller: his to read, nobody else's
      const holders = c.marriageCheck?.holders ?? [];
      if (viewer === SELLER) {
        expect(holders).toEqual([expect.objectContaining({ status: 'married' })]);
      } else {
        expect(holders).toEqual([]);
        expect(JSON.stringify(c)).not.toMatch(/married|已婚|maritalStatus/);
      }
    }
  });
});

describe('GET /cases/:caseId/signing-status', () => {
  it('names the others masked and the viewer in full', () => {
    for (const [viewer, body] of seen.get('GET /cases/:caseId/signing-status')!) {
      const st = body as SigningStatusResponse;
      expectOthersMasked(viewer, st);
      expect(st.parties.map((p) => p.name).sort()).toEqual(
        [viewer.name, ...others(viewer).map((o) => maskName(o.name))].sort(),
      );
    }
  });
});

describe('GET /cases/:caseId/bundle', () => {
  /** the documents every party of the case reads in full: they apply together (条例 §14) */
  const EVERY_PARTYS = ['applicationForm', 'contract'];

  it('gives each party the others’ 询问笔录 as digests only, and the digest they sign from what they receive', () => {
    for (const [viewer, body] of seen.get('GET /cases/:caseId/bundle')!) {
      const b = body as BundleResponse;
      const me = (seen.get('GET /cases/:caseId')!.get(viewer) as CaseDetail).parties.find(
        (p) => p.name === viewer.name,
      )!;
      for (const d of b.documents) {
        const own = d.kind === 'inquiry' ? d.partyId === me.personId : true;
        if (own) {
          expect(d.withheld).toBeUndefined();
          expect(d.digest).toBe(documentDigestOf(d.body, d.renderer));
        } else {
          expect(d).not.toHaveProperty('body');
          expect(d).not.toHaveProperty('rendering');
          expect(d.withheld).toBe('该文件仅对其当事人可见，您可核对其摘要');
        }
      }
      expect(b.documents.filter((d) => d.withheld)).toHaveLength(others(viewer).length);
      const covered = b.documents.filter((d) => b.coveredDocumentIds.includes(d.id));
      expect(bundleDigestOf(covered)).toBe(b.bundleDigest);
      // nobody's ID number and nobody else's marital status anywhere
      const text = JSON.stringify(b);
      for (const o of others(viewer)) expect(text).not.toContain(o.idNumber);
      expect(text).not.toMatch(/married|已婚|maritalStatus/);
      // outside the data of the documents every party signs as theirs, the others masked
      expectOthersMasked(viewer, {
        ...b,
        documents: b.documents.map((d) =>
          EVERY_PARTYS.includes(d.id) ? { ...d, body: undefined } : d,
        ),
      });
    }
  });
});

describe('GET /cases/:caseId/signatures', () => {
  it('names the other signers masked, without their certificates; the viewer’s own in full', () => {
    for (const [viewer, body] of seen.get('GET /cases/:caseId/signatures')!) {
      const items = (body as { items: SignatureRecord[] }).items.filter((x) => x.current);
      expect(items).toHaveLength(EVERYONE.length);
      expectOthersMasked(viewer, items);
      for (const s of items) {
        if (s.signerName === viewer.name) {
          expect(s.certificate?.body.subject.name).toBe(viewer.name);
          expect(s.withheld).toBeUndefined();
        } else {
          expect(others(viewer).map((o) => maskName(o.name))).toContain(s.signerName);
          expect(s.certificate).toBeUndefined();
          expect(s.faceCheck).toBeUndefined();
          expect(s.withheld).toMatch(/仅签署人本人可查看/);
        }
      }
    }
  });
});

describe.each(['GET /cases/:caseId/archive', 'GET /archive/packages/:packageId'])('%s', (route) => {
  const read = (viewer: Who) => seen.get(route)!.get(viewer) as ArchivePackageResponse;
  const kinds = (pkg: ArchivePackageResponse) =>
    (pkg.manifest.body as { items: { no: number; kind: string; digest: string }[] }).items;

  it('masks the others in every JSON item and withholds their 民政 records', () => {
    for (const viewer of EVERYONE) {
      const pkg = read(viewer);
      // a record about the viewer is theirs in full (the seller's own 民政 record names his
      // wife); everything else names the others masked
      const own = (it: ArchivePackageResponse['items'][number]) =>
        (it.json as { body?: { record?: { query?: { idNumber?: string } } } } | undefined)?.body
          ?.record?.query?.idNumber === viewer.idNumber;
      const rest = pkg.items.filter((it) => !own(it));
      expectOthersMasked(viewer, rest);
      // nobody else's marital status, in a record or a pledge
      expect(JSON.stringify(rest)).not.toMatch(/已婚|maritalStatus|"married"/);
      const application = pkg.items.find((x) => kinds(pkg)[x.no - 1].kind === 'application')!
        .json as { parties: { name: string }[] };
      expect(application.parties.map((p) => p.name)).toContain(viewer.name);
      for (const o of others(viewer))
        expect(application.parties.map((p) => p.name)).toContain(maskName(o.name));
      // shared records about another person (民政 marriage among them) carry no data
      for (const it of pkg.items.filter((x) => kinds(pkg)[x.no - 1].kind === 'sharedData')) {
        const record = (
          it.json as {
            body?: { record?: { query?: { kind?: string; idNumber?: string }; data?: unknown } };
          }
        ).body?.record;
        if (record?.query?.kind !== 'marriage') continue;
        if (record.query.idNumber === viewer.idNumber) expect(record.data).not.toBeNull();
        else {
          expect(record.data).toBeNull();
          expect(record.query.idNumber).toBe(maskIdNumber(record.query.idNumber!));
        }
      }
    }
  });

  it("gives each uploaded file's bytes to its uploader only, and says why to the others", () => {
    for (const viewer of EVERYONE) {
      const pkg = read(viewer);
      const files = kinds(pkg).filter((x) => x.kind === 'uploadedFile');
      // both ID card photos are filed with the case, whoever reads it
      expect(files.map((f) => f.digest).sort()).toEqual([...uploaded.values()].sort());
      for (const f of files) {
        const item = pkg.items.find((x) => x.no === f.no)!;
        const mine = uploaded.get(viewer) === f.digest;
        if (mine) {
          // the owner reads their own file exactly as filed
          expect(item.base64).toBeDefined();
          expect(item.masked).toBeUndefined();
          expect(Buffer.from(item.base64!, 'base64').length).toBe(
            (pkg.manifest.body as { items: { no: number; size: number }[] }).items[f.no - 1].size,
          );
        } else {
          expect(item.base64).toBeUndefined();
          expect(item).toMatchObject({ masked: true, withheld: expect.stringContaining('上传') });
        }
      }
    }
  });
});
