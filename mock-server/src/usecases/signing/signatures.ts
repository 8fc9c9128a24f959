/**
 * Signature records as anyone may read and check them: a case's signatures (for its parties),
 * the signature CA's certificate, and whether a record verifies and covers a given bundle. The
 * CA (a trusted third-party e-signature service, simulated) signs SM3(bundle ‖ handwriting)
 * with SM2.
 */
import { signedDigestOf } from '../../domain/signing';
import type { SignatureAuthority, SigningStore, StoredSignature } from '../../ports';
import type { PartyCaller } from '../cases/types';
import type { CaseReads } from './caseAccess';

/** The CA as a signature record names it (its key then, or its current one). */
export function authorityView(ca: SignatureAuthority, publicKey: string, certificateId: string) {
  return {
    name: ca.name,
    certificateId,
    algorithm: 'SM2-with-SM3' as const,
    userId: ca.userId,
    publicKey,
  };
}

export function signatureView(ca: SignatureAuthority, s: StoredSignature) {
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
    current: s.current,
  };
}

export interface SignatureRecordsDeps {
  cases: Pick<CaseReads, 'getCase'>;
  store: Pick<SigningStore, 'signaturesOf'>;
  ca: SignatureAuthority;
}

export class SignatureRecords {
  constructor(private readonly deps: SignatureRecordsDeps) {}

  /** Every signature of the case, voided ones included (for its parties only). */
  async list(caller: PartyCaller, caseId: string) {
    await this.deps.cases.getCase(caller, caseId);
    return (await this.deps.store.signaturesOf(caseId)).map((s) => signatureView(this.deps.ca, s));
  }

  /** The CA's certificate it signs with now. */
  async authority() {
    const cert = await this.deps.ca.certificate();
    return authorityView(this.deps.ca, cert.publicKeyHex, cert.certificateId);
  }

  /** Does the record verify, and does it cover this bundle digest? */
  async verify(
    record: {
      bundleDigest: string;
      handwritingDigest: string;
      signature: string;
      ca?: { publicKey?: string };
    },
    bundleDigest: string,
  ): Promise<{ valid: boolean; message: string }> {
    const hex = /^[0-9a-f]{64}$/;
    if (!hex.test(record.bundleDigest) || !hex.test(record.handwritingDigest))
      return { valid: false, message: '签名记录格式不正确' };
    const signed = signedDigestOf(record.bundleDigest, record.handwritingDigest);
    if (!(await this.deps.ca.verify(signed, record.signature, record.ca?.publicKey)))
      return { valid: false, message: '签名无效：签名值与签名记录不符' };
    if (record.bundleDigest !== bundleDigest)
      return { valid: false, message: '签名无效：文件内容在签名后已被改动' };
    return { valid: true, message: '签名有效，签署后文件内容未被改动' };
  }
}
