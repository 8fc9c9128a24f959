/**
 * Presentation tokens (亮证码): what the holder's QR code carries. The registry seals
 * the claims with its SM2 key (GB/T 32918, signature over SM3(Z ‖ canonicalJson(claims))), so
 * anybody holding the registry's public key can check a token OFFLINE; only the status "now"
 * and the use count need the registry.
 *
 *   HE1.<base64url(canonical JSON of the claims)>.<base64url(r ‖ s, 64 bytes)>
 *
 * Pure: the private key and the nonce source (k) are injected.
 */
import {
  bigintToBytes,
  bytesToBigint,
  canonicalJson,
  decodePublicKeyHex,
  sm2Sign,
  sm2Verify,
  utf8,
  type KSource,
} from '../crypto';
import { base64urlDecode, base64urlEncode } from './base64url';
import type { PresentationErrorCode } from './codes';

export const TOKEN_PREFIX = 'HE1';
/** 细则: a presentation lives at most 5 minutes */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;
/** clock skew tolerated between the registry and a verifier */
export const CLOCK_SKEW_SECONDS = 30;

export const PRESENTATION_VIEWS = ['full', 'minimal'] as const;
export type PresentationView = (typeof PRESENTATION_VIEWS)[number];
export const PRESENTED_KINDS = ['titleCertificate', 'holdingsProof'] as const;
export type PresentedKind = (typeof PRESENTED_KINDS)[number];

export interface PresentationClaims {
  v: 1;
  typ: 'estate-presentation';
  /** registry key id */
  kid: string;
  /** presentation id */
  pid: string;
  /** the wallet item presented: a certificate id or a holdings-proof id */
  sub: string;
  kind: PresentedKind;
  view: PresentationView;
  /** names of the disclosed fields, in display order */
  fields: string[];
  /** 128-bit random, hex */
  nonce: string;
  /** ISO instants */
  iat: string;
  exp: string;
  /** how many verifications the token allows */
  uses: number;
}

export function signPresentationToken(
  claims: PresentationClaims,
  privateKey: bigint,
  kSource: KSource,
): string {
  const message = utf8(canonicalJson(claims));
  const sig = sm2Sign(privateKey, message, kSource);
  const sigBytes = new Uint8Array(64);
  sigBytes.set(bigintToBytes(sig.r, 32), 0);
  sigBytes.set(bigintToBytes(sig.s, 32), 32);
  return `${TOKEN_PREFIX}.${base64urlEncode(message)}.${base64urlEncode(sigBytes)}`;
}

export type TokenCheck =
  | { ok: true; claims: PresentationClaims }
  | { ok: false; code: PresentationErrorCode; claims?: PresentationClaims };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const isStr = (x: unknown, max = 200): x is string =>
  typeof x === 'string' && x.length > 0 && x.length <= max;

function wellFormed(x: unknown): x is PresentationClaims {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const c = x as Record<string, unknown>;
  const keys = Object.keys(c).sort().join(',');
  if (keys !== 'exp,fields,iat,kid,kind,nonce,pid,sub,typ,uses,v,view') return false;
  return (
    c.v === 1 &&
    c.typ === 'estate-presentation' &&
    isStr(c.kid, 80) &&
    isStr(c.pid, 80) &&
    isStr(c.sub, 80) &&
    (PRESENTED_KINDS as readonly unknown[]).includes(c.kind) &&
    (PRESENTATION_VIEWS as readonly unknown[]).includes(c.view) &&
    Array.isArray(c.fields) &&
    c.fields.length <= 40 &&
    c.fields.every((f) => isStr(f, 40)) &&
    typeof c.nonce === 'string' &&
    /^[0-9a-f]{32}$/.test(c.nonce) &&
    isStr(c.iat) &&
    ISO.test(c.iat) &&
    isStr(c.exp) &&
    ISO.test(c.exp) &&
    Number.isInteger(c.uses) &&
    (c.uses as number) >= 1 &&
    (c.uses as number) <= 100
  );
}

/** Parses a token without checking anything but its form. */
export function decodePresentationToken(
  token: string,
): { claims: PresentationClaims; message: Uint8Array; signature: Uint8Array } | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return undefined;
  const message = base64urlDecode(parts[1]);
  const signature = base64urlDecode(parts[2]);
  if (!message || !signature || signature.length !== 64) return undefined;
  let parsed: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(message);
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!wellFormed(parsed)) return undefined;
  // one token, one encoding: the bytes must be the canonical JSON of what they say
  if (canonicalJson(parsed) !== text) return undefined;
  return { claims: parsed, message, signature };
}

/**
 * The offline check a verifier can run with nothing but the registry's public key: form, seal,
 * lifetime (≤ 5 min), validity at `now`. Order matters: a forged token is reported as forged
 * even when it is also expired.
 */
export function checkPresentationToken(
  token: string,
  trustedPublicKeyHex: string,
  now: Date,
): TokenCheck {
  const decoded = typeof token === 'string' ? decodePresentationToken(token) : undefined;
  if (!decoded) return { ok: false, code: 'TOKEN_MALFORMED' };
  const { claims, message, signature } = decoded;
  let sealed = false;
  try {
    sealed = sm2Verify(decodePublicKeyHex(trustedPublicKeyHex), message, {
      r: bytesToBigint(signature.slice(0, 32)),
      s: bytesToBigint(signature.slice(32)),
    });
  } catch {
    sealed = false;
  }
  if (!sealed) return { ok: false, code: 'TOKEN_SEAL_INVALID' };
  const iat = Date.parse(claims.iat);
  const exp = Date.parse(claims.exp);
  if (!(exp > iat) || exp - iat > MAX_TOKEN_LIFETIME_SECONDS * 1000) {
    return { ok: false, code: 'TOKEN_LIFETIME_INVALID', claims };
  }
  const t = now.getTime();
  if (t < iat - CLOCK_SKEW_SECONDS * 1000)
    return { ok: false, code: 'TOKEN_NOT_YET_VALID', claims };
  if (t >= exp) return { ok: false, code: 'TOKEN_EXPIRED', claims };
  return { ok: true, claims };
}

/**
 * The token inside whatever a scanner returned: the bare token, or the verify URL the QR
 * carries (`https://…/verify#HE1.…`).
 */
export function extractToken(scanned: string): string | undefined {
  const m = /HE1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(scanned);
  return m?.[0];
}
