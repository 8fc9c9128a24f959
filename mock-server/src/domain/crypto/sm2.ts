/**
 * SM2 digital signatures (GB/T 32918.1/.2-2016, GM/T 0003) over the recommended curve sm2p256v1
 * (GB/T 32918.5), with BigInt arithmetic in Jacobian coordinates and SM3 as the hash.
 *
 * Pure: the per-signature secret k comes from an injected `KSource` (production passes one built
 * with `kSourceFromRandomBytes(crypto.randomBytes)`; tests pass the standard's fixed k).
 *
 * Not hardened against timing side channels (BigInt is not constant time): fit for the bundled
 * reference server and for verification anywhere; a production seal service signs in an HSM.
 */
import { bigintToBytes, bytesToBigint, bytesToHex, concatBytes, utf8 } from './bytes';
import { sm3 } from './sm3';

/** sm2p256v1 (GB/T 32918.5-2017). */
export const SM2_CURVE = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const;

/** The default distinguishing identifier (GM/T 0009): ASCII '1234567812345678'. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const { p: P, a: A, b: B, n: N } = SM2_CURVE;

export interface AffinePoint {
  x: bigint;
  y: bigint;
}

export const SM2_BASE_POINT: AffinePoint = { x: SM2_CURVE.gx, y: SM2_CURVE.gy };

export interface Sm2Signature {
  r: bigint;
  s: bigint;
}

/** Returns a scalar in [1, n−1]; called once per signing attempt, must never repeat. */
export type KSource = () => bigint;

export interface Sm2Options {
  /** Signer's distinguishing identifier; default '1234567812345678'. Strings are UTF-8 encoded. */
  userId?: string | Uint8Array;
}

export class Sm2Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Sm2Error';
  }
}

// ---------------------------------------------------------------------------------------------
// Field and group arithmetic

const mod = (x: bigint, m: bigint): bigint => {
  const r = x % m;
  return r < 0n ? r + m : r;
};

/** Modular inverse by the extended Euclidean algorithm (m prime, x ≠ 0 mod m). */
export function modInverse(x: bigint, m: bigint): bigint {
  let a = mod(x, m);
  if (a === 0n) throw new Sm2Error('no inverse of 0');
  let b = m;
  let u = 1n;
  let v = 0n;
  while (a !== 1n) {
    const q = b / a;
    [a, b] = [b - q * a, a];
    [u, v] = [v - q * u, u];
  }
  return mod(u, m);
}

/** Jacobian point (X, Y, Z) ↦ affine (X/Z², Y/Z³); Z = 0 is the point at infinity. */
interface JacobianPoint {
  x: bigint;
  y: bigint;
  z: bigint;
}

const INFINITY: JacobianPoint = { x: 1n, y: 1n, z: 0n };

const toJacobian = (pt: AffinePoint): JacobianPoint => ({ x: pt.x, y: pt.y, z: 1n });

function toAffine(pt: JacobianPoint): AffinePoint | null {
  if (pt.z === 0n) return null;
  const zInv = modInverse(pt.z, P);
  const zInv2 = (zInv * zInv) % P;
  return { x: (pt.x * zInv2) % P, y: (((pt.y * zInv2) % P) * zInv) % P };
}

/** Doubling for a = −3 (dbl-2001-b). */
function jacobianDouble(pt: JacobianPoint): JacobianPoint {
  if (pt.z === 0n || pt.y === 0n) return INFINITY;
  const delta = (pt.z * pt.z) % P;
  const gamma = (pt.y * pt.y) % P;
  const beta = (pt.x * gamma) % P;
  const alpha = (3n * mod(pt.x - delta, P) * ((pt.x + delta) % P)) % P;
  const x3 = mod(alpha * alpha - 8n * beta, P);
  const z3 = mod((pt.y + pt.z) * (pt.y + pt.z) - gamma - delta, P);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * ((gamma * gamma) % P), P);
  return { x: x3, y: y3, z: z3 };
}

/** Mixed addition Jacobian + affine (madd-2007-bl). */
function jacobianAddAffine(p1: JacobianPoint, q: AffinePoint): JacobianPoint {
  if (p1.z === 0n) return toJacobian(q);
  const z1z1 = (p1.z * p1.z) % P;
  const u2 = (q.x * z1z1) % P;
  const s2 = (((q.y * p1.z) % P) * z1z1) % P;
  const h = mod(u2 - p1.x, P);
  const rr = mod(2n * (s2 - p1.y), P);
  if (h === 0n) return rr === 0n ? jacobianDouble(toJacobian(q)) : INFINITY;
  const hh = (h * h) % P;
  const i = (4n * hh) % P;
  const j = (h * i) % P;
  const v = (p1.x * i) % P;
  const x3 = mod(rr * rr - j - 2n * v, P);
  const y3 = mod(rr * (v - x3) - 2n * p1.y * j, P);
  const z3 = mod((p1.z + h) * (p1.z + h) - z1z1 - hh, P);
  return { x: x3, y: y3, z: z3 };
}

