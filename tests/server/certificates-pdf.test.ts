/**
 * The printable PDF of a certificate through the API over a real SQLite file:
 * a valid one-page PDF (read back by our own reader and by pdf-lib) with the fonts embedded and
 * the certificate's text extractable; the registry's detached SM2 signature verifies with the
 * published key and fails on one changed byte and with another key; same certificate and time,
 * same bytes; only holders (co-owners included) get it; the QR's verify URL shows the status now
 * and nothing personal; a certificate no longer current carries a watermark.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type {
  DetachedSignature,
  PrintCheckResponse,
  RegistryPublicKeyResponse,
  VerifyFileResponse,
  WalletItem,
  WalletResponse,
} from '../../mock-server/src/contract';
import { NotoSansSc } from '../../mock-server/src/adapters/pdf/cjkFont';
import { renderCertificatePdf } from '../../mock-server/src/adapters/pdf/certificatePdf';
import {
  certificatePrint,
  checkDetached,
  signDetached,
  type DetachedSignature as DomainSignature,
} from '../../mock-server/src/domain/certificates';
import {
  bytesToHex,
  keyPairFromPrivateKey,
  kSourceFromRandomBytes,
  sm3,
} from '../../mock-server/src/domain/crypto';
import type { TitleCertificateBody } from '../../mock-server/src/domain/documents';
import { startAuthHarness, type AuthHarness } from './support/auth';
import { pageFonts, pagePdfText, parsePdf, pdfPages } from './support/pdf';

let h: AuthHarness;
beforeEach(async () => {
  h = await startAuthHarness();
});
afterEach(async () => {
  await h.close();
});

/** docs/personas.md: P013 杨永明 holds 九龙府8幢3单元202室 jointly with P014 徐彩云. */
const JOINT_UNIT = '331002005008GB07196F00080001';

async function login(id: string) {
  return h.faceLogin(h.person(id));
}

async function jointItem(token: string): Promise<WalletItem> {
  const r = await h.get('/me/wallet', token);
  expect(r.statusCode).toBe(200);
  return (r.json() as WalletResponse).items.find(
    (i) => i.unitCode === JOINT_UNIT && i.status.certificate === 'current',
  )!;
}

async function pdfOf(token: string, id: string, at?: string) {
  const r = await h.get(
    `/certificates/${id}/certificate.pdf${at ? `?at=${encodeURIComponent(at)}` : ''}`,
    token,
  );
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('application/pdf');
  return { bytes: new Uint8Array(r.rawPayload), printedAt: String(r.headers['x-printed-at']) };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('GET /certificates/:id/certificate.pdf', () => {
  it('is a valid one-page PDF with embedded fonts and the certificate text', async () => {
    const token = await login('P013');
    const item = await jointItem(token);
    const { bytes } = await pdfOf(token, item.id);

    const pdf = parsePdf(bytes);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);

    const fonts = pageFonts(pdf, pages[0]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      // a CID-keyed subset of Noto Sans SC, its CFF program embedded (ADR 0006)
      expect(f.subtype).toBe('Type0');
      expect(f.descendant?.subtype).toBe('CIDFontType0');
      expect(f.descendant?.fontFile?.dict).toMatch(/\/Subtype \/CIDFontType0C/);
      expect(f.descendant?.fontFile?.stream?.length).toBeGreaterThan(1000);
      // a subset: far fewer glyphs than the font's 30,888, each code mapped back to Unicode
      expect(f.toUnicode.size).toBeGreaterThan(50);
      expect(f.toUnicode.size).toBeLessThan(1000);
    }

    const text = pagePdfText(pdf, pages[0]);
    const body = item.document!.body as unknown as TitleCertificateBody;
    for (const s of [
      '不 动 产 权 证 书'.replace(/ /g, '  '),
      body.number,
      '杨永明、徐彩云',
      '共同共有',
      body.location,
      body.unitCode,
      body.rightType,
      body.area,
      body.licenceId,
      item.document!.seal.digest,
      '以在线核验结果为准',
      '台州市自然资源和规划局',
      '打印时登记状态：现势',
    ]) {
      expect(text.replace(/\n/g, '')).toContain(s);
    }
    expect(text).not.toContain('已注销');
    expect(text).not.toContain('\uFFFD');
    // the QR points at the public verify page with the certificate id and a check value only
    expect(text.replace(/\n/g, '')).toMatch(
      new RegExp(`/verify\\?c=${item.id}&check=[0-9a-f]{32}`),
    );
    expect(bytes.length).toBeLessThan(400 * 1024);
  });

  it('gives the same bytes for the same certificate and print time, to every co-owner', async () => {
    const yang = await login('P013');
    const xu = await login('P014');
    const item = await jointItem(yang);
    expect((await jointItem(xu)).id).toBe(item.id);
    const a = await pdfOf(yang, item.id);
    h.clock.advance(20_000);
    const b = await pdfOf(xu, item.id, a.printedAt);
    expect(b.printedAt).toBe(a.printedAt);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
  });

  it('is refused to a non-holder, without a session, for an unknown id and a bad print time', async () => {
    const yang = await login('P013');
    const item = await jointItem(yang);
    const stranger = await login('P001');
    for (const path of ['certificate.pdf', 'certificate.pdf.sig']) {
      const r = await h.get(`/certificates/${item.id}/${path}`, stranger);
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
      const anon = await h.get(`/certificates/${item.id}/${path}`);
      expect(anon.statusCode).toBe(401);
    }
    const unknown = await h.get('/certificates/CERT-nope/certificate.pdf', yang);
    expect(unknown.statusCode).toBe(404);
    for (const at of [
      'not-a-date-at-all',
      new Date(h.clock.ms + 60_000).toISOString(),
      '2020-01-01T00:00:00Z',
    ]) {
      const r = await h.get(
        `/certificates/${item.id}/certificate.pdf?at=${encodeURIComponent(at)}`,
        yang,
      );
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'PRINT_TIME_INVALID' });
      expect((r.json() as { message: string }).message).toMatch(/打印时间/);
    }
  });
});

