/**
 * What an uploaded file really is, by its bytes: JPEG, PNG or PDF by magic number,
 * never by name; pixel size from the JPEG SOF or PNG IHDR header; a body cut off in transit is
 * recognised by its missing end (JPEG EOI FFD9, PNG IEND chunk, PDF %%EOF). Pure.
 */
export type SniffedType = 'image/jpeg' | 'image/png' | 'application/pdf';

export type Sniffed =
  | { ok: true; type: SniffedType; width?: number; height?: number }
  | { ok: false; problem: 'unsupported' | 'truncated' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);
const u16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32 = (b: Uint8Array, i: number) =>
  ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpeg(b: Uint8Array): Sniffed {
  if (b.length < 4 || b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) {
    return { ok: false, problem: 'truncated' };
  }
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return { ok: false, problem: 'truncated' };
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = u16(b, i + 2);
    if (len < 2 || i + 2 + len > b.length) return { ok: false, problem: 'truncated' };
    if (isSof(marker)) {
      if (len < 7) return { ok: false, problem: 'truncated' };
      const height = u16(b, i + 5);
      const width = u16(b, i + 7);
      return { ok: true, type: 'image/jpeg', width, height };
    }
    if (marker === 0xda) break; // scan data before any frame header
    i += 2 + len;
  }
  return { ok: false, problem: 'truncated' };
}

function png(b: Uint8Array): Sniffed {
  if (b.length < 8 + 25 + 12) return { ok: false, problem: 'truncated' };
  if (u32(b, 8) !== 13 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') {
    return { ok: false, problem: 'truncated' };
  }
  const width = u32(b, 16);
  const height = u32(b, 20);
  // walk the chunks: the last one must be IEND and nothing may be cut
  let i = 8;
  let sawEnd = false;
  while (i + 12 <= b.length) {
    const len = u32(b, i);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    if (i + 12 + len > b.length) return { ok: false, problem: 'truncated' };
    i += 12 + len;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) return { ok: false, problem: 'truncated' };
  return { ok: true, type: 'image/png', width, height };
}

function pdf(b: Uint8Array): Sniffed {
  const tail = new TextDecoder('latin1').decode(b.subarray(Math.max(0, b.length - 1024)));
  if (!/%%EOF\s*$/.test(tail)) return { ok: false, problem: 'truncated' };
  return { ok: true, type: 'application/pdf' };
}

export function sniffFile(b: Uint8Array): Sniffed {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 8 && startsWith(b, PNG_SIGNATURE)) return png(b);
  if (b.length >= 5 && startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return pdf(b);
  return { ok: false, problem: 'unsupported' };
}
