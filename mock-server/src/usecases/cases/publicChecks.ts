/**
 * What anyone may check without signing in: is a document sealed by the registry and unchanged
 * since (and for a certificate, its status in the register now: current, cancelled…), the
 * registry's public key, and the void announcements of old paper certificates.
 */
import type { SealedDocument } from '../../domain/documents';
import type { CaseStore, VoidAnnouncement } from '../../ports';
import { checkSealedBody } from '../shared/sealing';

export interface SealCheckAnswer {
  valid: boolean;
  message: string;
  reason?: string;
  number?: string;
  certificateStatus?: string;
}

export interface PublicChecksDeps {
  /** the registry's sealing key: only its seal is trusted */
  publicKey: { keyId: string; publicKeyHex: string };
  /**
   * the registry's retired keys, still published: what they sealed before a rotation
   * (npm run keys:rotate) still verifies
   */
  retiredKeys?: readonly { keyId: string; publicKeyHex: string }[];
  store: Pick<CaseStore, 'certificateStatusByNumber' | 'voidAnnouncements'>;
}

export class PublicChecks {
  constructor(private readonly deps: PublicChecksDeps) {}

  publicKey(): { keyId: string; publicKeyHex: string } {
    return this.deps.publicKey;
  }

  voidAnnouncements(): Promise<VoidAnnouncement[]> {
    return this.deps.store.voidAnnouncements();
  }

  /** the current key, or the retired one the seal names (by id and public key) */
  private trustedKeyFor(doc: SealedDocument<unknown>): { publicKeyHex: string } {
    const seal = (doc as { seal?: { keyId?: unknown; publicKey?: unknown } } | null)?.seal;
    const retired = this.deps.retiredKeys?.find(
      (k) =>
        k.keyId === seal?.keyId &&
        typeof seal?.publicKey === 'string' &&
        seal.publicKey.toLowerCase() === k.publicKeyHex.toLowerCase(),
    );
    return retired ?? this.deps.publicKey;
  }

  async verifySeal(doc: SealedDocument<unknown>): Promise<SealCheckAnswer> {
    const check = checkSealedBody(doc, this.trustedKeyFor(doc).publicKeyHex);
    const body = (doc?.body ?? {}) as { number?: unknown; documentType?: unknown };
    const number = typeof body.number === 'string' ? body.number : undefined;
    if (!check.valid)
      return {
        valid: false,
        reason: check.reason,
        message: check.message,
        ...(number ? { number } : {}),
      };
    const isCertificate =
      body.documentType === 'titleCertificate' || body.documentType === 'registrationProof';
    const certificateStatus =
      number && isCertificate ? await this.deps.store.certificateStatusByNumber(number) : undefined;
    return {
      valid: true,
      message: check.message,
      ...(number ? { number } : {}),
      ...(certificateStatus ? { certificateStatus } : {}),
    };
  }
}
