/**
 * Whether every party has a current e-signature over the current bundle (the 网签 contract
 * terms included). A case is submitted only then (电子签名法 §13–14: 409 SIGNATURES_INCOMPLETE
 * otherwise), and the online contract is filed only then. Counter intake (usecases/staff) is
 * signed in person before staff and never passes through here.
 */
import type { CaseRecord } from '../../domain/cases';
import { isCollectingSignatures } from '../../domain/cases/status';
import { maskName } from '../../domain/masking';
import type { CaseStore, SigningStore } from '../../ports';
import { err } from './caseAccess';

export interface SignaturesCompleteDeps {
  caseStore: Pick<CaseStore, 'get'>;
  store: Pick<SigningStore, 'signaturesOf'>;
  /**
   * whether the authority an agent or guardian signed under still stands: their signature counts
   * for the party only while it does (a revoked one, even if a signature survived a race, does not)
   */
  standing: (representationId: string) => Promise<boolean>;
}

export class SignaturesComplete {
  constructor(private readonly deps: SignaturesCompleteDeps) {}

  /**
   * Refuses a submission while a party's current signature is missing, naming who: the reader's
   * own name in full, the others masked (domain/masking.ts).
   */
  async assertForSubmission(caseId: string, readerId: string): Promise<void> {
    const c = await this.deps.caseStore.get(caseId);
    // other statuses are refused by the lifecycle itself (and unknown cases are 404 there)
    if (!c || !isCollectingSignatures(c)) return;
    const missing = await this.unsignedParties(c);
    const names = missing.map((p) => (p.personId === readerId ? p.name : maskName(p.name)));
    if (names.length)
      throw err(
        'SIGNATURES_INCOMPLETE',
        `还有当事人未签署当前版本：${[...new Set(names)].join('、')}`,
      );
  }

  /** A case being signed that every party has signed in its current version. */
  async signedByAll(caseId: string): Promise<boolean> {
    const c = await this.deps.caseStore.get(caseId);
    return !!c && isCollectingSignatures(c) && (await this.unsignedParties(c)).length === 0;
  }

  /**
   * The parties without a current e-signature (every party needs one: their own, or their
   * agent's or guardian's under an authority that stands).
   */
  private async unsignedParties(c: CaseRecord): Promise<{ personId: string; name: string }[]> {
    const sigs = await this.deps.store.signaturesOf(c.caseId);
    const current = new Set<string>();
    for (const s of sigs) {
      if (!s.current) continue;
      if (s.onBehalfOf && !(await this.deps.standing(s.onBehalfOf.representationId))) continue;
      current.add(s.partyId);
    }
    return c.parties.filter((p) => !current.has(p.personId));
  }
}
