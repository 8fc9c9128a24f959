/**
 * Staff password hashes with scrypt (node:crypto): `scrypt$N$r$p$salt$hash`, salt and hash in
 * base64url, compared in constant time. The asynchronous scrypt runs in libuv's thread pool, so
 * the ≈ 50 ms of a key derivation never blocks the event loop (other requests go on meanwhile).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../ports';

/**
 * scrypt's cost N of every new hash (2^14, ≈ 50 ms): PASSWORD_SCRYPT_COST's default, the only
 * cost outside demo mode. The demo and the tests may hash new passwords more cheaply
 * (config.ts); a stored hash carries its own cost, so verifying never depends on the setting.
 */
export const SCRYPT_COST = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function deriveKey(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** The hasher whose new hashes cost `N` (a power of two); any stored cost verifies. */
export function scryptHasherOfCost(N: number): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await deriveKey(password, salt, KEY_LENGTH, { N, r: R, p: P });
      return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [n, r, p] = parts.slice(1, 4).map(Number);
      if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20) return false;
      const salt = Buffer.from(parts[4], 'base64url');
      const expected = Buffer.from(parts[5], 'base64url');
      if (expected.length === 0) return false;
      const key = await deriveKey(password, salt, expected.length, {
        N: n,
        r,
        p,
        maxmem: 256 * n * r + 1024 * 1024,
      });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}

/** New hashes at the production cost. */
export const scryptHasher: PasswordHasher = scryptHasherOfCost(SCRYPT_COST);
