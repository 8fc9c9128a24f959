/**
 * Signatures follow the content they signed: a change to a case runs through `track`, and every
 * signature whose covered documents changed is voided afterwards. The party's 已签 is cleared,
 * the change is recorded (the bundle's content version goes up), organisations seal again and
 * every party is told what changed and who must sign again.
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { bundleDigestOf, changedDocuments, coveredBy, type BundleDoc } from '../../domain/signing';
import type { SyncCaseStore, Clock, SigningStore, StoredSignature } from '../../ports';
import { updateCase, type TellParties } from './caseAccess';

export interface ChangeTrackingDeps {
  caseStore: Pick<SyncCaseStore, 'get' | 'update' | 'transaction'>;
  store: Pick<SigningStore, 'signaturesOf' | 'voidSignature' | 'saveChange'>;
  businessType: (code: string) => BusinessType;
  documents: (c: CaseRecord, bt: BusinessType) => BundleDoc[];
  /** organisations seal the changed bundle again (OrganisationSeals.sealAll) */
  sealByOrganisations: (caseId: string) => void;
  tellParties: TellParties;
  clock: Clock;
}

/** Runs a change to a case, then voids the signatures whose signed content changed. */
export type TrackChanges = <T>(caseId: string, change: () => T) => T;

export class ChangeTracking {
  constructor(private readonly deps: ChangeTrackingDeps) {}

  track<T>(caseId: string, change: () => T): T {
    return this.deps.caseStore.transaction(() => {
      const out = change();
      this.reconcile(caseId);
      return out;
    });
  }

  private reconcile(caseId: string): void {
    const { deps } = this;
    const c = deps.caseStore.get(caseId);
    if (!c) return;
    const live = deps.store.signaturesOf(caseId).filter((s) => s.current);
    if (!live.length) return;
    const docs = deps.documents(c, deps.businessType(c.businessTypeCode));
    const at = deps.clock.now().toISOString();
    const voided: StoredSignature[] = [];
    const changes = new Set<string>();
    for (const s of live) {
      const covered = coveredBy(docs, s.partyId);
      if (bundleDigestOf(covered) === s.bundleDigest) continue;
      deps.store.voidSignature(s.signatureId, at);
      voided.push(s);
      for (const x of changedDocuments(s.documents, covered, {})) changes.add(x);
    }
    if (!voided.length) return;
    const ids = new Set(voided.map((s) => s.partyId));
    const parties = c.parties.map((p) => {
      if (!ids.has(p.personId)) return p;
      const { signedAt: _dropped, ...rest } = p;
      void _dropped;
      return rest;
    });
    updateCase(deps.caseStore, deps.clock, c, { parties });
    const list = [...changes];
    deps.store.saveChange({ caseId, at, changes: list });
    deps.sealByOrganisations(caseId);
    deps.tellParties(
      c,
      '签署内容已变更，请重新签署',
      `办件内容在签名后发生了变更（${list.join('；')}），${voided.map((s) => s.signerName).join('、')}的签名已作废，请重新阅读并签署。`,
    );
  }
}
