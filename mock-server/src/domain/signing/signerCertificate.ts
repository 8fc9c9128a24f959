/**
 * Signer certificates (电子签名法 §13, §16–§20): the signature CA binds a signing key to the
 * person or organisation it names, so that a signature identifies its signer and its creation
 * data belong to the signer alone.
 *
 * - A citizen gets a short-lived event certificate (事件型证书) after the fresh face check: a new
 *   SM2 key pair for this one signing act, valid for minutes, naming the person (name and the
 *   SM3 digest of their ID number, salted with the certificate's serial so that the number is
 *   not shown) and the face-verification record it was issued on. The key signs once and is
 *   discarded.
 * - An organisation (bank, developer) signs with its own e-seal certificate (机构电子签章证书) of
 *   the same structure, for its long-lived seal key.
 *
 * The CA signs the canonical JSON of the certificate body with its root key (SM2 over SM3, Z with
 * the default user id). Anyone holding only the CA's published root key checks the chain:
 * CA → certificate → signer → digest (→ document, by recomputing the digest). Pure: keys and the
 * nonce source are injected.
 */
import {
  bytesToHex,
  canonicalJson,
  encodePublicKeyHex,
  encodeSignatureHex,
  hexToBytes,
  publicKeyFromPrivateKey,
  sm2Sign,
  sm2VerifyHex,
  sm3,
  utf8,
  SM2_DEFAULT_USER_ID,
  type KSource,
} from '../crypto';

export const SIGNER_CERTIFICATE_ALGORITHM = 'SM2-with-SM3';
/** Assumption: how long an event certificate lives (the signing act takes seconds). */
export const EVENT_CERTIFICATE_MINUTES = 10;

export type SignerCertificateType = 'event' | 'organisationSeal';

export interface FaceCheckReference {
  /** the identity platform's face-verification record (its certifyId, or the 浙里办 pass) */
  reference: string;
  /** when the face check passed (ISO instant) */
  checkedAt: string;
}

export interface SignerCertificateBody {
  documentType: 'signerCertificate';
  certificateType: SignerCertificateType;
  serialNumber: string;
  issuer: { name: string; keyId: string };
  subject: {
    kind: 'person' | 'organisation';
    name: string;
    /** SM3(serialNumber ‖ '|' ‖ ID number), hex: names the signer without showing the number */
    idDigest: string;
  };
  /** the signer's SM2 public key, 04‖x‖y hex */
  subjectPublicKey: string;
  algorithm: typeof SIGNER_CERTIFICATE_ALGORITHM;
  userId: string;
  notBefore: string;
  notAfter: string;
  /** for an event certificate: the face check it was issued on */
  faceCheck?: FaceCheckReference;
}

export interface SignerCertificate {
  body: SignerCertificateBody;
  /** the CA's SM2 signature over the canonical JSON of the body */
  issuerSignature: {
    algorithm: typeof SIGNER_CERTIFICATE_ALGORITHM;
    keyId: string;
    signature: string;
  };
}

/** A CA root key as the CA publishes it. */
export interface CaRootKey {
  keyId: string;
  publicKeyHex: string;
}

export const idDigestOf = (serialNumber: string, idNumber: string): string =>
  bytesToHex(sm3(utf8(`${serialNumber}|${idNumber}`)));

/** The CA issues a certificate: signs the body with its root key. */
export function issueSignerCertificate(
  body: Omit<SignerCertificateBody, 'documentType' | 'algorithm' | 'userId'>,
  ca: { keyId: string; privateKey: bigint },
  kSource: KSource,
): SignerCertificate {
  const full: SignerCertificateBody = {
    documentType: 'signerCertificate',
    algorithm: SIGNER_CERTIFICATE_ALGORITHM,
    userId: SM2_DEFAULT_USER_ID,
    ...body,
  };
  const signature = sm2Sign(ca.privateKey, utf8(canonicalJson(full)), kSource);
  return {
    body: full,
    issuerSignature: {
      algorithm: SIGNER_CERTIFICATE_ALGORITHM,
      keyId: ca.keyId,
      signature: encodeSignatureHex(signature),
    },
  };
}

