/**
 * SM2 digital signatures (GB/T 32918.1/.2-2016, GM/T 0003) over the recommended curve sm2p256v1
 * (GB/T 32918.5), with SM3 as the hash: a thin typed face over the maintained `sm-crypto-v2`
 * (on @noble/curves), the one SM2 of the server, the app and the public verify page. Signing
 * and verification use `{ hash: true }`: e = SM3(Z_A ‖ M) with Z_A over the default user id
 * '1234567812345678' (or the one given).
 *
 * Pure: the per-signature secret k comes from an injected `KSource` (production passes one built
 * with `kSourceFromRandomBytes(crypto.randomBytes)`; tests pass the standard's fixed k) and is
 * handed to the library as its point pool, so the library never draws a k of its own.
 *
 * BigInt is not constant time: fit for the bundled reference server and for verification
 * anywhere; a production seal service signs in an HSM.
 */
import { sm2 } from 'sm-crypto-v2';
import { bigintToBytes, bytesToBigint, bytesToHex, concatBytes } from './bytes';
import { Sm3 } from './sm3';

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

const mod = (x: bigint, m: bigint): bigint => {
  const r = x % m;
  return r < 0n ? r + m : r;
};

const hex32 = (v: bigint): string => bytesToHex(bigintToBytes(v, 32));

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

// ---------------------------------------------------------------------------------------------
// Group arithmetic: the library's own point class (from its curve), for callers and tests

interface LibPoint {
  add(other: LibPoint): LibPoint;
  double(): LibPoint;
  multiplyUnsafe(k: bigint): LibPoint;
  equals(other: LibPoint): boolean;
  toAffine(): { x: bigint; y: bigint };
}
interface LibPointClass {
  fromAffine(p: { x: bigint; y: bigint }): LibPoint;
  ZERO: LibPoint;
}

const BASE_HEX = `04${hex32(SM2_CURVE.gx)}${hex32(SM2_CURVE.gy)}`;
let pointClass: LibPointClass | undefined;
const Point = (): LibPointClass =>
  (pointClass ??= (sm2.precomputePublicKey(BASE_HEX) as unknown as { constructor: LibPointClass })
    .constructor);

const toLib = (pt: AffinePoint | null): LibPoint =>
  pt ? Point().fromAffine({ x: pt.x, y: pt.y }) : Point().ZERO;
const fromLib = (pt: LibPoint): AffinePoint | null => {
  if (pt.equals(Point().ZERO)) return null;
  const { x, y } = pt.toAffine();
  return { x, y };
};

export function isOnCurve(pt: AffinePoint): boolean {
  const { x, y } = pt;
  if (x < 0n || x >= P || y < 0n || y >= P) return false;
  return mod(y * y - (x * x * x + A * x + B), P) === 0n;
}

/** Affine point addition (null = infinity). */
export function pointAdd(p1: AffinePoint | null, p2: AffinePoint | null): AffinePoint | null {
  return fromLib(toLib(p1).add(toLib(p2)));
}

export function pointDouble(pt: AffinePoint | null): AffinePoint | null {
  return pt ? fromLib(toLib(pt).double()) : null;
}

/** k·pt for k ≥ 0 (null = infinity). */
export function pointMultiply(k: bigint, pt: AffinePoint): AffinePoint | null {
  if (k < 0n) throw new Sm2Error('negative scalar');
  const reduced = k % N;
  return reduced === 0n ? null : fromLib(toLib(pt).multiplyUnsafe(reduced));
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
  return decodePublicKeyHex(sm2.getPublicKeyFromPrivateKey(hex32(d)));
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
  return hex32(d);
}

/** Uncompressed public key '04' ‖ x ‖ y, 130 lowercase hex digits. */
export function encodePublicKeyHex(pt: AffinePoint): string {
  return `04${hex32(pt.x)}${hex32(pt.y)}`;
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

const toBytes = (m: string | Uint8Array): Uint8Array =>
  typeof m === 'string' ? new TextEncoder().encode(m) : m;
/** The library takes the user id as a string (UTF-8 encoded inside). */
const userIdText = (userId: string | Uint8Array | undefined): string =>
  userId === undefined
    ? SM2_DEFAULT_USER_ID
    : typeof userId === 'string'
      ? userId
      : new TextDecoder('utf-8', { fatal: true }).decode(userId);

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A). */
export function sm2Z(
  publicKey: AffinePoint,
  userId: string | Uint8Array = SM2_DEFAULT_USER_ID,
): Uint8Array {
  const id = userIdText(userId);
  if (toBytes(id).length * 8 > 0xffff) throw new Sm2Error('user id longer than 8191 bytes');
  return new Uint8Array(sm2.getZ(encodePublicKeyHex(publicKey), id));
}

/** e = SM3(Z_A ‖ M) as an integer. */
export function sm2MessageDigest(
  publicKey: AffinePoint,
  message: string | Uint8Array,
  options?: Sm2Options,
): bigint {
  return BigInt(
    `0x${sm2.getHash(toBytes(message), encodePublicKeyHex(publicKey), userIdText(options?.userId))}`,
  );
}

