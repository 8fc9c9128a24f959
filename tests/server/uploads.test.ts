/**
 * Uploads are checked by their bytes — magic number, byte limit, pixel limit, complete
 * body — and a refusal stores nothing (no blob, no row); the same bytes twice are stored once.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { CaseDetail, MaterialsResponse } from '../../mock-server/src/contract';
import { bytesToHex, sm3 } from '../../mock-server/src/domain/crypto';
import { bigJpeg, tinyJpeg } from './support/jpeg';
import { pdf, png, pngClaiming } from './support/png';
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
let seller: Client;
let stranger: Client;
let c: CaseDetail;
beforeAll(async () => {
  h = await startSigningHarness({
    UPLOAD_MAX_BYTES: String(64 * 1024),
    UPLOAD_MAX_PIXELS: '1000000',
  });
  const p = await parties(h);
  buyer = p.buyer;
  seller = p.sellerA;
  stranger = p.stranger;
  c = await openSale(buyer, false);
});
afterAll(() => h.close());

const upload = (
  who: Client,
  body: Uint8Array,
  type: string,
  material = 'existingCertificate',
  headers: Record<string, string> = {},
) =>
  h.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${c.caseId}/materials/${material}/files`,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': type, ...headers },
    payload: Buffer.from(body),
  });

/** a JPEG whose frame header says width×height */
function jpegClaiming(width: number, height: number): Uint8Array {
  const b = Buffer.from(tinyJpeg(5));
  const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
  b.writeUInt16BE(height, sof + 5);
  b.writeUInt16BE(width, sof + 7);
  return new Uint8Array(b);
}

describe('refused uploads store nothing', () => {
  const text = new Uint8Array(Buffer.from('GIF89a not really an image, just text'));
  const jpeg = tinyJpeg(3);
  const p = png(32, 32, 4);
  const d = pdf();
  it.each([
    [
      'text sent as image/jpeg (wrong magic number)',
      text,
      'image/jpeg',
      415,
      'UPLOAD_TYPE_UNSUPPORTED',
    ],
    ['a PNG sent as image/jpeg', p, 'image/jpeg', 415, 'UPLOAD_TYPE_UNSUPPORTED'],
    [
      'an executable renamed',
      new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
      'application/pdf',
      415,
      'UPLOAD_TYPE_UNSUPPORTED',
    ],
    ['too many bytes', bigJpeg(70 * 1024), 'image/jpeg', 413, 'UPLOAD_TOO_LARGE'],
    [
      'a JPEG of 2000×1000 pixels',
      jpegClaiming(2000, 1000),
      'image/jpeg',
      422,
      'UPLOAD_TOO_MANY_PIXELS',
    ],
    [
      'a PNG of 1001×1000 pixels',
      pngClaiming(1001, 1000),
      'image/png',
      422,
      'UPLOAD_TOO_MANY_PIXELS',
    ],
    [
      'a JPEG cut short (no FFD9)',
      jpeg.subarray(0, jpeg.length - 2),
      'image/jpeg',
      422,
      'UPLOAD_TRUNCATED',
    ],
    [
      'a PNG cut short (no IEND)',
      p.subarray(0, p.length - 12),
      'image/png',
      422,
      'UPLOAD_TRUNCATED',
    ],
    [
      'a PDF cut short (no %%EOF)',
      d.subarray(0, d.length - 7),
      'application/pdf',
      422,
      'UPLOAD_TRUNCATED',
    ],
  ] as const)('%s', async (_name, body, type, status, code) => {
    const blobs = await blobCount(h);
    const r = await upload(buyer, body, type);
    expect([r.statusCode, r.json().code]).toEqual([status, code]);
    expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await blobCount(h)).toBe(blobs);
    expect(await count(h, 'case_files')).toBe(0);
  });

  it('a digest that does not match the bytes, an unknown material, a shared-only item, a stranger', async () => {
    const blobs = await blobCount(h);
    const bad = await upload(buyer, tinyJpeg(8), 'image/jpeg', 'existingCertificate', {
      'x-content-sm3': '0'.repeat(64),
    });
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'UPLOAD_DIGEST_MISMATCH']);
    expect((await upload(buyer, tinyJpeg(8), 'image/jpeg', 'noSuchThing')).statusCode).toBe(404);
    const shared = await upload(buyer, tinyJpeg(8), 'image/jpeg', 'taxReceipt');
    expect([shared.statusCode, shared.json().code]).toEqual([422, 'MATERIAL_SOURCE_NOT_ALLOWED']);
    expect((await upload(stranger, tinyJpeg(8), 'image/jpeg')).statusCode).toBe(404);
    expect(await blobCount(h)).toBe(blobs);
    expect(await count(h, 'case_files')).toBe(0);
  });
});

