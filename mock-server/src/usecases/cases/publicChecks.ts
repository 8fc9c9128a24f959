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

  async verifySeal(doc: SealedDocument<unknown>): Promise<SealCheckAnswer> {
    const check = checkSealedBody(doc, this.deps.publicKey.publicKeyHex);
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
