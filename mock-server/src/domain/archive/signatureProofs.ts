/**
 * The proof of every party signature kept in the archive package (电子签名法 §13–14, 档案法 §39):
 * per signature the covered documents' digests, the bundle and handwriting digests, the signed
 * digest, the signature value, the signer's certificate, the time and the face-check reference,
 * and the signed documents themselves, so that a party trusting only the signature CA's
 * published root keys can check every signature from the package alone:
 * CA → certificate → signer → signed digest → bundle digest → each document. Pure.
 */
import { hexToBytes, sm2VerifyHex } from '../crypto';
import {
  bundleDigestOf,
  digestOf,
  signedDigestOf,
  verifySignerSignature,
  SIGNATURE_CHECK_MESSAGES,
  type BundleDoc,
  type CaRootKey,
  type FaceCheckReference,
  type SignerCertificate,
} from '../signing';

export interface SignatureProof {
  signatureId: string;
  partyId: string;
  signerName: string;
  signedAt: string;
  /** false once content it covered changed: kept on record, not checked against the documents */
  current: boolean;
  /** document id → digest, as signed */
  documents: Record<string, string>;
  bundleDigest: string;
  handwritingDigest: string;
  signedDigest: string;
  /** r‖s hex, made with the certificate's key */
  signature: string;
  /** absent on signatures made before signer certificates (then the CA's root key signed) */
  certificate?: SignerCertificate;
  faceCheck?: FaceCheckReference;
  /** the CA root key the record names (for reading; the check trusts only published keys) */
  caKeyId: string;
  /**
   * signed by an agent or guardian (whom `signerName` and the certificate name) for the party
   * `partyId`, under this authority: e.g. 委托代理人 许慧芳 代 委托人 叶美华
   */
  onBehalfOf?: {
    representationId: string;
    kind: 'agent' | 'guardian';
    agentId: string;
    principalName: string;
    statement: string;
  };
}

export interface SignatureProofsBody {
  documentType: 'signatureProofs';
  caseId: string;
  /** the documents as the current signatures signed them, in bundle order */
  signedDocuments: BundleDoc[];
  signatures: SignatureProof[];
}

export interface SignatureProofResult {
  signatureId: string;
  signerName: string;
  valid: boolean;
  message: string;
}

/**
 * A signed document's digest recomputed from what the package holds: SM3 of the canonical JSON
 * of its data, or of its data and its renderer's version when the document names the renderer it
 * was shown with (what you see is what you sign), so a changed rendering version fails as a
 * changed document does.
 */
export const signedDocumentDigest = (d: BundleDoc): string => {
  const renderer = (d as { renderer?: unknown }).renderer;
  return renderer === undefined ? digestOf(d.body) : digestOf({ body: d.body, renderer });
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks every signature of a package's proofs against the trusted CA root keys. */
export function checkSignatureProofs(
  body: unknown,
  roots: readonly CaRootKey[],
): SignatureProofResult[] | undefined {
  if (!isRecord(body) || body.documentType !== 'signatureProofs') return undefined;
  const docs = Array.isArray(body.signedDocuments) ? (body.signedDocuments as BundleDoc[]) : [];
  const sigs = Array.isArray(body.signatures) ? (body.signatures as SignatureProof[]) : [];
  return sigs.map((s) => ({
    signatureId: String(s?.signatureId ?? '?'),
    signerName: String(s?.signerName ?? '?'),
    ...checkOne(s, docs, roots),
  }));
}

function checkOne(
  s: SignatureProof,
  docs: readonly BundleDoc[],
  roots: readonly CaRootKey[],
): { valid: boolean; message: string } {
  const fail = (message: string) => ({ valid: false, message });
  const hex = /^[0-9a-f]{64}$/;
  if (!isRecord(s) || !hex.test(s.bundleDigest) || !hex.test(s.handwritingDigest))
    return fail(SIGNATURE_CHECK_MESSAGES.malformed);
  if (s.signedDigest !== signedDigestOf(s.bundleDigest, s.handwritingDigest))
    return fail('签署摘要与文件摘要、手写签名摘要不符');
  if (s.certificate !== undefined) {
    const check = verifySignerSignature({ ...s, certificate: s.certificate }, roots, {
      name: s.signerName,
    });
    if (!check.valid) return fail(SIGNATURE_CHECK_MESSAGES[check.reason]);
    if (
      s.certificate.body.certificateType === 'event' &&
      s.faceCheck?.reference !== s.certificate.body.faceCheck?.reference
    )
      return fail('签名记录的人脸核验与签名证书所载不符');
  } else if (
    !roots.some((k) => sm2VerifyHex(k.publicKeyHex, hexToBytes(s.signedDigest), s.signature))
  )
    return fail(SIGNATURE_CHECK_MESSAGES.badSignature);
  if (!s.current) return { valid: true, message: '签名有效（已因内容变更失效，仅存档）' };
  // the documents: each covered one present with the digest signed, and their bundle digest
  const covered = docs.filter((d) => isRecord(s.documents) && d.id in s.documents);
  if (!isRecord(s.documents) || covered.length !== Object.keys(s.documents).length)
    return fail('签署的文件不全在档案中');
  for (const d of covered) {
    if (d.digest !== signedDocumentDigest(d) || d.digest !== s.documents[d.id])
      return fail(`文件“${d.title}”与签署时的摘要不符`);
  }
  if (bundleDigestOf(covered) !== s.bundleDigest) return fail('签署文件的摘要与签名记录不符');
  return { valid: true, message: '签名有效，签署的文件未被改动' };
}
