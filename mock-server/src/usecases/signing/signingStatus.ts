/**
 * The signing status a party's page shows (pushed by statusStream.ts, read once or as the
 * stream's fallback by GET signing-status): who has signed, who declined (since signing last
 * started) and why, who answered the 询问笔录, until when their invitation runs, which parties
 * are organisations (they seal by their system), the bundle's content version and last change.
 * The ETag is cheap, so an unchanged status answers 304.
 */
import { roleLabelOf, type BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import { isDraft } from '../../domain/cases/status';
import { notFound } from '../../domain/errors';
import { bundleDigestOf, type BundleDoc } from '../../domain/signing';
import type { CaseStore, PartyDirectory, SigningStore } from '../../ports';
import type { PartyCaller } from '../cases/types';
import { isOrganisation, type CaseReads } from './caseAccess';

export interface SigningStatusDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'get'>;
  store: Pick<SigningStore, 'signaturesOf' | 'inquiriesOf' | 'invitationsOf' | 'changesOf'>;
  /** the documents a party's signature covers */
  coveredFor: (c: CaseRecord, bt: BusinessType, personId: string) => Promise<BundleDoc[]>;
  parties: Pick<PartyDirectory, 'person'>;
}

export class SigningStatus {
  constructor(private readonly deps: SigningStatusDeps) {}

  /** The signing status' ETag for a party of the case (404 for anybody else); cheap. */
  async etag(caller: PartyCaller, caseId: string): Promise<string> {
    const { store } = this.deps;
    const c = await this.deps.caseStore.get(caseId);
    if (!c || !c.parties.some((p) => p.personId === caller.personId)) throw notFound('办件不存在');
    const sigs = (await store.signaturesOf(caseId)).length;
    const inq = (await store.inquiriesOf(caseId)).length;
    const inv = (await store.invitationsOf(caseId)).length;
    return `W/"${c.version}-${sigs}-${inq}-${inv}"`;
  }

  async status(caller: PartyCaller, caseId: string) {
    const { deps } = this;
    const view = await deps.cases.getCase(caller, caseId);
    const c = view.case;
    const bt = await deps.cases.businessType(c.businessTypeCode);
    const inquiries = await deps.store.inquiriesOf(caseId);
    const invitations = await deps.store.invitationsOf(caseId);
    const lastStart = Math.max(
      0,
      ...c.timeline.filter((t) => t.action === 'startSigning').map((t) => t.seq),
    );
    const declines = c.timeline.filter((t) => t.action === 'decline' && t.seq > lastStart);
    const changes = await deps.store.changesOf(caseId);
    const last = changes.at(-1);
    const seen = new Set<string>();
    const organisations = new Set<string>();
    for (const p of c.parties)
      if (await isOrganisation(deps.parties, p.personId)) organisations.add(p.personId);
    const parties = c.parties
      .filter((p) => (seen.has(p.personId) ? false : (seen.add(p.personId), true)))
      .map((p) => {
        const d = isDraft(c) ? declines.filter((x) => x.actor.id === p.personId).at(-1) : undefined;
        const inq = inquiries.find((i) => i.partyId === p.personId);
        const inv = invitations.filter((i) => i.partyId === p.personId).at(-1);
        return {
          partyId: p.personId,
          name: p.name,
          role: p.role,
          roleLabel: roleLabelOf(bt, p.role),
          state: d
            ? ('declined' as const)
            : p.signedAt
              ? ('signed' as const)
              : ('waiting' as const),
          ...(p.signedAt ? { signedAt: p.signedAt } : {}),
          ...(d ? { declinedAt: d.at, ...(d.note ? { declineReason: d.note } : {}) } : {}),
          ...(inq ? { inquiryAnsweredAt: inq.answeredAt } : {}),
          ...(inv ? { invitationExpiresAt: inv.expiresAt } : {}),
          ...(organisations.has(p.personId) ? { organisation: true } : {}),
        };
      });
    return {
      caseId,
      status: c.status,
      version: c.version,
      contentVersion: changes.length + 1,
      bundleDigest: bundleDigestOf(await deps.coveredFor(c, bt, caller.personId)),
      parties,
      allSigned: c.parties.every((p) => p.signedAt),
      ...(last ? { lastChange: { at: last.at, changes: last.changes } } : {}),
      availableActions: view.availableActions as string[],
    };
  }
}
