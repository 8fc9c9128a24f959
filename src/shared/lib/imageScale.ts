/**
 * Photo materials are scaled on the device before upload: the long edge to at most
 * 2000 px, re-encoded as JPEG at quality ≈ 0.8. Pure maths here; the canvas work is in
 * shared/platform/media.ts.
 */
export const MAX_LONG_EDGE = 2000;
export const JPEG_QUALITY = 0.8;
/** what a compressed photo should come under; above it we step the quality down */
export const TARGET_BYTES = 600 * 1024;
export const QUALITY_STEPS = [JPEG_QUALITY, 0.7, 0.6, 0.5] as const;

export interface Size {
  width: number;
  height: number;
}

/**
 * The size to draw an image of `width`×`height` at so its long edge is at most `maxEdge`,
 * keeping the aspect ratio; never upscales; every side at least 1 px.
 */
export function scaledSize(width: number, height: number, maxEdge = MAX_LONG_EDGE): Size {
  if (!(width > 0) || !(height > 0)) throw new RangeError('image has no size');
  const long = Math.max(width, height);
  if (long <= maxEdge) return { width: Math.round(width), height: Math.round(height) };
  const k = maxEdge / long;
  const w = width >= height ? maxEdge : Math.max(1, Math.round(width * k));
  const h = height > width ? maxEdge : Math.max(1, Math.round(height * k));
  return { width: w, height: h };
}

/** Does an image need re-encoding at all (too big in pixels, bytes, or not JPEG)? */
export function needsCompression(size: Size, bytes: number, type: string): boolean {
  return (
    Math.max(size.width, size.height) > MAX_LONG_EDGE ||
    bytes > TARGET_BYTES ||
    type !== 'image/jpeg'
  );
}

/** The quality to try after `previous` produced `bytes`, or null to stop (good enough or floor). */
export function nextQuality(previous: number, bytes: number): number | null {
  if (bytes <= TARGET_BYTES) return null;
  const next = QUALITY_STEPS.find((q) => q < previous - 1e-9);
  return next ?? null;
}

/** What the file type is by its first bytes (the server checks the same way). */
export function sniffType(head: Uint8Array): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) {
    return 'image/png';
  }
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) {
    return 'application/pdf';
  }
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
