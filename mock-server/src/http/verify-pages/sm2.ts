/**
 * The /verify page's offline seal check, served as /verify/sm2.js and loaded only when a token
 * is to be checked: the app's own verifier (src/features/verify/pageCrypto.ts over sm2.ts,
 * offline.ts and shared/lib/sm3.ts: one implementation for the app and the page), bundled by
 * esbuild into one plain browser script the first time it is asked for (the same source gives
 * the same bytes). It sets window.HeSm2 = { sm3, verify, checkToken }. The same text runs in
 * tests (tests/server/verify-page-crypto.test.ts) against the standard's known answers and real
 * registry tokens.
 */
import path from 'node:path';
import { browserScript } from '../browserScript';

/** the repository root (this file is mock-server/src/http/verify-pages/sm2.ts) */
const ROOT = path.resolve(__dirname, '../../../..');
export const VERIFY_CRYPTO_ENTRY = path.join(ROOT, 'src/features/verify/pageCrypto.ts');

/** /verify/sm2.js: the bundle, built once per process (../browserScript.ts). */
export const verifyCryptoScript = (): string =>
  browserScript(path.relative(path.join(__dirname, '..'), VERIFY_CRYPTO_ENTRY));
