/**
 * Copies for the people involved: every document of an issued sale (the application form, each
 * party's 询问笔录, the contract, the notices and the certificate) downloads as a PDF for a party;
 * each file carries the registry's detached SM2 signature (verified with the published key only,
 * and failing on one changed byte), contains the document's readable Chinese text (extracted
 * through the embedded font's ToUnicode map by tests/server/support/pdf.ts and loaded by pdf-lib),
 * masks other people's names, and its QR checks the copy against what the registry holds. Others
 * get nothing.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { PDFDocument } from 'pdf-lib';
import type {
  CaseDetail,
  DetachedSignature,
  DocumentCheckResponse,
  DocumentCopiesResponse,
  RegistryPublicKeyResponse,
  VerifyFileResponse,
} from '../../mock-server/src/contract';
import { checkDetached } from '../../mock-server/src/domain/certificates';
import { bytesToHex, sm3 } from '../../mock-server/src/domain/crypto';
import { renderForPrint, renderingTexts } from '../../mock-server/src/domain/documents/printModel';
import { BUYER, issuedSale, SELLER_A, SELLER_B } from './support/archive-fixture';
import { isNamed, login } from './support/cases-client';
import { pdfText } from './support/pdf';
import { startHarness, type Harness } from './support/registry';

dayjs.extend(utc);

let h: Harness;
let c: CaseDetail;
let buyer: string;
let seller: string;

beforeAll(async () => {
  h = await startHarness();
  c = (await issuedSale(h)).c;
  buyer = await login(h, BUYER, false);
  seller = await login(h, SELLER_A, false);
});
afterAll(async () => {
  await h?.close();
});

const get = (url: string, token?: string) =>
  h.app.inject({
    method: 'GET',
    url: `/api/v1${url}`,
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });

const copiesOf = async (token: string) => {
  const r = await get(`/cases/${c.caseId}/copies`, token);
  expect(r.statusCode).toBe(200);
  return (r.json() as DocumentCopiesResponse).items;
};

const pdfUrl = (ref: string) => `/cases/${c.caseId}/copies/${encodeURIComponent(ref)}/document.pdf`;

async function download(token: string, ref: string, at?: string) {
  const r = await get(`${pdfUrl(ref)}${at ? `?at=${encodeURIComponent(at)}` : ''}`, token);
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('application/pdf');
  return { bytes: new Uint8Array(r.rawPayload), printedAt: String(r.headers['x-printed-at']) };
}

/**
 * What a copy shows: a bundle document as the party reads it on the signing screen (with who
 * signed when), or an issued document rendered for the viewer.
 */
async function renderingOf(
  token: string,
  ref: string,
  viewer: { personId: string; name: string },
): Promise<ReturnType<typeof renderForPrint>> {
  const bundle = (await get(`/cases/${c.caseId}/bundle`, token)).json() as {
    documents: { id: string; body: unknown; rendering: ReturnType<typeof renderForPrint> }[];
  };
  const inBundle = bundle.documents.find((d) => d.id === ref);
  if (inBundle) return inBundle.rendering;
  const r = await get(`/cases/${c.caseId}/documents/${ref}`, token);
  expect(r.statusCode).toBe(200);
  return renderForPrint((r.json() as { document: { body: unknown } }).document.body, viewer);
}

/** Text of the file, lines joined (wrapped strings become whole) and page numbers taken out. */
const flat = (bytes: Uint8Array) =>
  pdfText(bytes)
    .split(/[\n\f]/)
    .filter((l) => !/^第 \d+ 页 \/ 共 \d+ 页$/.test(l))
    .join('');

