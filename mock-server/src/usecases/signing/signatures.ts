/**
 * Signature records as anyone may read and check them: a case's signatures (for its parties),
 * the signature CA's published root key, and whether a record verifies and covers a given
 * bundle. The signer's certified key (an event certificate from the CA, or an organisation's
 * e-seal certificate) signs SM3(bundle ‖ handwriting) with SM2; the check goes CA root key →
 * certificate → signer → digest.
 */
import {
  SIGNATURE_CHECK_MESSAGES,
  signatureAsReadBy,
  signedDigestOf,
  verifySignerSignature,
  type SignerCertificate,
} from '../../domain/signing';
import { hexToBytes, sm2VerifyHex } from '../../domain/crypto';
import { maskName } from '../../domain/masking';
import { CAPACITY, onBehalfText } from '../../domain/representation';
import type { SignatureAuthority, SigningStore, StoredSignature } from '../../ports';
import type { PartyCaller } from '../cases/types';
import type { CaseReads } from './caseAccess';

/** The CA as a signature record names it (its key then, or its current one). */
export function authorityView(ca: SignatureAuthority, publicKey: string, certificateId: string) {
  return {
    name: ca.name,
    certificateId,
    keyId: certificateId,
    algorithm: 'SM2-with-SM3' as const,
    userId: ca.userId,
    publicKey,
  };
}

/**
 * An agent's or guardian's signature for a party: the capacity and on whose behalf. `readerId`:
 * the names are in full for the two persons themselves, masked for any other reader.
 */
function onBehalfView(s: StoredSignature, readerId?: string) {
  const o = s.onBehalfOf;
  if (!o) return {};
  const own = readerId === undefined || readerId === s.partyId || readerId === o.agentId;
  const principalName = own ? o.principalName : maskName(o.principalName);
  const agentName = own ? s.signerName : maskName(s.signerName);
  return {
    onBehalfOf: {
      representationId: o.representationId,
      capacity: CAPACITY[o.kind].actor,
      principalName,
      statement: onBehalfText(o.kind, agentName, principalName),
    },
  };
}

export function signatureView(ca: SignatureAuthority, s: StoredSignature, readerId?: string) {
  return {
    signatureId: s.signatureId,
    caseId: s.caseId,
    partyId: s.partyId,
    signerName: s.signerName,
    signedAt: s.signedAt,
    algorithm: 'SM2-with-SM3' as const,
    bundleDigest: s.bundleDigest,
    handwritingDigest: s.handwritingDigest,
    signedDigest: s.signedDigest,
    signature: s.signature,
    ca: authorityView(ca, s.caPublicKey, s.caCertificateId),
    ...(s.certificate ? { certificate: s.certificate } : {}),
    ...(s.faceCheck ? { faceCheck: s.faceCheck } : {}),
    current: s.current,
    ...onBehalfView(s, readerId),
  };
}

export interface SignatureRecordsDeps {
  cases: Pick<CaseReads, 'getCase'>;
  store: Pick<SigningStore, 'signaturesOf'>;
  ca: SignatureAuthority;
}

export class SignatureRecords {
  constructor(private readonly deps: SignatureRecordsDeps) {}

  /**
   * Every signature of the case, voided ones included (for its parties only): the caller's own in
   * full, another person's with the name masked and without certificate or face check
   * (`signatureAsReadBy`).
   */
  async list(caller: PartyCaller, caseId: string) {
    await this.deps.cases.getCase(caller, caseId);
    return (await this.deps.store.signaturesOf(caseId)).map((s) =>
      signatureAsReadBy(signatureView(this.deps.ca, s, caller.personId), caller.personId),
    );
  }

  /** The CA's root key it issues certificates with now (published with its key id). */
  async authority() {
    const cert = await this.deps.ca.certificate();
    return authorityView(this.deps.ca, cert.publicKeyHex, cert.certificateId);
  }

  /**
   * Does the record verify, and does it cover this bundle digest? With a signer certificate:
   * the certificate must be issued by one of the CA's published root keys and its key must have
   * made the signature within the certificate's validity. A record made before certificates
   * (signed by the CA's root key itself) is checked under the CA's root keys only.
   */
  async verify(
    record: {
      bundleDigest: string;
      handwritingDigest: string;
      signature: string;
      signedAt?: string;
      ca?: { publicKey?: string };
      certificate?: unknown;
    },
    bundleDigest: string,
  ): Promise<{ valid: boolean; message: string }> {
    const hex = /^[0-9a-f]{64}$/;
    if (!hex.test(record.bundleDigest) || !hex.test(record.handwritingDigest))
      return { valid: false, message: '签名记录格式不正确' };
    const signed = signedDigestOf(record.bundleDigest, record.handwritingDigest);
    const roots = await this.deps.ca.rootKeys();
    if (record.certificate !== undefined) {
      const check = verifySignerSignature(
        {
          signedDigest: signed,
          signature: record.signature,
          signedAt: record.signedAt ?? '',
          certificate: record.certificate as SignerCertificate,
        },
        roots,
      );
      if (!check.valid) return { valid: false, message: SIGNATURE_CHECK_MESSAGES[check.reason] };
    } else if (
      !roots.some((k) => sm2VerifyHex(k.publicKeyHex, hexToBytes(signed), record.signature))
    )
      return { valid: false, message: '签名无效：签名值与签名记录不符' };
    if (record.bundleDigest !== bundleDigest)
      return { valid: false, message: '签名无效：文件内容在签名后已被改动' };
    return { valid: true, message: '签名有效，签署后文件内容未被改动' };
  }
}
