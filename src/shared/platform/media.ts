/**
 * Camera / album image picking and on-device compression — the PlatformAdapter's media
 * capability. Like face.ts it lives in its own module (not re-exported from ./index) so it loads
 * with the pages that pick photos, never with the first page.
 *
 *   h5 / zlb  <input type=file accept=image/* capture=environment> (camera) or without capture
 *             (album); decoded with createImageBitmap / <img>, drawn on a canvas at the scaled
 *             size and re-encoded with canvas.toBlob('image/jpeg', q).
 *   weapp / alipay  Taro.chooseImage (camera | album), Taro.compressImage where available,
 *             the bytes read with the file system manager.
 */
import Taro from '@tarojs/taro';
import {
  JPEG_QUALITY,
  nextQuality,
  scaledSize,
  sniffType,
  MAX_LONG_EDGE,
  type Size,
} from '../lib/imageScale';

export type ImageSource = 'camera' | 'album';

/** A picked file, not yet compressed. */
export interface PickedImage {
  name: string;
  /** H5: the File; mini: the temp file path */
  file: Blob | string;
  type: string;
  bytes: number;
}

export interface PreparedImage {
  name: string;
  contentType: 'image/jpeg' | 'image/png' | 'application/pdf';
  data: Uint8Array;
  /** size before compression, bytes */
  originalBytes: number;
  width?: number;
  height?: number;
  /** time spent compressing, ms */
  ms: number;
}

export class MediaError extends Error {
  constructor(
    readonly problem: 'cancelled' | 'unsupported' | 'unreadable' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}

const isMini = () => process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay';

// ---------------------------------------------------------------- H5

/** Opens the system picker; resolves with the chosen file or null when the user cancels. */
export function pickImageH5(
  source: ImageSource,
  doc: Document = document,
): Promise<PickedImage | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = source === 'camera' ? 'image/*' : 'image/*,application/pdf';
    if (source === 'camera') input.setAttribute('capture', 'environment');
    input.className = 'media-picker-input';
    input.style.position = 'fixed';
    input.style.left = '-9999px';
    input.setAttribute('aria-hidden', 'true');
    let settled = false;
    const done = (v: PickedImage | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(v);
    };
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      done(f ? { name: f.name || 'photo.jpg', file: f, type: f.type, bytes: f.size } : null);
    });
    input.addEventListener('cancel', () => done(null));
    doc.body.appendChild(input);
    input.click();
  });
}

async function decode(
  blob: Blob,
): Promise<{ source: CanvasImageSource; size: Size; close(): void }> {
  if (typeof createImageBitmap === 'function') {
    const bmp = await createImageBitmap(blob);
    return {
      source: bmp,
      size: { width: bmp.width, height: bmp.height },
      close: () => bmp.close(),
    };
  }
  const url = URL.createObjectURL(blob);
  const img = new Image();
  await new Promise<void>((ok, fail) => {
    img.onload = () => ok();
    img.onerror = () => fail(new MediaError('unreadable', '无法读取这张图片，请换一张或重新拍摄'));
    img.src = url;
  });
  return {
    source: img,
    size: { width: img.naturalWidth, height: img.naturalHeight },
    close: () => URL.revokeObjectURL(url),
  };
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((ok, fail) =>
    canvas.toBlob(
      (b) => (b ? ok(b) : fail(new MediaError('failed', '图片压缩失败，请重试'))),
      'image/jpeg',
      quality,
    ),
  );
}

const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

/** Scales to a 2000 px long edge and re-encodes as JPEG ≈ 0.8 (PDFs pass through). */
export async function prepareImageH5(
  picked: PickedImage,
  doc: Document = document,
): Promise<PreparedImage> {
  const t0 = Date.now();
  const blob = picked.file as Blob;
  const original = await bytesOf(blob);
  const kind = sniffType(original.subarray(0, 8));
  if (kind === 'application/pdf') {
    return {
      name: picked.name,
      contentType: kind,
      data: original,
      originalBytes: original.length,
      ms: 0,
    };
  }
  if (!kind && !picked.type.startsWith('image/')) {
    throw new MediaError('unreadable', '只能上传照片（JPEG、PNG）或 PDF 文件');
  }
  const img = await decode(blob);
  try {
    const size = scaledSize(img.size.width, img.size.height, MAX_LONG_EDGE);
    const canvas = doc.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new MediaError('unsupported', '当前浏览器不能处理图片，请更换浏览器');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(img.source, 0, 0, size.width, size.height);
    let q: number | null = JPEG_QUALITY;
    let out = await bytesOf(await toBlob(canvas, q));
    while ((q = nextQuality(q, out.length)) !== null) out = await bytesOf(await toBlob(canvas, q));
    return {
      name: picked.name.replace(/\.[^.]*$/, '') + '.jpg',
      contentType: 'image/jpeg',
      data: out,
      originalBytes: original.length,
      width: size.width,
      height: size.height,
      ms: Date.now() - t0,
    };
  } finally {
    img.close();
  }
}

// ---------------------------------------------------------------- mini-programs

async function pickImageMini(source: ImageSource): Promise<PickedImage | null> {
  try {
    const res = await Taro.chooseImage({
      count: 1,
      sizeType: ['original', 'compressed'],
      sourceType: [source],
    });
    const f = res.tempFiles?.[0];
    const path = f?.path ?? res.tempFilePaths?.[0];
    if (!path) return null;
    return {
      name: path.split('/').pop() ?? 'photo.jpg',
      file: path,
      type: 'image/jpeg',
      bytes: f?.size ?? 0,
    };
  } catch {
    return null; // cancelled
  }
}

function readFileMini(path: string): Promise<Uint8Array> {
  return new Promise((ok, fail) =>
    Taro.getFileSystemManager().readFile({
      filePath: path,
      success: (r) => ok(new Uint8Array(r.data as ArrayBuffer)),
      fail: () => fail(new MediaError('unreadable', '无法读取这张图片，请重新选择')),
    }),
  );
}

async function prepareImageMini(picked: PickedImage): Promise<PreparedImage> {
  const t0 = Date.now();
  let path = picked.file as string;
  let width: number | undefined;
  let height: number | undefined;
  try {
    const info = await Taro.getImageInfo({ src: path });
    const size = scaledSize(info.width, info.height);
    width = size.width;
    height = size.height;
    const compress = Taro.compressImage as unknown as
      ((o: Record<string, unknown>) => Promise<{ tempFilePath: string }>) | undefined;
    if (typeof compress === 'function') {
      const res = await compress({
        src: path,
        quality: Math.round(JPEG_QUALITY * 100),
        compressedWidth: size.width,
        compressedHeight: size.height,
      });
      path = res.tempFilePath;
    }
  } catch {
    /* compression unavailable: send as picked (the server checks size and pixels) */
  }
  const data = await readFileMini(path);
  const kind = sniffType(data.subarray(0, 8)) ?? 'image/jpeg';
  return {
    name: picked.name,
    contentType: kind,
    data,
    originalBytes: picked.bytes || data.length,
    width,
    height,
    ms: Date.now() - t0,
  };
}

// ---------------------------------------------------------------- the capability

export function pickImage(source: ImageSource): Promise<PickedImage | null> {
  return isMini() ? pickImageMini(source) : pickImageH5(source);
}

export function prepareImage(picked: PickedImage): Promise<PreparedImage> {
  return isMini() ? prepareImageMini(picked) : prepareImageH5(picked);
}
