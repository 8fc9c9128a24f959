/**
 * The identity platform's signed assertion: SM2 over the canonical JSON of the claims, with the
 * platform's own key pair (not the registry's).
 */
import {
  canonicalJson,
  decodeSignatureHex,
  encodeSignatureHex,
  sm2Sign,
  sm2Verify,
  type AffinePoint,
  type KSource,
} from '../crypto';

export interface AssertionClaims {
  name: string;
  idNumber: string;
  method: 'face' | 'zlb';
  certifyId: string;
  issuedAt: string;
  expiresAt: string;
}

export interface SignedAssertion {
  claims: AssertionClaims;
  /** SM2 signature r ‖ s, 128 hex digits */
  signature: string;
}

export const signAssertion = (
  claims: AssertionClaims,
  privateKey: bigint,
  kSource: KSource,
): SignedAssertion => ({
  claims,
  signature: encodeSignatureHex(sm2Sign(privateKey, canonicalJson(claims), kSource)),
});

/** True when the signature verifies and the claims are well formed and current at `now`. */
export function verifyAssertion(a: SignedAssertion, publicKey: AffinePoint, now: Date): boolean {
  const c = a.claims as Partial<AssertionClaims>;
  if (
    typeof c.name !== 'string' ||
    typeof c.idNumber !== 'string' ||
    (c.method !== 'face' && c.method !== 'zlb') ||
    typeof c.certifyId !== 'string' ||
    typeof c.issuedAt !== 'string' ||
    typeof c.expiresAt !== 'string'
  ) {
    return false;
  }
  let ok: boolean;
  try {
    ok = sm2Verify(publicKey, canonicalJson(a.claims), decodeSignatureHex(a.signature));
  } catch {
    return false;
  }
  if (!ok) return false;
  const t = now.getTime();
  return Date.parse(c.issuedAt) <= t + 1000 && t < Date.parse(c.expiresAt);
}
