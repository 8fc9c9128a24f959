/**
 * The signing bundle (待签署文件): the documents the parties read and sign, each with its SM3
 * digest. The application form; each natural person's 询问笔录; each material commitment; each
 * holder's 婚姻状况承诺 (made when 民政 could not answer, signed by all); and, for a sale, the
 * online contract with the terms buyer and seller filled in. A party's signature covers the
 * documents shown to them (`coveredBy`), so any change to those voids it.
 */
import { roleLabelsOf, type BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import {
  giftContractText,
  renderDocument,
  type RenderInput,
} from '../../domain/documents/renderers';
import type { RenderedDocument } from '../../domain/documents/rendering';
import { contractTermsView } from '../../domain/sale';
import { CAPACITY, hasStanding, type Representation } from '../../domain/representation';
import { looksLikeOrganisation, maskName } from '../../domain/masking';
import {
  bundleDigestOf,
  coveredBy,
  digestOnly,
  doc,
  questionsFor,
  readableBy,
  type BundleDoc,
} from '../../domain/signing';
import type {
  PartyDirectory,
  RegisterRepository,
  RepresentationStore,
  SigningStore,
} from '../../ports';
import type { ContractTermsStore } from '../../ports/sale';
import type { PartyCaller } from '../cases/types';
import { answersOf } from './answers';
import { isOrganisation, openCase, type CaseReads } from './caseAccess';
import { maritalCommitmentOf } from './materials';

export interface SigningBundleDeps {
  cases: CaseReads;
  store: Pick<SigningStore, 'filesOf' | 'commitmentsOf' | 'inquiriesOf' | 'changesOf'>;
  register: Pick<RegisterRepository, 'unit'>;
  parties: Pick<PartyDirectory, 'person'>;
  /** the online contract's terms (网签), as buyer and seller filled them */
  contractTerms: Pick<ContractTermsStore, 'get'>;
  /** the agents and guardians acting for parties: the forms name them (代理人 columns) */
  representations: Pick<RepresentationStore, 'ofCase'>;
}

/**
 * A party's standing agent or guardian as the documents name them (absent where the party acts
 * themself, so that those documents read and digest exactly as before).
 */
/** The parties of a contract acting through someone (absent when nobody does). */
const contractActing = (reps: Representation[], c: CaseRecord) => {
  const xs = c.parties.flatMap((p) => {
    const a = actingFor(reps, p.personId);
    return a.agent ? [{ name: p.name, agent: a.agent }] : [];
  });
  return xs.length ? { actingFor: xs } : {};
};

const actingFor = (
  reps: Representation[],
  partyId: string,
): { agent?: { name: string; capacity: string } } => {
  const r = reps.find((x) => x.principal.personId === partyId && hasStanding(x));
  return r ? { agent: { name: r.agent.name, capacity: CAPACITY[r.kind].actor } } : {};
};

export class SigningBundle {
  constructor(private readonly deps: SigningBundleDeps) {}

  /** Every document of the bundle as it stands now. */
  async documents(c: CaseRecord, bt: BusinessType): Promise<BundleDoc[]> {
    const { store } = this.deps;
    const files = await store.filesOf(c.caseId);
    const commitments = await store.commitmentsOf(c.caseId);
    const unit = await this.deps.register.unit(c.unitCode);
    const organisations = new Set<string>();
    for (const p of c.parties)
      if (await isOrganisation(this.deps.parties, p.personId)) organisations.add(p.personId);
    const reps = await this.deps.representations.ofCase(c.caseId);
    const labels = roleLabelsOf(
      bt,
      c.parties.map((p) => p.role),
    );
    const application = {
      documentType: 'applicationForm',
      title: '不动产登记申请书',
      businessType: { code: bt.code, name: bt.name, version: c.businessTypeVersion },
      unitCode: c.unitCode,
      location: unit?.unit.location ?? '',
      parties: c.parties.map((p) => ({
        partyId: p.personId,
        name: p.name,
        role: p.role,
        ...(p.shareBasisPoints !== undefined ? { shareBasisPoints: p.shareBasisPoints } : {}),
        ...(organisations.has(p.personId) ? { organisation: true } : {}),
        ...actingFor(reps, p.personId),
      })),
      registrationKind: bt.kind,
      // only where a role is named otherwise than usual, so that other forms read as before
      ...(Object.keys(labels).length ? { roleLabels: labels } : {}),
      newCoOwnership: c.newCoOwnership ?? null,
      priceYuan: c.priceYuan ?? null,
      materials: bt.materials.map((m) => ({
        code: m.code,
        name: m.name,
        files: files.filter((f) => f.materialCode === m.code).map((f) => f.sm3),
        committed:
          commitments.some((x) => x.materialCode === m.code) ||
          (m.code === 'marriage' && maritalCommitmentOf(c) !== undefined),
      })),
    };
    const docs: BundleDoc[] = [
      doc('applicationForm', 'applicationForm', '不动产登记申请书', application),
    ];
    const questions = questionsFor(c, bt);
    if (questions.length) {
      const seen = new Set<string>();
      for (const p of c.parties) {
        // an organisation (bank, developer) is not questioned; it signs by its e-seal
        if (seen.has(p.personId) || organisations.has(p.personId)) continue;
        seen.add(p.personId);
        const answers = (await answersOf(store, c, p.personId)) ?? {};
        docs.push(
          doc(
            `inquiry:${p.personId}`,
            'inquiry',
            `询问笔录（${p.name}）`,
            {
              documentType: 'inquiry',
              party: { partyId: p.personId, name: p.name, ...actingFor(reps, p.personId) },
              items: questions.map((q) => ({
                code: q.code,
                question: q.text,
                answer: answers[q.code] ?? null,
              })),
            },
            p.personId,
          ),
        );
      }
    }
    for (const x of commitments) {
      const m = bt.materials.find((y) => y.code === x.materialCode);
      docs.push(
        doc(
          `commitment:${x.materialCode}`,
          'commitment',
          `承诺书（${m?.name ?? x.materialCode}）`,
          {
            documentType: 'commitment',
            material: { code: x.materialCode, name: m?.name ?? x.materialCode },
            text: `本人承诺所申报的“${m?.name ?? x.materialCode}”情况真实，如有不实，愿承担相应法律责任。`,
            partyId: x.partyId,
            party: {
              partyId: x.partyId,
              name: c.parties.find((p) => p.personId === x.partyId)?.name ?? '',
            },
          },
        ),
      );
    }
    // each holder's 婚姻状况承诺 (made when 民政 could not answer), signed by all
    for (const h of c.marriageCheck?.holders ?? []) {
      if (!h.commitment) continue;
      const name = c.parties.find((p) => p.personId === h.personId)?.name ?? '';
      docs.push(
        doc(`maritalCommitment:${h.personId}`, 'commitment', `婚姻状况承诺书（${name}）`, {
          documentType: 'maritalCommitment',
          party: { partyId: h.personId, name },
          maritalStatus: h.commitment.maritalStatus,
          spouse: h.commitment.spouseId
            ? { partyId: h.commitment.spouseId, name: h.commitment.spouseName ?? '' }
            : null,
          text: h.commitment.text,
          committedAt: h.commitment.committedAt,
        }),
      );
    }
    if (bt.materials.some((m) => m.code === 'filedContract')) {
      const stored = (await this.deps.contractTerms.get(c.caseId))?.terms;
      const terms = stored ? contractTermsView(stored) : undefined;
      docs.push(
        doc('contract', 'contract', terms ? '存量房买卖合同（网签）' : '买卖合同（网签）摘要', {
          documentType: 'contract',
          sellers: c.parties.filter((p) => p.role === 'obligor').map((p) => p.name),
          buyers: c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.name),
          unitCode: c.unitCode,
          location: unit?.unit.location ?? '',
          priceYuan: c.priceYuan ?? null,
          ...contractActing(reps, c),
          // the terms buyer and seller filled in (price in fen, payment, handover, fixtures)
          ...(terms ? { terms } : {}),
        }),
      );
    }
    // 赠与: the gift contract, generated from the case and signed by donor and donee alike
    if (bt.materials.some((m) => m.code === 'giftContract')) {
      const terms = {
        donors: c.parties.filter((p) => p.role === 'obligor').map((p) => p.name),
        donees: c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.name),
        unitCode: c.unitCode,
        location: unit?.unit.location ?? '',
        newCoOwnership: c.newCoOwnership ?? null,
      };
      docs.push(
        doc('giftContract', 'contract', '赠与合同', {
          documentType: 'giftContract',
          ...terms,
          ...contractActing(reps, c),
          text: giftContractText(terms),
        }),
      );
    }
    return docs;
  }

  /** The documents this party's signature covers. */
  async coveredFor(c: CaseRecord, bt: BusinessType, personId: string): Promise<BundleDoc[]> {
    return coveredBy(await this.documents(c, bt), personId);
  }

  /**
   * The bundle as a party reads it before signing, with the digest their signature must cover:
   * the documents they are a party of in full (data, renderer, digest and rendering), the others
   * as their digest with a note why. The bundle digest is over the documents' digests alone, so
   * the caller recomputes it from what they receive. `readerName`: an agent or guardian reading
   * in the principal's place (the principal's own data and the agent's name in full, every other
   * party masked).
   */
  async bundle(caller: PartyCaller & { readerName?: string }, caseId: string) {
    const { c, bt } = await openCase(this.deps.cases, caller, caseId);
    const docs = await this.documents(c, bt);
    // who signed the current version, for the 申请人签章 lines of what the caller reads
    const signedAt = Object.fromEntries(c.parties.map((p) => [p.personId, p.signedAt]));
    const viewer = { personId: caller.personId, name: caller.readerName ?? caller.name };
    // the other natural persons' names, masked in the titles of what the caller may not read
    const others = c.parties.filter(
      (p) => p.personId !== caller.personId && p.name !== caller.name,
    );
    const maskedTitle = (title: string) =>
      others.reduce(
        (t, p) => (looksLikeOrganisation(p.name) ? t : t.split(p.name).join(maskName(p.name))),
        title,
      );
    return {
      caseId,
      contentVersion: (await this.deps.store.changesOf(caseId)).length + 1,
      // a document the caller is not a party of comes as its digest only (domain/signing/readers.ts)
      documents: docs.map((d) =>
        readableBy(d, caller.personId)
          ? { ...d, rendering: renderBundleDoc(d, viewer, signedAt) }
          : digestOnly(d, maskedTitle(d.title)),
      ),
      coveredDocumentIds: coveredBy(docs, caller.personId).map((d) => d.id),
      bundleDigest: bundleDigestOf(coveredBy(docs, caller.personId)),
      algorithm: 'SM3' as const,
      canonicalization: 'canonical-json' as const,
    };
  }
}

/**
 * The rendering a party reads of a bundle document: the renderer its digest names (data and
 * renderer version are what they sign), for this viewer (other people's names masked).
 */
export function renderBundleDoc(
  d: BundleDoc,
  viewer: { personId?: string; name?: string; staff?: boolean },
  signedAt?: Record<string, string | undefined>,
): RenderedDocument {
  return renderDocument({ kind: d.renderer.kind, data: d.body, signedAt } as RenderInput, viewer);
}