/** Full Jacobian addition (add-2007-bl). */
function jacobianAdd(p1: JacobianPoint, p2: JacobianPoint): JacobianPoint {
  if (p1.z === 0n) return p2;
  if (p2.z === 0n) return p1;
  const z1z1 = (p1.z * p1.z) % P;
  const z2z2 = (p2.z * p2.z) % P;
  const u1 = (p1.x * z2z2) % P;
  const u2 = (p2.x * z1z1) % P;
  const s1 = (((p1.y * p2.z) % P) * z2z2) % P;
  const s2 = (((p2.y * p1.z) % P) * z1z1) % P;
  const h = mod(u2 - u1, P);
  const rr = mod(2n * (s2 - s1), P);
  if (h === 0n) return rr === 0n ? jacobianDouble(p1) : INFINITY;
  const i = (4n * h * h) % P;
  const j = (h * i) % P;
  const v = (u1 * i) % P;
  const x3 = mod(rr * rr - j - 2n * v, P);
  const y3 = mod(rr * (v - x3) - 2n * s1 * j, P);
  const z3 = mod(((p1.z + p2.z) * (p1.z + p2.z) - z1z1 - z2z2) * h, P);
  return { x: x3, y: y3, z: z3 };
}

function jacobianMultiply(k: bigint, pt: AffinePoint): JacobianPoint {
  let acc = INFINITY;
  for (let i = BigInt(k.toString(2).length) - 1n; i >= 0n; i--) {
    acc = jacobianDouble(acc);
    if ((k >> i) & 1n) acc = jacobianAddAffine(acc, pt);
  }
  return acc;
}

/** Fixed-base table: G·2^i for i in [0, 256), so k·G needs only additions. */
let baseTable: AffinePoint[] | null = null;
function baseMultiply(k: bigint): JacobianPoint {
  if (!baseTable) {
    const table: AffinePoint[] = [];
    let pt: JacobianPoint = toJacobian(SM2_BASE_POINT);
    for (let i = 0; i < 256; i++) {
      table.push(toAffine(pt) as AffinePoint);
      pt = jacobianDouble(pt);
    }
    baseTable = table;
  }
  let acc = INFINITY;
  for (let i = 0; k >> BigInt(i) !== 0n; i++) {
    if ((k >> BigInt(i)) & 1n) acc = jacobianAddAffine(acc, baseTable[i]);
  }
  return acc;
}

export function isOnCurve(pt: AffinePoint): boolean {
  const { x, y } = pt;
  if (x < 0n || x >= P || y < 0n || y >= P) return false;
  return mod(y * y - (x * x * x + A * x + B), P) === 0n;
}

/** Affine point addition (null = infinity); for tests and callers that need it. */
export function pointAdd(p1: AffinePoint | null, p2: AffinePoint | null): AffinePoint | null {
  if (!p1) return p2;
  if (!p2) return p1;
  return toAffine(jacobianAdd(toJacobian(p1), toJacobian(p2)));
}

export function pointDouble(pt: AffinePoint | null): AffinePoint | null {
  return pt ? toAffine(jacobianDouble(toJacobian(pt))) : null;
}

/** k·pt for k ≥ 0 (null = infinity). */
export function pointMultiply(k: bigint, pt: AffinePoint): AffinePoint | null {
  if (k < 0n) throw new Sm2Error('negative scalar');
  return toAffine(jacobianMultiply(k, pt));
}

// ---------------------------------------------------------------------------------------------
// Keys and encodings

/** A private key d must lie in [1, n−2] (so that 1 + d is invertible mod n). */
export function assertPrivateKey(d: bigint): void {
  if (typeof d !== 'bigint' || d < 1n || d > N - 2n) {
    throw new Sm2Error('SM2 private key out of range [1, n-2]');
  }
}

export function publicKeyFromPrivateKey(d: bigint): AffinePoint {
  assertPrivateKey(d);
  return toAffine(baseMultiply(d)) as AffinePoint;
}

export interface Sm2KeyPair {
  privateKey: bigint;
  publicKey: AffinePoint;
}

export function keyPairFromPrivateKey(d: bigint): Sm2KeyPair {
  return { privateKey: d, publicKey: publicKeyFromPrivateKey(d) };
}

export function privateKeyFromHex(hex: string): bigint {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Sm2Error('private key must be 64 hex digits');
  const d = BigInt(`0x${hex}`);
  assertPrivateKey(d);
  return d;
}

export function privateKeyToHex(d: bigint): string {
  assertPrivateKey(d);
  return bytesToHex(bigintToBytes(d, 32));
}

/** Uncompressed public key '04' ‖ x ‖ y, 130 lowercase hex digits. */
export function encodePublicKeyHex(pt: AffinePoint): string {
  return `04${bytesToHex(bigintToBytes(pt.x, 32))}${bytesToHex(bigintToBytes(pt.y, 32))}`;
}

