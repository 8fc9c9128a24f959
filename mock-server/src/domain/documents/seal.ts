/**
 * The registry's electronic seal (docs/registry-facts.md §9, GB/T 38540): an SM2 signature (GB/T
 * 32918.2, default user id 1234567812345678) over the UTF-8 canonical JSON of the document body.
 * The signature's own hash is SM3(Z ‖ M); `digest` is SM3(M), printed on the document so that
 * anyone can compare it. Pure: the private key and the nonce source are injected.
 */
import {
  canonicalJson,
  bytesToHex,
  decodePublicKeyHex,
  decodeSignatureHex,
  encodePublicKeyHex,
  encodeSignatureHex,
  publicKeyFromPrivateKey,
  sm2Sign,
  sm2Verify,
  sm3,
  utf8,
  SM2_DEFAULT_USER_ID,
  type KSource,
} from '../crypto';

export const SEAL_ALGORITHM = 'SM2-with-SM3';
/** Assumption: the seal's name as printed; the real seal's wording was not found. */
export const REGISTRY_SEAL_NAME = '台州市自然资源和规划局不动产登记专用章';

export interface Seal {
  algorithm: typeof SEAL_ALGORITHM;
  userId: string;
  sealName: string;
  keyId: string;
  /** uncompressed public key 04‖x‖y, hex */
  publicKey: string;
  /** SM3 of the canonical JSON of the body, hex */
  digest: string;
  /** r‖s, hex */
  signature: string;
}

export interface SealedDocument<B = Record<string, unknown>> {
  body: B;
  seal: Seal;
}

export interface SealingKey {
  keyId: string;
  privateKey: bigint;
}

export const documentDigestHex = (body: unknown): string =>
  bytesToHex(sm3(utf8(canonicalJson(body))));

/** `sealName`: another party's seal (the archives' receipt); the registry's by default. */
export function sealDocument<B>(
  body: B,
  key: SealingKey,
  kSource: KSource,
  sealName: string = REGISTRY_SEAL_NAME,
): SealedDocument<B> {
  const message = utf8(canonicalJson(body));
  const signature = sm2Sign(key.privateKey, message, kSource);
  return {
    body,
    seal: {
      algorithm: SEAL_ALGORITHM,
      userId: SM2_DEFAULT_USER_ID,
      sealName,
      keyId: key.keyId,
      publicKey: encodePublicKeyHex(publicKeyFromPrivateKey(key.privateKey)),
      digest: bytesToHex(sm3(message)),
      signature: encodeSignatureHex(signature),
    },
  };
}

export type SealCheck =
  | { valid: true }
  | { valid: false; reason: 'malformed' | 'untrustedKey' | 'digestMismatch' | 'badSignature' };

/** Checks a document's seal against the registry's published public key. */
export function verifySeal(doc: SealedDocument<unknown>, trustedPublicKeyHex: string): SealCheck {
  const s = doc?.seal;
  if (!s || typeof s !== 'object' || s.algorithm !== SEAL_ALGORITHM) {
    return { valid: false, reason: 'malformed' };
  }
  if (String(s.publicKey).toLowerCase() !== trustedPublicKeyHex.toLowerCase()) {
    return { valid: false, reason: 'untrustedKey' };
  }
  let message: Uint8Array;
  try {
    message = utf8(canonicalJson(doc.body));
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (bytesToHex(sm3(message)) !== String(s.digest).toLowerCase()) {
    return { valid: false, reason: 'digestMismatch' };
  }
  try {
    const ok = sm2Verify(
      decodePublicKeyHex(trustedPublicKeyHex),
      message,
      decodeSignatureHex(s.signature),
      { userId: s.userId || SM2_DEFAULT_USER_ID },
    );
    return ok ? { valid: true } : { valid: false, reason: 'badSignature' };
  } catch {
    return { valid: false, reason: 'malformed' };
  }
}

export const SEAL_CHECK_MESSAGES: Record<Exclude<SealCheck, { valid: true }>['reason'], string> = {
  malformed: '文件格式不正确，无法核验电子印章',
  untrustedKey: '电子印章不是台州市不动产登记机构的印章',
  digestMismatch: '文件内容已被改动，与电子印章不符',
  badSignature: '电子印章签名无效',
};