describe('accepted uploads', () => {
  it('stores the re-encoded picture content-addressed by SM3, once; the same bytes again answer the same file', async () => {
    const blobs = await blobCount(h);
    const photo = png(64, 48, 11);
    const digest = bytesToHex(sm3(photo));
    const first = await upload(buyer, photo, 'image/png', 'existingCertificate', {
      'x-content-sm3': digest,
    });
    expect(first.statusCode).toBe(201);
    // the registry decodes and re-encodes the picture: what it stores is its own PNG, and it
    // tells the SM3 of the bytes as received so the app recognises its upload
    expect(first.json()).toMatchObject({
      receivedSm3: digest,
      width: 64,
      height: 48,
      duplicate: false,
    });
    const again = await upload(buyer, photo, 'image/png');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ fileId: first.json().fileId, duplicate: true });
    expect(await blobCount(h)).toBe(blobs + 1);
    expect(await count(h, 'case_files')).toBe(1);
    // the file is stored under its SM3 and holds exactly the re-encoded bytes (on disk next to
    // the SQLite file, or a row of the blobs table on PostgreSQL): a 64×48 PNG, same pixels
    const storedSm3 = first.json().sm3 as string;
    const stored = await storedBlob(h, storedSm3);
    expect(bytesToHex(sm3(new Uint8Array(stored)))).toBe(storedSm3);
    expect(stored.length).toBe(first.json().bytes);
    const [sent, kept] = await Promise.all(
      [photo, stored].map((b) => sharp(b).raw().toBuffer({ resolveWithObject: true })),
    );
    expect([kept.info.width, kept.info.height]).toEqual([64, 48]);
    expect(createHash('sha256').update(kept.data).digest('hex')).toBe(
      createHash('sha256').update(sent.data).digest('hex'),
    );
    // a PDF and a JPEG are accepted too
    expect(
      (await upload(buyer, pdf('contract'), 'application/pdf', 'filedContract')).statusCode,
    ).toBe(201);
    expect((await upload(buyer, tinyJpeg(9), 'image/jpeg', 'filedContract')).statusCode).toBe(201);

    const m = await buyer.get<MaterialsResponse>(`/cases/${c.caseId}/materials`);
    const cert = m.items.find((i) => i.code === 'existingCertificate')!;
    expect([cert.source, cert.status, cert.files.length]).toEqual(['upload', 'provided', 1]);
    const tax = m.items.find((i) => i.code === 'taxReceipt')!;
    expect([tax.source, tax.allowedSources]).toEqual(['shared', ['shared']]);
    expect(m.items.find((i) => i.code === 'filedContract')!.files).toHaveLength(2);
  });

  it('a commitment only where the catalogue allows it, and a marital one only by the holder', async () => {
    // the buyer cannot commit the sellers' marital status for them
    const notYours = await buyer.post<{ code: string; message: string }>(
      `/cases/${c.caseId}/materials/marriage/commitment`,
      { accepted: true },
      403,
    );
    expect(notYours.code).toBe('MARITAL_COMMITMENT_NOT_YOURS');
    expect(notYours.message).toMatch(/权利人本人承诺/);
    const before = await buyer.get<MaterialsResponse>(`/cases/${c.caseId}/materials`);
    expect(before.items.find((i) => i.code === 'marriage')!.source).not.toBe('commitment');
    const r = await seller.post<{ source: string; status: string }>(
      `/cases/${c.caseId}/materials/marriage/commitment`,
      { accepted: true },
    );
    expect([r.source, r.status]).toEqual(['commitment', 'provided']);
    const no = await buyer.post<{ code: string }>(
      `/cases/${c.caseId}/materials/identity/commitment`,
      { accepted: true },
      422,
    );
    expect(no.code).toBe('MATERIAL_SOURCE_NOT_ALLOWED');
  });
});
