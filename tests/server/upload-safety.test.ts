/**
 * Uploads are what they claim: each bad file below is built here from real bytes and sent as a
 * case material; each is refused with a stable code and a Chinese message, and nothing is stored
 * (no blob, no file row). A picture that passes is decoded and re-encoded, so what is stored
 * carries nothing the upload carried beside its pixels.
 */
import zlib from 'node:zlib';
import sharp from 'sharp';
import type { CaseDetail } from '../../mock-server/src/contract';
import { tinyJpeg } from './support/jpeg';
import { crc32, png } from './support/png';
import {
  blobCount,
  count,
  openSale,
  parties,
  startSigningHarness,
  storedBlob,
  type Client,
  type SigningHarness,
} from './support/signing';

let h: SigningHarness;
let buyer: Client;
let c: CaseDetail;
beforeAll(async () => {
  h = await startSigningHarness({ UPLOAD_MAX_PIXELS: '4000000' });
  buyer = (await parties(h)).buyer;
  c = await openSale(buyer, false);
});
afterAll(() => h.close());

const upload = (body: Uint8Array, type: string, material = 'filedContract') =>
  h.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${c.caseId}/materials/${material}/files`,
    headers: { authorization: `Bearer ${buyer.token}`, 'content-type': type },
    payload: Buffer.from(body),
  });

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** a PDF of the given objects (numbered from 1; object 1 is the catalog), with an xref table */
function pdfOf(objects: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}
const PAGES = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';

/** a flate stream object */
const flateStream = (dict: string, body: string) => {
  const data = zlib.deflateSync(Buffer.from(body, 'latin1'));
  return `<< ${dict} /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** a PNG whose header says width×height (RGBA) and whose IDAT inflates to `inflated` zero bytes */
function pngBomb(width: number, height: number, inflated: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(inflated), { level: 9 })),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const HTML = '<!DOCTYPE html><html><body><script>fetch("/api/v1/me")</script></body></html>';

const BAD: [string, Uint8Array, string, number, string, RegExp][] = [
  [
    'a PDF that runs JavaScript when opened',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
      PAGES,
      PAGE,
      '<< /S /JavaScript /JS (app.alert\\(1\\)) >>',
    ]),
    'application/pdf',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /脚本/,
  ],
  [
    'a PDF whose JavaScript hides in a compressed object stream under an escaped name',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>',
      PAGES,
      PAGE,
      flateStream('/Type /ObjStm /N 1 /First 4', '5 0 << /S /J#61vaScript /JS (x) >>'),
    ]),
    'application/pdf',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /脚本/,
  ],
  [
    'a PDF with a launch action',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
      PAGES,
      PAGE,
      '<< /S /Launch /Win << /F (cmd.exe) >> >>',
    ]),
    'application/pdf',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /启动外部程序/,
  ],
  [
    'a PDF carrying an embedded file',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >> >>',
      PAGES,
      PAGE,
      '<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>',
      flateStream('/Type /EmbeddedFile', 'MZ payload'),
    ]),
    'application/pdf',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /附件/,
  ],
  [
    'a PDF with a fillable form',
    pdfOf(['<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>', PAGES, PAGE]),
    'application/pdf',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /表单/,
  ],
  [
    'an HTML page wrapped as a PDF',
    latin1(`%PDF-1.4\n${HTML}\n%%EOF\n`),
    'application/pdf',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /网页代码/,
  ],
  [
    'a JPEG/HTML polyglot (the page in a comment segment)',
    tinyJpeg(3, HTML),
    'image/jpeg',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /网页代码/,
  ],
  [
    'a JPEG with a page after its end',
    new Uint8Array(Buffer.concat([Buffer.from(tinyJpeg(4)), Buffer.from(HTML, 'latin1')])),
    'image/jpeg',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /结束之后还附带了其他数据/,
  ],
  [
    'a PNG with data after IEND',
    new Uint8Array(
      Buffer.concat([Buffer.from(png(16, 16, 3)), Buffer.from('PK\x03\x04 hidden archive')]),
    ),
    'image/png',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /结束之后还附带了其他数据/,
  ],
  [
    'a PNG decompression bomb by its declared size (50 000 × 50 000)',
    pngBomb(50_000, 50_000, 16 * 1024 * 1024),
    'image/png',
    422,
    'UPLOAD_TOO_MANY_PIXELS',
    /图片尺寸过大/,
  ],
  [
    'a PNG decompression bomb by its actual size (100 × 100 inflating to 64 MB)',
    pngBomb(100, 100, 64 * 1024 * 1024),
    'image/png',
    422,
    'UPLOAD_CONTENT_REFUSED',
    /解压炸弹/,
  ],
];

describe('bad uploads are refused and nothing is stored', () => {
  it.each(BAD)('%s', async (_name, body, type, status, code, message) => {
    const blobs = await blobCount(h);
    const files = await count(h, 'case_files');
    const r = await upload(body, type);
    expect([r.statusCode, r.json().code]).toEqual([status, code]);
    expect(r.json().message).toMatch(message);
    expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect(await blobCount(h)).toBe(blobs);
    expect(await count(h, 'case_files')).toBe(files);
  });
});

describe('what passes is re-encoded', () => {
  it('a JPEG with an EXIF-free comment is stored without it, same size, decodable', async () => {
    const photo = tinyJpeg(7, 'camera note 相机备注');
    const r = await upload(photo, 'image/jpeg', 'existingCertificate');
    expect(r.statusCode).toBe(201);
    const stored = await storedBlob(h, r.json().sm3);
    expect(stored.includes(Buffer.from('camera note'))).toBe(false);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 8, 8]);
  });

  it('a clean PDF of pages is stored as it was sent', async () => {
    const doc = pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      PAGES,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      flateStream('', 'BT /F1 12 Tf 72 700 Td (contract) Tj ET'),
    ]);
    const r = await upload(doc, 'application/pdf');
    expect(r.statusCode).toBe(201);
    expect(Buffer.compare(await storedBlob(h, r.json().sm3), Buffer.from(doc))).toBe(0);
  });
});
