/**
 * The public /verify page's seal check, from this app's own verifier (one implementation for the
 * app and the page): the server bundles this file with esbuild into /verify/sm2.js
 * (mock-server/src/http/verify-pages/sm2.ts), loaded by the page only when a token is to be
 * checked. It exposes
 *   window.HeSm2 = { sm3(bytes), verify(publicKeyHex, messageBytes, signatureBytes),
 *                    checkToken(token, publicKeyHex) → 'sealed' | 'forged' | 'malformed' }
 * SM3 (GB/T 32905) and SM2 verification with the default user id (GB/T 32918.2), BigInt only:
 * no random numbers needed (sm-crypto-v2 needs a CSPRNG, which the Alipay sandbox lacks).
 * Not imported by the app itself.
 */
import { sm3 } from '@/shared/lib/sm3';
import { checkTokenSeal, type SealCheck } from './offline';
import { decodePublicKey, sm2Verify } from './sm2';

export interface PageCrypto {
  sm3(bytes: Uint8Array): Uint8Array;
  verify(publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean;
  checkToken(token: string, publicKeyHex: string): SealCheck;
}

export const pageCrypto: PageCrypto = {
  sm3: (bytes) => sm3(bytes),
  verify(publicKeyHex, message, signature) {
    const key = decodePublicKey(String(publicKeyHex));
    return Boolean(key) && sm2Verify(key!, message, signature);
  },
  checkToken(token, publicKeyHex) {
    try {
      return checkTokenSeal(String(token), String(publicKeyHex));
    } catch {
      // a public key that is not a point on the curve seals nothing
      return 'forged';
    }
  },
};

// the page's window (a test may hand the script its own)
(typeof window !== 'undefined'
  ? (window as unknown as { HeSm2?: PageCrypto })
  : (globalThis as { HeSm2?: PageCrypto })
).HeSm2 = pageCrypto;
