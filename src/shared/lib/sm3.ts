/**
 * SM3 cryptographic hash (GB/T 32905-2016), pure TypeScript, 256-bit output.
 * Known answer: SM3("abc") = 66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0.
 */

const IV = [
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
];

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
const p0 = (x: number): number => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number): number => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

/** T_j <<< (j mod 32), precomputed. */
const T_ROT: number[] = Array.from({ length: 64 }, (_, j) =>
  rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32),
);

/** Incremental SM3: `update` any number of times, then `digest` once. */
export class Sm3 {
  private readonly v = Int32Array.from(IV);
  private readonly block = new Uint8Array(64);
  private readonly w = new Int32Array(68);
  private blockLength = 0;
  private totalLength = 0;
  private finished = false;

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('SM3: update after digest');
    let i = 0;
    while (i < data.length) {
      const take = Math.min(64 - this.blockLength, data.length - i);
      this.block.set(data.subarray(i, i + take), this.blockLength);
      this.blockLength += take;
      i += take;
      if (this.blockLength === 64) {
        this.compress(this.block);
        this.blockLength = 0;
      }
    }
    this.totalLength += data.length;
    return this;
  }

  digest(): Uint8Array {
    if (this.finished) throw new Error('SM3: digest called twice');
    this.finished = true;
    const bitLength = this.totalLength * 8;
    const block = this.block;
    block[this.blockLength++] = 0x80;
    if (this.blockLength > 56) {
      block.fill(0, this.blockLength);
      this.compress(block);
      this.blockLength = 0;
    }
    block.fill(0, this.blockLength);
    const hi = Math.floor(bitLength / 0x100000000);
    const lo = bitLength >>> 0;
    for (let k = 0; k < 4; k++) {
      block[56 + k] = (hi >>> (24 - 8 * k)) & 0xff;
      block[60 + k] = (lo >>> (24 - 8 * k)) & 0xff;
    }
    this.compress(block);
    const out = new Uint8Array(32);
    for (let k = 0; k < 8; k++) {
      const x = this.v[k];
      out[4 * k] = x >>> 24;
      out[4 * k + 1] = (x >>> 16) & 0xff;
      out[4 * k + 2] = (x >>> 8) & 0xff;
      out[4 * k + 3] = x & 0xff;
    }
    return out;
  }

  private compress(b: Uint8Array): void {
    const w = this.w;
    for (let j = 0; j < 16; j++) {
      w[j] = (b[4 * j] << 24) | (b[4 * j + 1] << 16) | (b[4 * j + 2] << 8) | b[4 * j + 3];
    }
    for (let j = 16; j < 68; j++) {
      w[j] = p1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6];
    }
    const v = this.v;
    let a = v[0] >>> 0;
    let bb = v[1] >>> 0;
    let c = v[2] >>> 0;
    let d = v[3] >>> 0;
    let e = v[4] >>> 0;
    let f = v[5] >>> 0;
    let g = v[6] >>> 0;
    let h = v[7] >>> 0;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + T_ROT[j]) >>> 0, 7);
      const ss2 = (ss1 ^ a12) >>> 0;
      const ff = j < 16 ? a ^ bb ^ c : (a & bb) | (a & c) | (bb & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) >>> 0;
      const tt2 = (gg + h + ss1 + w[j]) >>> 0;
      d = c;
      c = rotl(bb, 9);
      bb = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    v[0] ^= a;
    v[1] ^= bb;
    v[2] ^= c;
    v[3] ^= d;
    v[4] ^= e;
    v[5] ^= f;
    v[6] ^= g;
    v[7] ^= h;
  }
}

/** SM3 digest (32 bytes) of the concatenation of `parts`. */
export function sm3(...parts: Uint8Array[]): Uint8Array {
  const h = new Sm3();
  for (const p of parts) h.update(p);
  return h.digest();
}