/** The signer signs a 32-byte digest (hex) with the certified key: r‖s hex. */
export function signDigestWith(privateKey: bigint, digestHex: string, kSource: KSource): string {
  return encodeSignatureHex(sm2Sign(privateKey, hexToBytes(digestHex), kSource));
}

export const publicKeyHexOf = (privateKey: bigint): string =>
  encodePublicKeyHex(publicKeyFromPrivateKey(privateKey));

export type SignatureCheckReason =
  | 'malformed'
  | 'untrustedIssuer'
  | 'badCertificate'
  | 'notValidAtSigning'
  | 'wrongSigner'
  | 'badSignature';

export type SignatureCheck = { valid: true } | { valid: false; reason: SignatureCheckReason };

export const SIGNATURE_CHECK_MESSAGES: Record<SignatureCheckReason, string> = {
  malformed: '签名记录格式不正确',
  untrustedIssuer: '签名证书不是由受信任的电子认证服务签发',
  badCertificate: '签名证书无效：证书内容与认证服务的签名不符',
  notValidAtSigning: '签名时间不在签名证书的有效期内',
  wrongSigner: '签名证书所载签署人与签名记录不符',
  badSignature: '签名无效：签名值与证书或签署内容不符',
};

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

/** Whether the certificate is signed by one of the trusted CA root keys (by key id). */
export function certificateIssuedBy(
  cert: SignerCertificate,
  roots: readonly CaRootKey[],
): SignatureCheck {
  const b = cert?.body;
  const s = cert?.issuerSignature;
  if (
    !b ||
    !s ||
    b.documentType !== 'signerCertificate' ||
    s.algorithm !== SIGNER_CERTIFICATE_ALGORITHM ||
    typeof s.signature !== 'string' ||
    !HEX128.test(s.signature)
  )
    return { valid: false, reason: 'malformed' };
  const root = roots.find((k) => k.keyId === s.keyId && k.keyId === b.issuer?.keyId);
  if (!root) return { valid: false, reason: 'untrustedIssuer' };
  return sm2VerifyHex(root.publicKeyHex, utf8(canonicalJson(b)), s.signature)
    ? { valid: true }
    : { valid: false, reason: 'badCertificate' };
}

/**
 * Checks one signature from its record alone against the CA's published root keys: the
 * certificate was issued by the CA, it names the expected signer (when given: name, and the ID
 * number when the checker knows it), the signing time lies in its validity, and its key signed
 * the digest.
 */
export function verifySignerSignature(
  record: {
    signedDigest: string;
    signature: string;
    signedAt: string;
    certificate: SignerCertificate;
  },
  roots: readonly CaRootKey[],
  expected?: { name?: string; idNumber?: string },
): SignatureCheck {
  if (
    !record ||
    typeof record.signedDigest !== 'string' ||
    !HEX64.test(record.signedDigest) ||
    typeof record.signature !== 'string' ||
    !HEX128.test(record.signature)
  )
    return { valid: false, reason: 'malformed' };
  const issued = certificateIssuedBy(record.certificate, roots);
  if (!issued.valid) return issued;
  const b = record.certificate.body;
  if (expected?.name !== undefined && b.subject.name !== expected.name)
    return { valid: false, reason: 'wrongSigner' };
  if (
    expected?.idNumber !== undefined &&
    b.subject.idDigest !== idDigestOf(b.serialNumber, expected.idNumber)
  )
    return { valid: false, reason: 'wrongSigner' };
  const at = Date.parse(record.signedAt);
  if (!(at >= Date.parse(b.notBefore) && at <= Date.parse(b.notAfter)))
    return { valid: false, reason: 'notValidAtSigning' };
  return sm2VerifyHex(b.subjectPublicKey, hexToBytes(record.signedDigest), record.signature)
    ? { valid: true }
    : { valid: false, reason: 'badSignature' };
}