const MAX_SIGN_ATTEMPTS = 16;

/**
 * Signs `message` (strings are UTF-8 encoded) with private key d. kSource must return a fresh
 * secret in [1, n−1] on every call; a value outside that range is a programming error and
 * throws. The rare degenerate k (r = 0, r + k = n, s = 0) is skipped for the next k; the one
 * chosen is handed to the library as its only pool point (k, x1 of k·G).
 */
export function sm2Sign(
  privateKey: bigint,
  message: string | Uint8Array,
  kSource: KSource,
  options?: Sm2Options,
): Sm2Signature {
  const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(privateKey));
  const userId = userIdText(options?.userId);
  const bytes = toBytes(message);
  const e = BigInt(`0x${sm2.getHash(bytes, publicKeyHex, userId)}`);
  const dInv = modInverse(1n + privateKey, N);
  for (let attempt = 0; attempt < MAX_SIGN_ATTEMPTS; attempt++) {
    const k = kSource();
    if (typeof k !== 'bigint' || k < 1n || k > N - 1n) {
      throw new Sm2Error('kSource returned a value outside [1, n-1]');
    }
    const x1 = BigInt(`0x${sm2.getPublicKeyFromPrivateKey(hex32(k)).slice(2, 66)}`);
    const r = (e + x1) % N;
    if (r === 0n || r + k === N || mod(dInv * (k - r * privateKey), N) === 0n) continue;
    return decodeSignatureHex(
      sm2.doSignature(bytes, hex32(privateKey), {
        hash: true,
        der: false,
        publicKey: publicKeyHex,
        userId,
        pointPool: [{ k, x1 }],
      }),
    );
  }
  throw new Sm2Error('kSource produced only degenerate values');
}

// ---------------------------------------------------------------------------------------------
// Verifying keys: a public key parsed once, its Z kept, and, once it has verified twice (the
// registry's own keys, a signer seen again), noble's precomputed window table for it (W = 8,
// about 4,200 points, as the library keeps for the base point): [t]·P_A then costs some 33
// additions instead of 256 doublings and additions. A key verified once (a party's signature
// checked on filing) is not worth the table's ~20 ms. A small bounded cache of derived data only:
// nothing in it is state that nodes would need to share.

/** how many verifying keys are kept; the least recently used goes first */
const VERIFYING_KEYS_KEPT = 16;
/** the window of the precomputed table (noble's default for the base point) */
const KEY_WINDOW = 8;

interface VerifyingKey {
  point: LibPoint & { precompute(windowSize: number, isLazy?: boolean): LibPoint };
  /** Z_A per user id */
  z: Map<string, Uint8Array>;
  uses: number;
}

const verifyingKeys = new Map<string, VerifyingKey>();

function verifyingKey(publicKey: AffinePoint): VerifyingKey {
  const hex = encodePublicKeyHex(publicKey);
  let key = verifyingKeys.get(hex);
  if (key) {
    verifyingKeys.delete(hex); // re-inserted below: the Map's order is the recency order
  } else {
    key = { point: toLib(publicKey) as VerifyingKey['point'], z: new Map(), uses: 0 };
    if (verifyingKeys.size >= VERIFYING_KEYS_KEPT) {
      verifyingKeys.delete(verifyingKeys.keys().next().value as string);
    }
  }
  verifyingKeys.set(hex, key);
  key.uses += 1;
  if (key.uses === 2) key.point.precompute(KEY_WINDOW, false);
  return key;
}

function zOf(key: VerifyingKey, publicKey: AffinePoint, userId: string): Uint8Array {
  let z = key.z.get(userId);
  if (!z) {
    z = sm2Z(publicKey, userId);
    key.z.set(userId, z);
  }
  return z;
}

/**
 * Verifies an SM2 signature: range checks on r and s, public key on the curve, then the
 * library's verification (GB/T 32918.2 §7: t = r + s, (x1, y1) = [s]G + [t]P_A, R = e + x1) on
 * the kept key, with e = SM3(Z_A ‖ M) from the kept Z_A.
 */
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
  try {
    const key = verifyingKey(publicKey);
    const e = new Sm3()
      .update(zOf(key, publicKey, userIdText(options?.userId)))
      .update(toBytes(message))
      .digest();
    // hash: false: the library takes e as given
    return sm2.doVerifySignature(e, encodeSignatureHex(signature), key.point as never, {
      hash: false,
      der: false,
    });
  } catch {
    return false;
  }
}

/** Verifies r‖s (hex) over `message` under a public key given as hex; false for anything malformed. */
export function sm2VerifyHex(
  publicKeyHex: string,
  message: string | Uint8Array,
  signatureHex: string,
): boolean {
  try {
    return sm2Verify(decodePublicKeyHex(publicKeyHex), message, decodeSignatureHex(signatureHex));
  } catch {
    return false;
  }
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