describe('document copies of an issued sale', () => {
  it('lists every document of the case for a party, the notices and the certificate included', async () => {
    const items = await copiesOf(buyer);
    const refs = items.map((i) => i.ref);
    expect(refs).toContain('applicationForm');
    expect(refs).toContain('contract');
    // her own 询问笔录 only: the sellers' are their statements (domain/signing/readers.ts)
    expect(refs.filter((r) => r.startsWith('inquiry:'))).toHaveLength(1);
    const titles = items.filter((i) => i.source === 'issued').map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['不动产登记受理凭证', '不动产权证书']));
  });

  it('gives each document as a PDF sealed by the registry, with its Chinese text', async () => {
    const key = (await get('/registry/public-key')).json() as RegistryPublicKeyResponse;
    const me = c.parties.find((p) => isNamed(p.name, BUYER.name))!;
    for (const item of await copiesOf(buyer)) {
      const { bytes, printedAt } = await download(buyer, item.ref);
      expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
      expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(0);

      // the registry's seal over the file: its detached signature, with the published key only
      const s = await get(`${pdfUrl(item.ref)}.sig?at=${encodeURIComponent(printedAt)}`, buyer);
      expect(s.statusCode).toBe(200);
      const sig = s.json() as DetachedSignature;
      expect(sig).toMatchObject({
        algorithm: 'SM2-with-SM3',
        publicKey: key.publicKey,
        digest: bytesToHex(sm3(bytes)),
        file: 'document.pdf',
      });
      expect(checkDetached(bytes, sig, key.publicKey)).toMatchObject({ valid: true });
      const changed = new Uint8Array(bytes);
      changed[changed.length >> 1] ^= 1;
      expect(checkDetached(changed, sig, key.publicKey)).toMatchObject({
        valid: false,
        reason: 'digestMismatch',
      });

      // the document's readable text, as the party reads it on screen
      const text = flat(bytes);
      const rendering = (await renderingOf(buyer, item.ref, {
        personId: me.personId,
        name: BUYER.name,
      }))!;
      expect(rendering.title).toMatch(/[\u4e00-\u9fff]/);
      for (const s of renderingTexts(rendering)) expect(text).toContain(s);
      expect(text).toContain('台州市自然资源和规划局不动产登记专用章'.slice(-8));
      expect(text).toMatch(/文书摘要（SM3）：[0-9a-f]{64}/);
      expect(text).not.toContain('\uFFFD');
      expect(text).not.toMatch(/documentType|priceFen|null|\d{4}-\d{2}-\d{2}T\d{2}:/);
    }
  });

  it('checks the file with POST /documents/verify-file, and one changed byte fails', async () => {
    const { bytes, printedAt } = await download(buyer, 'applicationForm');
    const sig = (
      await get(`${pdfUrl('applicationForm')}.sig?at=${encodeURIComponent(printedAt)}`, buyer)
    ).json();
    const check = (file: Uint8Array) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/documents/verify-file',
        payload: { file: Buffer.from(file).toString('base64'), signature: sig },
      });
    expect((await check(bytes)).json()).toMatchObject({ valid: true });
    const changed = new Uint8Array(bytes);
    changed[100] ^= 1;
    expect((await check(changed)).json() as VerifyFileResponse).toMatchObject({
      valid: false,
      reason: 'digestMismatch',
    });
  });

  it('gives the same bytes for the same document, viewer and minute', async () => {
    const a = await download(seller, 'applicationForm');
    const b = await download(seller, 'applicationForm', a.printedAt);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it("masks other people's names as on screen", async () => {
    const mine = flat((await download(buyer, 'applicationForm')).bytes);
    expect(mine).toContain(BUYER.name);
    expect(mine).not.toContain(SELLER_A.name);
    const theirs = flat((await download(seller, 'applicationForm')).bytes);
    expect(theirs).toContain(SELLER_A.name);
    expect(theirs).not.toContain(BUYER.name);
  });

  it('signature lines say who signed and when (Beijing), names masked for the viewer', async () => {
    const beijing = (iso: string) =>
      dayjs
        .utc(iso)
        .utcOffset(8 * 60)
        .format('YYYY年M月D日 HH:mm');
    const signed = c.parties.filter((p) => p.signedAt);
    expect(signed.length).toBeGreaterThan(1);
    for (const [token, me] of [
      [buyer, BUYER],
      [seller, SELLER_A],
    ] as const) {
      const text = flat((await download(token, 'applicationForm')).bytes);
      expect(text).not.toContain('以电子签名记录为准');
      for (const p of signed) expect(text).toContain(`已签署 ${beijing(p.signedAt!)}`);
      // the viewer's own name in full; the other signers' masked
      expect(text).toContain(me.name);
      for (const other of [BUYER, SELLER_A, SELLER_B].filter((x) => x.name !== me.name))
        expect(text).not.toContain(other.name);
    }
    const me = c.parties.find((p) => isNamed(p.name, BUYER.name))!;
    const mine = flat((await download(buyer, `inquiry:${me.personId}`)).bytes);
    expect(mine).toContain(`已签署 ${beijing(me.signedAt!)}`);
  });

  it('its QR checks the copy: title and number only; a wrong value is refused', async () => {
    const text = flat((await download(buyer, 'contract')).bytes);
    const m = /\/verify\?d=([^&]+)&check=([0-9a-f]{32})/.exec(text)!;
    expect(m).not.toBeNull();
    const ok = await get(`/document-checks?d=${m[1]}&check=${m[2]}`);
    expect(ok.statusCode).toBe(200);
    const body = ok.json() as DocumentCheckResponse;
    expect(body).toMatchObject({ outcome: 'valid' });
    expect(body.title).toMatch(/合同/);
    expect(JSON.stringify(body)).not.toMatch(new RegExp(`${BUYER.name}|${SELLER_A.name}`));
    const wrong = await get(`/document-checks?d=${m[1]}&check=${'0'.repeat(32)}`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toMatchObject({ code: 'PRINT_CHECK_INVALID' });
  });

  it('is refused to anyone not involved, without a session, and for a bad print time', async () => {
    const stranger = await login(h, { idNumber: '331081198903289936', name: '李伟' }, false);
    for (const url of [
      `/cases/${c.caseId}/copies`,
      pdfUrl('applicationForm'),
      `${pdfUrl('applicationForm')}.sig`,
    ]) {
      const r = await get(url, stranger);
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect((await get(url)).statusCode).toBe(401);
    }
    expect((await get(pdfUrl('no-such-document'), buyer)).statusCode).toBe(404);
    const bad = await get(`${pdfUrl('applicationForm')}?at=2020-01-01T00:00:00Z`, buyer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'PRINT_TIME_INVALID' });
  });
});
