/**
 * The holder's verification log: every successful verification of their item, with who
 * verified (an app user, masked, or 网页核验), how (QR or 6-digit code) and which view.
 */
import type { CertificateStore } from '../../ports/certificates';
import type { Person, VerificationLogView } from './views';

export interface VerificationLogDeps {
  store: Pick<CertificateStore, 'verificationsOf'>;
}

export class VerificationLog {
  constructor(private readonly deps: VerificationLogDeps) {}

  async of(caller: Person, itemId: string): Promise<VerificationLogView[]> {
    const log = await this.deps.store.verificationsOf(itemId, caller.personId);
    return log.map((v) => ({
      verifiedAt: v.verifiedAt,
      verifierKind: v.verifierKind,
      verifier: v.verifierDisplay,
      via: v.via,
      view: v.view,
    }));
  }
}
