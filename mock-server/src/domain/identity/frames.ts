/** Camera frames of a face check: real JPEG bytes, bounded size, captured inside the window. */
import { frameInvalid, frameOutOfWindow, framesReplayed, framesTooFew } from './errors';

export const MIN_FRAMES = 3;
export const MAX_FRAME_BYTES = 512_000;

/** JPEG by its markers: SOI + first marker (FF D8 FF) at the start, EOI (FF D9) at the end. */
export function looksLikeJpeg(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return (
    n >= 6 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[2] === 0xff &&
    bytes[n - 2] === 0xff &&
    bytes[n - 1] === 0xd9
  );
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (also accepts a `data:image/jpeg;base64,` prefix); undefined when malformed. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const body = text.replace(/^data:image\/jpeg;base64,/, '').replace(/\s+/g, '');
  if (body.length % 4 !== 0 || !BASE64.test(body)) return undefined;
  return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
}

export interface DecodedFrame {
  bytes: Uint8Array;
  capturedAt: string;
}

/** Decodes and checks count, format and size; throws the matching error. */
export function decodeFrames(
  frames: readonly { data: string; capturedAt: string }[],
): DecodedFrame[] {
  if (frames.length < MIN_FRAMES) throw framesTooFew(MIN_FRAMES);
  return frames.map((f, i) => {
    // 4 base64 characters carry 3 bytes: refuse a huge string before decoding it
    if (f.data.length > Math.ceil(MAX_FRAME_BYTES / 3) * 4 + 64) {
      throw frameInvalid(`第 ${i + 1} 张超过 500 KB`);
    }
    const bytes = decodeBase64(f.data);
    if (!bytes) throw frameInvalid(`第 ${i + 1} 张不是有效的 base64 编码`);
    if (bytes.length > MAX_FRAME_BYTES) throw frameInvalid(`第 ${i + 1} 张超过 500 KB`);
    if (!looksLikeJpeg(bytes)) throw frameInvalid(`第 ${i + 1} 张不是 JPEG 图片`);
    return { bytes, capturedAt: f.capturedAt };
  });
}

/**
 * Replay and timing checks given each frame's digest: frames must differ pairwise, none may have
 * been seen before, and each must be captured within [issuedAt, min(expiresAt, now)].
 */
export function checkFrameSet(
  frames: readonly { digest: string; capturedAt: string }[],
  seenBefore: (digest: string) => boolean,
  window: { issuedAt: string; expiresAt: string; now: Date },
): void {
  const digests = new Set(frames.map((f) => f.digest));
  if (digests.size !== frames.length) throw framesReplayed();
  if (frames.some((f) => seenBefore(f.digest))) throw framesReplayed();
  const from = Date.parse(window.issuedAt);
  const to = Math.min(Date.parse(window.expiresAt), window.now.getTime());
  for (const f of frames) {
    const t = Date.parse(f.capturedAt);
    if (!Number.isFinite(t) || t < from || t > to) throw frameOutOfWindow();
  }
}
