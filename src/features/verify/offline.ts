/**
 * The offline half of verification: the presentation token's seal is checked
 * on the verifier's phone against the registry's public key before the registry is asked for
 * the status now. A forged or damaged token is refused here, without a call to /verify.
 *
 *   HE1.<base64url(canonical JSON of the claims)>.<base64url(r ‖ s, 64 bytes)>
 */
import { decodePublicKey, sm2Verify } from './sm2';

export type SealCheck = 'sealed' | 'forged' | 'malformed';

/** The token inside what a scanner returned: the bare token or the verify URL (…/verify#HE1.…). */
export function extractToken(scanned: string): string | undefined {
  return /HE1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(scanned)?.[0];
}

/** The QR of a printed certificate PDF: …/verify?c=<certificate>&check=<128-bit hex>. */
export function printedCheckOf(scanned: string): { c: string; check: string } | undefined {
  const m = /[?&]c=([^&#\s]+)&check=([0-9a-f]{32})/.exec(scanned);
  if (!m) return undefined;
  try {
    return { c: decodeURIComponent(m[1]), check: m[2] };
  } catch {
    return undefined;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding → bytes, or undefined when not valid. */
export function base64urlDecode(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let j = 0;
  for (const ch of text) {
    value = (value << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, j);
}

/** Checks the registry's SM2 seal on a token with its public key only. */
export function checkTokenSeal(token: string, publicKeyHex: string): SealCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'HE1') return 'malformed';
  const message = base64urlDecode(parts[1]);
  const signature = base64urlDecode(parts[2]);
  if (!message || !message.length || !signature || signature.length !== 64) return 'malformed';
  const key = decodePublicKey(publicKeyHex);
  if (!key) throw new Error('registry public key unusable');
  return sm2Verify(key, message, signature) ? 'sealed' : 'forged';
}

/** What the verifier reads when the phone refuses a token (same codes as the registry). */
export const OFFLINE_REFUSALS: Record<
  Exclude<SealCheck, 'sealed'>,
  { code: string; message: string }
> = {
  forged: {
    code: 'TOKEN_SEAL_INVALID',
    message:
      '核验不通过：亮证码的电子签章无效，内容可能被篡改或不是登记机构签发的（本机已用登记机构公钥核验）',
  },
  malformed: {
    code: 'TOKEN_MALFORMED',
    message: '无法识别的亮证码：内容不完整或格式不正确，请重新扫码',
  },
};
