/**
 * Signatures follow the content they signed: a change to a case runs through `track`, and every
 * signature whose covered documents changed is voided afterwards. The party's 已签 is cleared,
 * the change is recorded (the bundle's content version goes up), organisations seal again and
 * every party is told what changed and who must sign again.
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { bundleDigestOf, changedDocuments, coveredBy, type BundleDoc } from '../../domain/signing';
import type { CaseStore, Clock, SigningStore, StoredSignature } from '../../ports';
import { updateCase, type TellParties } from './caseAccess';

export interface ChangeTrackingDeps {
  caseStore: Pick<CaseStore, 'get' | 'update'>;
  store: Pick<SigningStore, 'transaction' | 'signaturesOf' | 'voidSignature' | 'saveChange'>;
  businessType: (code: string) => Promise<BusinessType>;
  documents: (c: CaseRecord, bt: BusinessType) => Promise<BundleDoc[]>;
  /** organisations seal the changed bundle again (OrganisationSeals.sealAll) */
  sealByOrganisations: (caseId: string) => Promise<void>;
  tellParties: TellParties;
  clock: Clock;
}

/**
 * Runs a change to a case, then voids the signatures whose signed content changed: one store
 * transaction (the change must be database work only). Organisations then seal the new bundle
 * and the parties are told, once the transaction has committed.
 */
export type TrackChanges = <T>(caseId: string, change: () => T | Promise<T>) => Promise<T>;

export class ChangeTracking {
  constructor(private readonly deps: ChangeTrackingDeps) {}

  async track<T>(caseId: string, change: () => T | Promise<T>): Promise<T> {
    const { out, voided } = await this.deps.store.transaction(async () => {
      const result = await change();
      return { out: result, voided: await this.reconcile(caseId) };
    });
    if (voided) {
      await this.deps.sealByOrganisations(caseId);
      await this.deps.tellParties(voided.c, voided.title, voided.body, 'signAgain');
    }
    return out;
  }

  /** Voids what the change made stale; what to tell the parties, if anything was voided. */
  private async reconcile(
    caseId: string,
  ): Promise<{ c: CaseRecord; title: string; body: string } | undefined> {
    const { deps } = this;
    const c = await deps.caseStore.get(caseId);
    if (!c) return undefined;
    const live = (await deps.store.signaturesOf(caseId)).filter((s) => s.current);
    if (!live.length) return undefined;
    const docs = await deps.documents(c, await deps.businessType(c.businessTypeCode));
    const at = deps.clock.now().toISOString();
    const voided: StoredSignature[] = [];
    const changes = new Set<string>();
    for (const s of live) {
      const covered = coveredBy(docs, s.partyId);
      if (bundleDigestOf(covered) === s.bundleDigest) continue;
      await deps.store.voidSignature(s.signatureId, at);
      voided.push(s);
      for (const x of changedDocuments(s.documents, covered, {})) changes.add(x);
    }
    if (!voided.length) return undefined;
    const ids = new Set(voided.map((s) => s.partyId));
    const parties = c.parties.map((p) => {
      if (!ids.has(p.personId)) return p;
      const { signedAt: _dropped, ...rest } = p;
      void _dropped;
      return rest;
    });
    await updateCase(deps.caseStore, deps.clock, c, { parties });
    const list = [...changes];
    await deps.store.saveChange({ caseId, at, changes: list });
    return {
      c,
      title: '签署内容已变更，请重新签署',
      body: `办件内容在签名后发生了变更（${list.join('；')}），${voided.map((s) => s.signerName).join('、')}的签名已作废，请重新阅读并签署。`,
    };
  }
}
