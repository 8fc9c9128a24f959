/**
 * A tiny baseline JPEG encoder for tests: an 8×8 grey image whose level is a parameter, one
 * Huffman-coded DC coefficient and an end-of-block, plus a COM segment so that every frame's
 * bytes differ. The output decodes in any JPEG decoder (SOI … EOI, JFIF, DQT, SOF0, DHT, SOS).
 */
let counter = 0;

function segment(marker: number, body: number[]): number[] {
  const len = body.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...body];
}

/** `level` in [-1000, 1000] is the DC coefficient (0 = mid grey). */
export function tinyJpeg(level = 0, comment = ''): Uint8Array {
  counter += 1;
  const text = `handheld-estate test frame ${counter} ${comment}`;
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const com = segment(0xfe, Array.from(Buffer.from(text, 'utf8')));
  const dqt = segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof = segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
  // DC table 0: 12 symbols (categories 0–11), all with 4-bit codes 0000…1011
  const dcCounts = [0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const dht0 = segment(0xc4, [0x00, ...dcCounts, ...Array.from({ length: 12 }, (_, i) => i)]);
  // AC table 0: one symbol, EOB (0x00), with the 1-bit code 0
  const acCounts = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const dht1 = segment(0xc4, [0x10, ...acCounts, 0x00]);
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);

  const v = Math.max(-1000, Math.min(1000, Math.trunc(level)));
  const cat = v === 0 ? 0 : Math.floor(Math.log2(Math.abs(v))) + 1;
  const extra = v >= 0 ? v : v + (1 << cat) - 1;
  let bits = cat.toString(2).padStart(4, '0');
  if (cat > 0) bits += extra.toString(2).padStart(cat, '0');
  bits += '0'; // EOB
  while (bits.length % 8) bits += '1';
  const scan: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    const b = parseInt(bits.slice(i, i + 8), 2);
    scan.push(b);
    if (b === 0xff) scan.push(0x00);
  }
  return Uint8Array.from([
    0xff,
    0xd8,
    ...jfif,
    ...com,
    ...dqt,
    ...sof,
    ...dht0,
    ...dht1,
    ...sos,
    ...scan,
    0xff,
    0xd9,
  ]);
}

/** A valid JPEG padded with COM segments to exactly `size` bytes (size ≥ 300). */
export function bigJpeg(size: number): Uint8Array {
  const base = tinyJpeg(1, 'big');
  const pad: Buffer[] = [];
  let missing = size - base.length;
  while (missing > 0) {
    // a COM segment carries 2 marker + 2 length bytes and at most 65533 bytes of text
    const body = Math.max(1, Math.min(60000, missing - 4));
    const com = Buffer.alloc(body + 4, 0x41);
    com.set([0xff, 0xfe, (body + 2) >> 8, (body + 2) & 0xff]);
    pad.push(com);
    missing -= body + 4;
  }
  // built from buffers, not spread arrays: a frame of 500 KB took ≈ 0.1 s as an array
  return new Uint8Array(Buffer.concat([base.subarray(0, 2), ...pad, base.subarray(2)]));
}

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
