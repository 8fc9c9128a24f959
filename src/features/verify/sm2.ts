/**
 * SM2 signature verification (GB/T 32918.2) on the curve sm2p256v1 for the verifier's phone:
 * BigInt arithmetic in Jacobian coordinates, SM3 from shared/lib. Lives in the
 * verify page's lazily loaded chunk, never in the H5 first load. Verification only: no secrets,
 * so constant time does not matter. BigInt() calls instead of literals keep older mini-program
 * transpilers happy. Known answer: GB/T 32918.5 Annex A (docs/registry-facts.md §9), tested.
 */
import { sm3 } from '@/shared/lib/sm3';

const big = (hex: string) => BigInt(`0x${hex}`);
const ZERO = BigInt(0);
const ONE = BigInt(1);
const TWO = BigInt(2);
const THREE = BigInt(3);
const FOUR = BigInt(4);
const EIGHT = BigInt(8);

const P = big('fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff');
const A = big('fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc');
const B = big('28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93');
const N = big('fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
const GX = big('32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7');
const GY = big('bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0');

export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface Point {
  x: bigint;
  y: bigint;
}
type Jacobian = readonly [bigint, bigint, bigint] | null;

const mod = (a: bigint, m: bigint = P) => {
  const r = a % m;
  return r < ZERO ? r + m : r;
};

function inv(a: bigint, m: bigint = P): bigint {
  let r0 = mod(a, m);
  let r1 = m;
  let s0 = ONE;
  let s1 = ZERO;
  while (r1 !== ZERO) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== ONE) throw new Error('not invertible');
  return mod(s0, m);
}

function double(pt: Jacobian): Jacobian {
  if (!pt) return null;
  const [x, y, z] = pt;
  if (y === ZERO) return null;
  const yy = mod(y * y);
  const s = mod(FOUR * x * yy);
  const zz = mod(z * z);
  const m = mod(THREE * x * x + A * mod(zz * zz));
  const x3 = mod(m * m - TWO * s);
  const y3 = mod(m * (s - x3) - EIGHT * mod(yy * yy));
  return [x3, y3, mod(TWO * y * z)];
}

function add(p1: Jacobian, p2: Jacobian): Jacobian {
  if (!p1) return p2;
  if (!p2) return p1;
  const [x1, y1, z1] = p1;
  const [x2, y2, z2] = p2;
  const z1z1 = mod(z1 * z1);
  const z2z2 = mod(z2 * z2);
  const u1 = mod(x1 * z2z2);
  const u2 = mod(x2 * z1z1);
  const s1 = mod(y1 * z2 * z2z2);
  const s2 = mod(y2 * z1 * z1z1);
  if (u1 === u2) return s1 === s2 ? double(p1) : null;
  const h = mod(u2 - u1);
  const r = mod(s2 - s1);
  const hh = mod(h * h);
  const hhh = mod(h * hh);
  const v = mod(u1 * hh);
  const x3 = mod(r * r - hhh - TWO * v);
  const y3 = mod(r * (v - x3) - s1 * hhh);
  return [x3, y3, mod(z1 * z2 * h)];
}

function multiply(k: bigint, pt: Point): Jacobian {
  let acc: Jacobian = null;
  const base: Jacobian = [pt.x, pt.y, ONE];
  for (const bit of k.toString(2)) {
    acc = double(acc);
    if (bit === '1') acc = add(acc, base);
  }
  return acc;
}

function toAffine(pt: Jacobian): Point | null {
  if (!pt) return null;
  const zi = inv(pt[2]);
  const zi2 = mod(zi * zi);
  return { x: mod(pt[0] * zi2), y: mod(pt[1] * zi2 * zi) };
}

export const isOnCurve = (pt: Point) =>
  pt.x >= ZERO &&
  pt.x < P &&
  pt.y >= ZERO &&
  pt.y < P &&
  mod(pt.y * pt.y) === mod(pt.x * pt.x * pt.x + A * pt.x + B);

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const toBig = (bytes: Uint8Array) => (bytes.length ? big(hex(bytes)) : ZERO);
const to32 = (v: bigint) => {
  const out = new Uint8Array(32);
  let x = v;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & BigInt(255));
    x >>= EIGHT;
  }
  return out;
};

export function hexToBytes(h: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(h)) throw new Error('not hex');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** 04‖x‖y (hex, 130 characters) → a point on the curve, or undefined. */
export function decodePublicKey(publicKeyHex: string): Point | undefined {
  if (!/^04[0-9a-fA-F]{128}$/.test(publicKeyHex)) return undefined;
  const pt = { x: big(publicKeyHex.slice(2, 66)), y: big(publicKeyHex.slice(66)) };
  return isOnCurve(pt) ? pt : undefined;
}

const utf8 = (s: string) => {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
};

/** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A). */
export function sm2Z(publicKey: Point, userId: string = SM2_DEFAULT_USER_ID): Uint8Array {
  const id = utf8(userId);
  const entl = id.length * 8;
  return sm3(
    new Uint8Array([(entl >>> 8) & 0xff, entl & 0xff]),
    id,
    to32(A),
    to32(B),
    to32(GX),
    to32(GY),
    to32(publicKey.x),
    to32(publicKey.y),
  );
}

/** Verifies an SM2 signature r‖s (64 bytes) over `message` (SM3(Z ‖ M) inside). */
export function sm2Verify(
  publicKey: Point,
  message: Uint8Array,
  signature: Uint8Array,
  userId: string = SM2_DEFAULT_USER_ID,
): boolean {
  if (signature.length !== 64 || !isOnCurve(publicKey)) return false;
  const r = toBig(signature.subarray(0, 32));
  const s = toBig(signature.subarray(32));
  if (r < ONE || r >= N || s < ONE || s >= N) return false;
  const t = mod(r + s, N);
  if (t === ZERO) return false;
  const e = toBig(sm3(sm2Z(publicKey, userId), message));
  const sum = toAffine(add(multiply(s, { x: GX, y: GY }), multiply(t, publicKey)));
  if (!sum) return false;
  return mod(e + sum.x, N) === r;
}