describe('certificate.pdf.sig', () => {
  it('verifies with the published key and fails on one changed byte and with another key', async () => {
    const token = await login('P013');
    const item = await jointItem(token);
    const { bytes, printedAt } = await pdfOf(token, item.id);
    const s = await h.get(
      `/certificates/${item.id}/certificate.pdf.sig?at=${encodeURIComponent(printedAt)}`,
      token,
    );
    expect(s.statusCode).toBe(200);
    const sig = s.json() as DetachedSignature;
    const key = (await h.get('/registry/public-key')).json() as RegistryPublicKeyResponse;
    expect(sig).toMatchObject({
      algorithm: 'SM2-with-SM3',
      publicKey: key.publicKey,
      digest: bytesToHex(sm3(bytes)),
      size: bytes.length,
      printedAt,
    });
    // offline, with the public key only
    expect(checkDetached(bytes, sig, key.publicKey)).toMatchObject({ valid: true });

    const check = (file: Uint8Array, signature: unknown) =>
      h.post('/documents/verify-file', { file: b64(file), signature });
    const ok = await check(bytes, sig);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ valid: true });
    expect((ok.json() as VerifyFileResponse).message).toMatch(/以在线核验结果为准/);

    const changed = new Uint8Array(bytes);
    changed[Math.floor(changed.length / 2)] ^= 0x01;
    const bad = (await check(changed, sig)).json() as VerifyFileResponse;
    expect(bad).toMatchObject({ valid: false, reason: 'digestMismatch' });
    expect(bad.message).toMatch(/改动/);
    // a forger who also recomputes the digest still cannot make the signature fit
    const forgedDigest = { ...sig, digest: bytesToHex(sm3(changed)) };
    expect((await check(changed, forgedDigest)).json()).toMatchObject({
      valid: false,
      reason: 'badSignature',
    });

    // signed with another key: refused whether it names its own key or the registry's
    const other = keyPairFromPrivateKey(0x1234567890abcdefn);
    const otherSig: DomainSignature = signDetached(
      bytes,
      'certificate.pdf',
      { keyId: 'other', privateKey: other.privateKey },
      kSourceFromRandomBytes((n) => new Uint8Array(n).map((_, i) => i + 7)),
    );
    expect((await check(bytes, otherSig)).json()).toMatchObject({
      valid: false,
      reason: 'untrustedKey',
    });
    expect((await check(bytes, { ...otherSig, publicKey: key.publicKey })).json()).toMatchObject({
      valid: false,
      reason: 'badSignature',
    });

    const malformed = await check(bytes, { nothing: true });
    expect(malformed.json()).toMatchObject({ valid: false, reason: 'malformed' });
    const notBase64 = await h.post('/documents/verify-file', { file: '%%%', signature: sig });
    expect(notBase64.statusCode).toBe(400);
  });
});

