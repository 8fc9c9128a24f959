/**
 * SM2 signature verification (GB/T 32918.2) on the curve sm2p256v1 for the verifier's phone: the
 * same maintained `sm-crypto-v2` the registry signs with (mock-server/src/domain/crypto/sm2.ts),
 * with `{ hash: true }` (e = SM3(Z ‖ M), Z over the default user id). Lives in the verify page's
 * lazily loaded chunk, never in the H5 first load (measured: ≈ 57 KB minified, ≈ 21 KB gzip for
 * the verify path, against ≈ 3 KB gzip of the hand-written verifier it replaces). Verification
 * only: no secrets, no random numbers. Needs BigInt (as the verifier before it did). Known answer:
 * GB/T 32918.5 Annex A (docs/registry-facts.md §9), tested.
 */
import { sm2 } from 'sm-crypto-v2';

const big = (hex: string) => BigInt(`0x${hex}`);
const ZERO = BigInt(0);

const P = big('fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff');
const A = big('fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc');
const B = big('28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93');

export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface Point {
  x: bigint;
  y: bigint;
}

const mod = (a: bigint) => {
  const r = a % P;
  return r < ZERO ? r + P : r;
};

export const isOnCurve = (pt: Point) =>
  pt.x >= ZERO &&
  pt.x < P &&
  pt.y >= ZERO &&
  pt.y < P &&
  mod(pt.y * pt.y) === mod(pt.x * pt.x * pt.x + A * pt.x + B);

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const hex32 = (v: bigint) => v.toString(16).padStart(64, '0');
const publicKeyHex = (pt: Point) => `04${hex32(pt.x)}${hex32(pt.y)}`;

export function hexToBytes(h: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(h)) throw new Error('not hex');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** 04‖x‖y (hex, 130 characters) → a point on the curve, or undefined. */
export function decodePublicKey(publicKeyHexText: string): Point | undefined {
  if (!/^04[0-9a-fA-F]{128}$/.test(publicKeyHexText)) return undefined;
  const pt = { x: big(publicKeyHexText.slice(2, 66)), y: big(publicKeyHexText.slice(66)) };
  return isOnCurve(pt) ? pt : undefined;
}

/** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A). */
export function sm2Z(publicKey: Point, userId: string = SM2_DEFAULT_USER_ID): Uint8Array {
  return new Uint8Array(sm2.getZ(publicKeyHex(publicKey), userId));
}

/** Verifies an SM2 signature r‖s (64 bytes) over `message` (SM3(Z ‖ M) inside). */
export function sm2Verify(
  publicKey: Point,
  message: Uint8Array,
  signature: Uint8Array,
  userId: string = SM2_DEFAULT_USER_ID,
): boolean {
  if (signature.length !== 64 || !isOnCurve(publicKey)) return false;
  try {
    return sm2.doVerifySignature(message, hex(signature), publicKeyHex(publicKey), {
      hash: true,
      der: false,
      userId,
    });
  } catch {
    return false;
  }
}
