/**
 * The upload inspector: what a file is, by reading all of it (ports/uploads.ts).
 * - The type comes from the bytes (magic number), never from the name or Content-Type.
 * - Markup anywhere in a picture (a JPEG/HTML polyglot) and data after the image's end are
 *   refused; the declared size is held to the pixel limit before anything is decoded.
 * - Pictures are decoded in full by sharp (libvips) with `limitInputPixels`, and re-encoded: the
 *   stored file is the re-encoded picture, without metadata, comments or anything else the
 *   upload carried. EXIF orientation is applied first, so the picture stays upright.
 * - PDFs are parsed (pdfCheck.ts) and stored as received when they are pages only.
 * Decoding and inflating run off the event loop (libvips' and libuv's threads).
 */
import sharp from 'sharp';
import { AppError, isAppError } from '../../domain/errors';
import type { InspectedType, InspectedUpload, UploadInspector, UploadLimits } from '../../ports';
import { jpegStructure, pngStructure, refused, tooManyPixels, truncated } from './imageStructure';
import { checkPdf } from './pdfCheck';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ALL_TYPES: readonly InspectedType[] = ['image/jpeg', 'image/png', 'application/pdf'];

/** HTML/SVG markup or a javascript: URL, as a browser sniffing the bytes would find it */
const MARKUP =
  /<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|form)\b|javascript\s*:/i;

export function typeOf(b: Uint8Array): InspectedType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && PNG_SIGNATURE.equals(Buffer.from(b.subarray(0, 8)))) return 'image/png';
  if (b.length >= 5 && Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-') {
    return 'application/pdf';
  }
  return undefined;
}

export const unsupported = (accept: readonly InspectedType[]) =>
  new AppError(
    'UPLOAD_TYPE_UNSUPPORTED',
    accept.includes('application/pdf')
      ? '只能上传 JPEG、PNG 照片或 PDF 文件（按文件内容识别）'
      : '只能上传 JPEG 或 PNG 照片（按文件内容识别）',
  );

async function reencode(
  bytes: Uint8Array,
  type: 'image/jpeg' | 'image/png',
  maxPixels: number,
): Promise<InspectedUpload> {
  try {
    const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'warning' }).rotate();
    const out =
      type === 'image/jpeg'
        ? image.jpeg({ quality: 90, chromaSubsampling: '4:2:0' })
        : image.png({ compressionLevel: 9 });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    return { type, bytes: new Uint8Array(data), width: info.width, height: info.height };
  } catch (e) {
    if (/pixel limit/i.test(String((e as Error)?.message))) {
      throw tooManyPixels(0, 0, maxPixels);
    }
    throw truncated();
  }
}

export const sharpUploadInspector: UploadInspector = {
  async inspect(bytes: Uint8Array, limits: UploadLimits): Promise<InspectedUpload> {
    const accept = limits.accept ?? ALL_TYPES;
    const type = typeOf(bytes);
    if (!type || !accept.includes(type)) throw unsupported(accept);
    try {
      if (type === 'application/pdf') {
        await checkPdf(bytes);
        return { type, bytes };
      }
      const structure =
        type === 'image/jpeg'
          ? jpegStructure(bytes, limits.maxPixels)
          : await pngStructure(bytes, limits.maxPixels);
      if (
        MARKUP.test(
          Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
        )
      ) {
        throw refused('图片中夹带了网页代码（HTML）');
      }
      return await reencode(bytes, structure.type, limits.maxPixels);
    } catch (e) {
      if (isAppError(e)) throw e;
      throw truncated();
    }
  },
};
