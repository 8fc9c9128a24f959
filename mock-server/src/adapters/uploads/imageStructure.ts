/**
 * Reads the structure of a JPEG or PNG before any pixel is decoded: the declared size (so the
 * pixel limit holds before decoding), the exact end of the image (so data after it — a second
 * file, an HTML page — is refused), and for PNG the real inflated size of the compressed chunks
 * against the size the header declares (a decompression bomb is refused by what it inflates to,
 * without inflating more than the declared image).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from '../../domain/errors';

export interface ImageStructure {
  type: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

export const truncated = () =>
  new AppError('UPLOAD_TRUNCATED', '文件不完整或无法读取（上传可能中断），请重新上传');
export const refused = (why: string) =>
  new AppError('UPLOAD_CONTENT_REFUSED', `${why}，不能上传；请重新拍照或导出为普通图片/PDF 后上传`);
export const tooManyPixels = (width: number, height: number, maxPixels: number) =>
  new AppError(
    'UPLOAD_TOO_MANY_PIXELS',
    `图片尺寸过大（${width}×${height}），不能超过 ${Math.round(maxPixels / 1e6)} 百万像素，请缩小后上传`,
  );

const u16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32 = (b: Uint8Array, i: number) =>
  ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function checkDeclared(width: number, height: number, maxPixels: number): void {
  if (!width || !height) throw truncated();
  if (width * height > maxPixels) throw tooManyPixels(width, height, maxPixels);
}

/** Walks a JPEG marker by marker through its scans to its first EOI. */
export function jpegStructure(b: Uint8Array, maxPixels: number): ImageStructure {
  let i = 2;
  let size: { width: number; height: number } | undefined;
  for (;;) {
    if (i + 2 > b.length) throw truncated();
    if (b[i] !== 0xff) throw truncated();
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      i += 2;
      break;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (i + 4 > b.length) throw truncated();
    const len = u16(b, i + 2);
    if (len < 2 || i + 2 + len > b.length) throw truncated();
    if (isSof(marker)) {
      if (len < 7) throw truncated();
      size = { height: u16(b, i + 5), width: u16(b, i + 7) };
      // the pixel limit holds on the declared size, before any decoding
      checkDeclared(size.width, size.height, maxPixels);
    }
    i += 2 + len;
    if (marker === 0xda) {
      // entropy-coded data up to the next marker (FF00 is a stuffed byte, FFD0–D7 restarts)
      while (i + 1 < b.length) {
        if (b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7)) break;
        i += 1;
      }
      if (i + 1 >= b.length) throw truncated();
    }
  }
  if (!size) throw truncated();
  if (i !== b.length) throw refused('图片结束之后还附带了其他数据');
  return { type: 'image/jpeg', ...size };
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: x0, y0, dx, dy */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** Bytes of the filtered scanlines an image of this header inflates to, exactly. */
function pngRawSize(w: number, h: number, bitDepth: number, colorType: number, interlace: number) {
  const bitsPerPixel = (CHANNELS[colorType] ?? 0) * bitDepth;
  if (!bitsPerPixel) throw truncated();
  const rows = (pw: number, ph: number) =>
    pw === 0 || ph === 0 ? 0 : ph * (1 + Math.ceil((pw * bitsPerPixel) / 8));
  if (interlace === 0) return rows(w, h);
  return ADAM7.reduce(
    (sum, [x0, y0, dx, dy]) =>
      sum + rows(Math.ceil(Math.max(0, w - x0) / dx), Math.ceil(Math.max(0, h - y0) / dy)),
    0,
  );
}

/** metadata chunks that are compressed; kept small (nothing of them is stored) */
const COMPRESSED_META = new Set(['zTXt', 'iCCP', 'iTXt']);
const META_INFLATE_LIMIT = 1024 * 1024;

const inflate = promisify(zlib.inflate);

/** Inflates in libuv's thread pool (never on the event loop), at most `limit` bytes. */
export async function inflateAtMost(data: Buffer, limit: number): Promise<Buffer> {
  try {
    return await inflate(data, { maxOutputLength: limit });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw refused('图片压缩数据解压后远大于其声明的尺寸（解压炸弹）');
    }
    throw truncated();
  }
}

/** Walks a PNG chunk by chunk to IEND; inflates IDAT to at most the declared image's size. */
export async function pngStructure(bytes: Uint8Array, maxPixels: number): Promise<ImageStructure> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 8 + 25 + 12 || u32(b, 8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') {
    throw truncated();
  }
  const width = u32(b, 16);
  const height = u32(b, 20);
  const [bitDepth, colorType, , , interlace] = b.subarray(24, 29);
  // the pixel limit holds on the declared size, before any decoding
  checkDeclared(width, height, maxPixels);
  const idat: Buffer[] = [];
  let i = 8;
  let ended = false;
  while (i + 12 <= b.length) {
    const len = u32(b, i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (i + 12 + len > b.length) throw truncated();
    const data = b.subarray(i + 8, i + 8 + len);
    if (type === 'IDAT') idat.push(data);
    if (type === 'zTXt' || type === 'iCCP') {
      const nul = data.indexOf(0);
      if (nul < 0) throw truncated();
      await inflateAtMost(data.subarray(nul + 2), META_INFLATE_LIMIT);
    } else if (type === 'iTXt') {
      const nul = data.indexOf(0);
      if (nul < 0) throw truncated();
      if (data[nul + 1] === 1) {
        // keyword\0 flag method language\0 translated\0 text
        const lang = data.indexOf(0, nul + 3);
        const translated = lang < 0 ? -1 : data.indexOf(0, lang + 1);
        if (translated < 0) throw truncated();
        await inflateAtMost(data.subarray(translated + 1), META_INFLATE_LIMIT);
      }
    } else if (COMPRESSED_META.has(type)) {
      throw truncated();
    }
    i += 12 + len;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended || idat.length === 0) throw truncated();
  if (i !== b.length) throw refused('图片结束之后还附带了其他数据');
  const expected = pngRawSize(width, height, bitDepth, colorType, interlace);
  // one byte over the declared image is enough to know the stream inflates to more
  const raw = await inflateAtMost(Buffer.concat(idat), expected + 1);
  if (raw.length < expected) throw truncated();
  return { type: 'image/png', width, height };
}