describe('the QR of the printed certificate', () => {
  it('prints the configured public origin, whatever Host the request names', async () => {
    await h.close();
    h = await startAuthHarness({ env: { PUBLIC_BASE_URL: 'https://bdc.example.gov.cn' } });
    const token = await login('P013');
    const item = await jointItem(token);
    const r = await h.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${item.id}/certificate.pdf`,
      headers: { authorization: `Bearer ${token}`, host: 'phish.example.com' },
    });
    expect(r.statusCode).toBe(200);
    const pdf = parsePdf(new Uint8Array(r.rawPayload));
    const text = pagePdfText(pdf, pdfPages(pdf)[0]).replace(/\n/g, '');
    expect(text).toContain(`https://bdc.example.gov.cn/verify?c=${item.id}&check=`);
    expect(text).not.toContain('phish');
  });

  it('shows the number and the status now, nothing personal; a wrong check value is refused', async () => {
    const token = await login('P013');
    const item = await jointItem(token);
    const text = pagePdfText(
      parsePdf((await pdfOf(token, item.id)).bytes),
      pdfPages(parsePdf((await pdfOf(token, item.id)).bytes))[0],
    );
    const url = /\/verify\?c=([^&]+)&check=([0-9a-f]{32})/.exec(text.replace(/\n/g, ''))!;
    const r = await h.get(`/print-checks?c=${url[1]}&check=${url[2]}`);
    expect(r.statusCode).toBe(200);
    const res = r.json() as PrintCheckResponse;
    expect(res).toMatchObject({ outcome: 'valid', number: item.number });
    expect(res.status.certificate).toBe('current');
    expect(JSON.stringify(res)).not.toMatch(/杨永明|徐彩云|九龙府/);

    const wrong = await h.get(`/print-checks?c=${url[1]}&check=${'0'.repeat(32)}`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toMatchObject({ code: 'PRINT_CHECK_INVALID' });
  });
});

describe('rendering', () => {
  it('reads sane outlines for ASCII, punctuation and every character of the seeded register', () => {
    const font = new NotoSansSc();
    const personas = fs.readFileSync(path.join(__dirname, '../../docs/personas.md'), 'utf8');
    const chars = new Set<string>();
    for (let c = 0x21; c < 0x7f; c++) chars.add(String.fromCharCode(c));
    for (const ch of '，。：；（）、㎡—《》“”') chars.add(ch);
    for (const ch of personas) if (/[\u4e00-\u9fff]/.test(ch)) chars.add(ch);
    expect(chars.size).toBeGreaterThan(400);
    const bad: string[] = [];
    for (const ch of chars) {
      const g = font.glyph(ch);
      const [x0, y0, x1, y1] = g.bbox;
      const sane =
        g.covered &&
        g.ops.length > 0 &&
        x0 >= -150 &&
        x1 <= g.advance + 150 &&
        y0 >= -300 &&
        y1 <= 1000 &&
        x1 > x0 &&
        y1 > y0;
      if (!sane) bad.push(`${ch} ${JSON.stringify(g.bbox)} ${g.advance}`);
    }
    expect(bad).toEqual([]);
  });

  it('marks a certificate no longer current with a watermark', async () => {
    const body = {
      documentType: 'titleCertificate',
      title: '不动产权证书',
      issuer: '台州市自然资源和规划局',
      issuedAt: '2025-01-02T03:04:05Z',
      registeredOn: '2025-01-02',
      number: '浙(2025)台州市不动产权第0000001号',
      licenceId: '11100000MB0000000X3310022025000000100001',
      rightHolders: ['王某'],
      coOwnership: '单独所有',
      location: '台州市椒江区某街道某小区1幢101室',
      unitCode: '331002 005008 GB07196 F00080001',
      rightType: '国有建设用地使用权/房屋所有权',
      rightNature: '出让/商品房',
      use: '城镇住宅用地/住宅',
      area: '共用宗地面积10.00㎡/房屋建筑面积90.00㎡',
      term: '国有建设用地使用权至2080-01-01止',
      otherState: '房屋结构：钢混',
      remarks: '业务号：X',
      qrCode: '',
      caseNumber: 'X',
    } as TitleCertificateBody;
    const render = async (certificate: string, summary: string) => {
      const bytes = await renderCertificatePdf(
        certificatePrint({
          body,
          sealDigest: 'ab'.repeat(32),
          status: { certificate, summary },
          verifyUrl: 'http://x/verify?c=C&check=00',
          printedAt: '2026-03-05T06:07:00.000Z',
        }),
      );
      const pdf = parsePdf(bytes);
      return pagePdfText(pdf, pdfPages(pdf)[0]);
    };
    expect(await render('cancelled', '已注销')).toMatch(/^已注销$/m);
    expect(await render('void', '已作废')).toMatch(/^已作废$/m);
    expect(await render('current', '现势')).not.toMatch(/^已(注销|作废)$/m);
  });
});
