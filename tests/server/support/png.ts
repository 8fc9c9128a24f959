/** A minimal PNG encoder for tests: RGBA, no filter, zlib deflate, CRC-32 per chunk. */
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A width×height PNG; `seed` varies the pixels so that different calls give different bytes. */
export function png(width: number, height: number, seed = 0): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * (width * 4 + 1) + 1 + x * 4;
      raw[i] = (x * 7 + seed) & 0xff;
      raw[i + 1] = (y * 13 + seed * 3) & 0xff;
      raw[i + 2] = (x ^ y) & 0xff;
      raw[i + 3] = 255;
    }
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(raw)),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

/** A PNG whose header claims width×height but carries a 1×1 image (for the pixel limit). */
export function pngClaiming(width: number, height: number): Uint8Array {
  const b = Buffer.from(png(1, 1));
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.writeUInt32BE(crc32(b.subarray(12, 29)), 29);
  return new Uint8Array(b);
}

/** A small valid PDF. */
export function pdf(text = 'test'): Uint8Array {
  return new Uint8Array(
    Buffer.from(
      `%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
      'latin1',
    ),
  );
}

/** A valid PNG of about `size` bytes: a small image with a large tEXt chunk before IEND. */
export function pngOfSize(size: number): Uint8Array {
  const base = Buffer.from(png(4, 4, 5));
  const iend = base.length - 12;
  const text = Buffer.alloc(Math.max(0, size - base.length - 12), 0x41);
  text.write('Comment\0', 0, 'latin1');
  return new Uint8Array(
    Buffer.concat([base.subarray(0, iend), chunk('tEXt', text), base.subarray(iend)]),
  );
}