/** Parses '04' ‖ x ‖ y and checks the point is on the curve (cofactor 1: so it has order n). */
export function decodePublicKeyHex(hex: string): AffinePoint {
  if (!/^04[0-9a-fA-F]{128}$/.test(hex)) {
    throw new Sm2Error('public key must be 04 followed by 128 hex digits');
  }
  const pt = { x: BigInt(`0x${hex.slice(2, 66)}`), y: BigInt(`0x${hex.slice(66)}`) };
  if (!isOnCurve(pt)) throw new Sm2Error('public key is not a point of sm2p256v1');
  return pt;
}

/** Signature as r ‖ s, each 32 bytes: 128 lowercase hex digits. */
export function encodeSignatureHex(sig: Sm2Signature): string {
  return bytesToHex(concatBytes(bigintToBytes(sig.r, 32), bigintToBytes(sig.s, 32)));
}

export function decodeSignatureHex(hex: string): Sm2Signature {
  if (!/^[0-9a-fA-F]{128}$/.test(hex)) throw new Sm2Error('signature must be 128 hex digits');
  return { r: BigInt(`0x${hex.slice(0, 64)}`), s: BigInt(`0x${hex.slice(64)}`) };
}

// ---------------------------------------------------------------------------------------------
// Z, e, sign, verify

const toBytes = (m: string | Uint8Array): Uint8Array => (typeof m === 'string' ? utf8(m) : m);

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A). */
export function sm2Z(
  publicKey: AffinePoint,
  userId: string | Uint8Array = SM2_DEFAULT_USER_ID,
): Uint8Array {
  const id = toBytes(userId);
  const entl = id.length * 8;
  if (entl > 0xffff) throw new Sm2Error('user id longer than 8191 bytes');
  return sm3(
    new Uint8Array([entl >>> 8, entl & 0xff]),
    id,
    bigintToBytes(A, 32),
    bigintToBytes(B, 32),
    bigintToBytes(SM2_CURVE.gx, 32),
    bigintToBytes(SM2_CURVE.gy, 32),
    bigintToBytes(publicKey.x, 32),
    bigintToBytes(publicKey.y, 32),
  );
}

/** e = SM3(Z_A ‖ M) as an integer. */
export function sm2MessageDigest(
  publicKey: AffinePoint,
  message: string | Uint8Array,
  options?: Sm2Options,
): bigint {
  return bytesToBigint(sm3(sm2Z(publicKey, options?.userId), toBytes(message)));
}

const MAX_SIGN_ATTEMPTS = 16;

/**
 * Signs `message` (strings are UTF-8 encoded) with private key d. kSource must return a fresh
 * secret in [1, n−1] on every call; a value outside that range is a programming error and
 * throws. The rare degenerate k (r = 0, r + k = n, s = 0) is retried with the next k.
 */
export function sm2Sign(
  privateKey: bigint,
  message: string | Uint8Array,
  kSource: KSource,
  options?: Sm2Options,
): Sm2Signature {
  const publicKey = publicKeyFromPrivateKey(privateKey);
  const e = sm2MessageDigest(publicKey, message, options);
  const dInv = modInverse(1n + privateKey, N);
  for (let attempt = 0; attempt < MAX_SIGN_ATTEMPTS; attempt++) {
    const k = kSource();
    if (typeof k !== 'bigint' || k < 1n || k > N - 1n) {
      throw new Sm2Error('kSource returned a value outside [1, n-1]');
    }
    const x1 = (toAffine(baseMultiply(k)) as AffinePoint).x;
    const r = (e + x1) % N;
    if (r === 0n || r + k === N) continue;
    const s = mod(dInv * (k - r * privateKey), N);
    if (s === 0n) continue;
    return { r, s };
  }
  throw new Sm2Error('kSource produced only degenerate values');
}

/** Verifies an SM2 signature: range checks on r, s and t, public key on the curve. */
export function sm2Verify(
  publicKey: AffinePoint,
  message: string | Uint8Array,
  signature: Sm2Signature,
  options?: Sm2Options,
): boolean {
  const { r, s } = signature;
  if (typeof r !== 'bigint' || typeof s !== 'bigint') return false;
  if (r < 1n || r > N - 1n || s < 1n || s > N - 1n) return false;
  if (!isOnCurve(publicKey)) return false;
  const t = (r + s) % N;
  if (t === 0n) return false;
  const e = sm2MessageDigest(publicKey, message, options);
  const sum = toAffine(jacobianAdd(baseMultiply(s), jacobianMultiply(t, publicKey)));
  if (!sum) return false;
  return (e + sum.x) % N === r;
}

/**
 * A KSource from a byte source (e.g. node's crypto.randomBytes or crypto.getRandomValues),
 * by rejection sampling 32-byte values until one lies in [1, n−1].
 */
export function kSourceFromRandomBytes(randomBytes: (length: number) => Uint8Array): KSource {
  return () => {
    for (let i = 0; i < 64; i++) {
      const bytes = randomBytes(32);
      if (bytes.length !== 32) throw new Sm2Error('randomBytes returned the wrong length');
      const k = bytesToBigint(bytes);
      if (k >= 1n && k <= N - 1n) return k;
    }
    throw new Sm2Error('random source keeps returning out-of-range values');
  };
}
