/**
 * Each simulated department's SM2 seal key, derived from a seed per source (SM3(seed | code)), so
 * a restart (or another node) has the same public keys without storing private keys.
 */
import {
  bytesToBigint,
  encodePublicKeyHex,
  publicKeyFromPrivateKey,
  sm3,
  utf8,
  SM2_CURVE,
} from '../../domain/crypto';
import type { DataSourceCode } from '../../ports/sharedData';

/** Default seed of the demo keys (public: these are simulators, not real departments). */
export const DEFAULT_DATA_SOURCE_KEY_SEED = 'handheld-estate/data-sources/v1';

/** A private key in [1, n−2] derived from the seed and the source's code. */
export function deriveSourceKey(
  seed: string,
  code: DataSourceCode,
): { keyId: string; privateKey: bigint; publicKeyHex: string } {
  const x = bytesToBigint(sm3(utf8(`${seed}|${code}`)));
  const privateKey = (x % (SM2_CURVE.n - 2n)) + 1n;
  const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(privateKey));
  return { keyId: `${code}-${publicKeyHex.slice(2, 18)}`, privateKey, publicKeyHex };
}
