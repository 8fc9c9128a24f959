/**
 * Every address printed inside a sealed body answers. A complete sale, a mortgage and the
 * cancellation of a (paper) mortgage proof are driven through the API; then every sealed body
 * the registry holds — certificates and registration proofs, notices and 受理凭证, electronic
 * twins, holdings proofs, the sources' sealed records — is scanned for URLs and paths, and each
 * is requested: none answers 404. A QR address of the public verify page is also followed the
 * way the page follows it (its status check), and must verify.
 */
import type {
  CaseDetail,
  PrintCheckResponse,
  WalletItem,
  WalletResponse,
} from '../../mock-server/src/contract';
import { issuedSale } from './support/archive-fixture';
import { BANK, mortgageTerms, PAN, PAN_CERT } from './support/business-types';
import { client, eSign, login } from './support/cases-client';
import { startSigningHarness, type SigningHarness } from './support/signing';

/** 颜国平's home, mortgaged before the reform: its 不动产登记证明 is paper */
const YAN = { idNumber: '331024196402052432', name: '颜国平' };
const YAN_PROOF = '浙(2018)台州市不动产证明第0028855号';

let h: SigningHarness;
beforeAll(async () => {
  h = await startSigningHarness();
});
afterAll(() => h.close());

type Who = { idNumber: string; name: string };
const as = async (who: Who) => client(h, await login(h, who));

async function mortgageCase(): Promise<CaseDetail> {
  const pan = await as(PAN);
  let c = await pan.post<CaseDetail>(
    '/cases',
    {
      businessTypeCode: 'mortgage.first',
      certificateNumber: PAN_CERT,
      parties: [{ ...BANK, role: 'mortgagee' }],
      mortgage: mortgageTerms(600_000),
    },
    201,
  );
  await pan.put(`/cases/${c.caseId}/parties/${c.parties[1].personId}/inquiry`, {
    answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' },
  });
  c = await pan.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  await eSign(pan, c.caseId);
  return pan.post<CaseDetail>(`/cases/${c.caseId}/submit`);
}

async function cancellationCase(): Promise<CaseDetail> {
  const yan = await as(YAN);
  let c = await yan.post<CaseDetail>(
    '/cases',
    { businessTypeCode: 'mortgage.cancellation', certificateNumber: YAN_PROOF },
    201,
  );
  c = await yan.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  await eSign(yan, c.caseId);
  return yan.post<CaseDetail>(`/cases/${c.caseId}/submit`);
}

/** URLs and absolute paths anywhere in a JSON value (whole strings and inside text). */
export function addressesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/https?:\/\/[^\s"'<>，。；）)]+/g)) found.add(m[0]);
    for (const m of value.matchAll(/(?:^|[\s：:（(“"])(\/[A-Za-z][^\s"'<>，。；）)”]*)/g))
      found.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) addressesIn(v, found);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) addressesIn(v, found);
  }
  return found;
}

/** every sealed body the registry holds, with where it came from */
async function sealedBodies(): Promise<{ from: string; body: unknown }[]> {
  const rows: { from: string; body: unknown }[] = [];
  for (const r of await h.registry.sql.all<{ kind: string; number: string; body_json: string }>(
    'SELECT kind, number, body_json FROM documents',
  ))
    rows.push({ from: `${r.kind} ${r.number}`, body: JSON.parse(r.body_json) });
  for (const r of await h.registry.sql.all<{ number: string; body_json: string }>(
    'SELECT number, body_json FROM holdings_proofs',
  ))
    rows.push({ from: `holdingsProof ${r.number}`, body: JSON.parse(r.body_json) });
  return rows;
}

it('every URL or path inside a sealed body of a sale, a mortgage and a cancellation answers, and a certificate QR verifies', async () => {
  const sale = await issuedSale(h);
  expect(sale.c.status).toBe('issued');
  const mortgage = await mortgageCase();
  expect(mortgage.status).toBe('issued');
  const cancellation = await cancellationCase();
  expect(cancellation.status).toBe('issued');
  // the holders open their wallets (electronic twins are made) and ask for a holdings proof
  for (const who of [PAN, YAN]) {
    const w = await as(who);
    const wallet = await w.get<WalletResponse>('/me/wallet');
    for (const item of wallet.items) await w.get<{ item: WalletItem }>(`/me/wallet/${item.id}`);
    await w.post<WalletItem>('/me/holdings-proofs', {}, 201);
  }

  const bodies = await sealedBodies();
  const kinds = new Set(bodies.map((b) => b.from.split(' ')[0]));
  for (const k of ['titleCertificate', 'registrationProof', 'acceptanceReceipt', 'holdingsProof'])
    expect(kinds).toContain(k);

  const answers: string[] = [];
  let qrChecked = 0;
  for (const { from, body } of bodies) {
    for (const address of addressesIn(body)) {
      const url = address.replace(/^https?:\/\/[^/]+/, '') || '/';
      const r = await h.app.inject({ method: 'GET', url });
      answers.push(`${r.statusCode} ${url} (${from})`);
      // the verify page's QR form: the page asks the registry for the status now
      const qr = /^\/verify\?c=([^&]+)&check=([0-9a-f]+)$/.exec(url);
      if (qr) {
        const check = await h.app.inject({
          method: 'GET',
          url: `/api/v1/print-checks?c=${qr[1]}&check=${qr[2]}`,
        });
        expect([from, check.statusCode]).toEqual([from, 200]);
        expect((check.json() as PrintCheckResponse).outcome).toBe('valid');
        qrChecked += 1;
      }
    }
  }
  expect(answers.filter((a) => a.startsWith('404 '))).toEqual([]);
  // every certificate and proof a case issued carries a QR that verifies
  const issued = bodies.filter(
    (b) =>
      /^(titleCertificate|registrationProof) /.test(b.from) &&
      (b.body as { caseNumber?: string }).caseNumber,
  );
  expect(issued.length).toBeGreaterThanOrEqual(2);
  expect(qrChecked).toBeGreaterThanOrEqual(issued.length);
});

it('the QR field of a certificate sealed before it named /verify leads to the verify page', async () => {
  const r = await h.app.inject({
    method: 'GET',
    url: '/api/v1/certificates/verify?licenceId=1.2.156.3005.2.11100000MB03271699001.331000.20260018257.001.M',
  });
  expect(r.statusCode).toBe(301);
  expect(r.headers.location).toBe('/verify');
});
