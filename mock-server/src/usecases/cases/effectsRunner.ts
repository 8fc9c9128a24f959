/**
 * The one effects runner: what follows a change of a case, as `transition` returned it, carried
 * out the same way whoever made the change (a party, a staff member, the machine).
 *
 * Two phases, after the SqlDb transaction rules: `store` runs inside the transaction of the
 * change and writes only to the store (the case at the version read, notices, messages,
 * register events, the void announcement, a change of identity, the certificate, signatures
 * voided); `after` runs once the change is stored and reaches outside parties (organisations'
 * e-seals, shared data, the online contract's filing, the archive, the utility companies) or
 * hands the case back to the machine. Listeners that start work of their own are told after the
 * outermost transaction commits (`afterCommit`), never inside it.
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseEffect, CaseRecord, TransitionResult } from '../../domain/cases';
import type {
  CaseStore,
  PartyDirectory,
  RegisterRepository,
  Sealer,
  SigningStore,
} from '../../ports';
import type { ContractTermsStore, UtilityStore } from '../../ports/sale';
import { sealBody } from '../shared/sealing';
import type { CaseNotices } from './notices';
import type { CaseEvents } from './types';

export interface CaseEffectsDeps {
  store: Pick<CaseStore, 'update' | 'afterCommit' | 'saveDocument' | 'announceVoid'>;
  notices: Pick<CaseNotices, 'notice' | 'deliverTo'>;
  register: Pick<RegisterRepository, 'append'>;
  parties: Pick<PartyDirectory, 'changeIdentity'>;
  /** the signing records of a case: invitations, 询问笔录, 告知承诺, signatures voided */
  signatures: Pick<
    SigningStore,
    'signaturesOf' | 'voidSignature' | 'saveInvitation' | 'saveInquiry' | 'saveCommitment'
  >;
  /**
   * `reconcileSignatures`: runs a change in one transaction that ends by voiding the signatures
   * whose signed content it changed (organisations seal again, the parties are told, after it)
   */
  trackChanges: <T>(caseId: string, change: () => Promise<T>) => Promise<T>;
  sealer: Pick<Sealer, 'seal'>;
  newId: (prefix: string) => string;
  /**
   * The listeners of the composition root: `signingStarted` carries out `organisationsSign`;
   * `submitted` the submission's `requestSharedData` and `fileContract`; `completed` a finished
   * case's `fileArchive`, `requestSharedData` and `notifyUtilities`.
   */
  events: CaseEvents;
  /** `continueProcessing`: the machine moves the case on as far as it may */
  process: (caseId: string) => Promise<unknown>;
  /** the home sale's steps (a registry without the sale needs none) */
  sale?: {
    /** `saveContractTerms` */
    terms: Pick<ContractTermsStore, 'put'>;
    /** `saveUtilityChoices` */
    utilities: Pick<UtilityStore, 'replaceOptIn'>;
    /**
     * a `notifyUtilities` on its own (a party's retry): the companies not confirmed yet are told
     * again, awaited, without the finished case's other listeners (archive, shared data)
     */
    notifyUtilities: (caseId: string) => Promise<unknown>;
  };
}

/** The facts of the change the store effects need. */
export interface ChangeFacts {
  businessType: BusinessType;
  /** the instant of the change (the timeline's, the certificate's, the announcement's) */
  at: string;
}

/** Effects that reach outside the store: carried out after the change is stored. */
const OUTSIDE: ReadonlySet<CaseEffect['type']> = new Set([
  'organisationsSign',
  'fileContract',
  'requestSharedData',
  'notifyUtilities',
  'fileArchive',
  'continueProcessing',
]);

/** The effects of a change that reach outside parties (what `store` leaves for `after`). */
export const outsideEffects = (effects: readonly CaseEffect[]): CaseEffect[] =>
  effects.filter((e) => OUTSIDE.has(e.type));

export class CaseEffects {
  constructor(private readonly deps: CaseEffectsDeps) {}

  /** The sale's stores and companies, for a sale's step (built without them: a wiring bug). */
  private sale(): NonNullable<CaseEffectsDeps['sale']> {
    if (!this.deps.sale) throw new Error('the effects runner was built without the sale');
    return this.deps.sale;
  }

  /**
   * Stores a change inside its transaction: the next case at the version `before` had (409 when
   * another request or node moved it meanwhile; nothing stored when the step kept the case as
   * it was), then the effects that write to the store. Returns the effects left for `after`.
   */
  store(before: CaseRecord, r: TransitionResult, facts: ChangeFacts): Promise<CaseEffect[]> {
    return this.storeChange(before, r, facts, false);
  }

  /**
   * A step on the case's signed content (the 询问笔录, a material, a 告知承诺): `step` reads the
   * case, takes the workflow's transition and stores it with `store`, all inside the signing's
   * change tracking — its `reconcileSignatures` effect: the signatures over content the step
   * changed are voided in the same transaction.
   */
  tracked<T>(
    caseId: string,
    step: (
      store: (before: CaseRecord, r: TransitionResult, facts: ChangeFacts) => Promise<unknown>,
    ) => Promise<T>,
  ): Promise<T> {
    return this.deps.trackChanges(caseId, () =>
      step((before, r, facts) => this.storeChange(before, r, facts, true)),
    );
  }

  private async storeChange(
    before: CaseRecord,
    r: TransitionResult,
    facts: ChangeFacts,
    tracked: boolean,
  ): Promise<CaseEffect[]> {
    if (!tracked && r.effects.some((e) => e.type === 'reconcileSignatures'))
      throw new Error('a change of the signed content is stored through CaseEffects.tracked');
    if (r.next !== before) await this.deps.store.update(r.next, before.version);
    return this.inside(r.next, r.effects, facts);
  }

  /**
   * Carries out the store effects of a change, in order (a case the caller inserts itself: the
   * counter's intake). Returns the effects that reach outside, for `after`.
   */
  async inside(
    c: CaseRecord,
    effects: readonly CaseEffect[],
    facts: ChangeFacts,
  ): Promise<CaseEffect[]> {
    const { deps } = this;
    const { at } = facts;
    // the certificate sealed by this change, attached to the message that announces it
    let certificateDocumentId: string | undefined;
    let certificateId: string | undefined;
    for (const e of effects) {
      switch (e.type) {
        case 'sealNotice':
          await deps.notices.notice(c, facts.businessType, e.kind, e.reasons, e.basis, e.to);
          break;
        case 'deliverMessage':
          await deps.notices.deliverTo(
            c.caseId,
            e.to,
            e.title,
            e.body,
            e.withCertificate ? certificateDocumentId : undefined,
            {
              ...(e.event ? { event: e.event } : {}),
              ...(e.facts ? { facts: e.facts } : {}),
              ...(e.withCertificate && certificateId ? { certificateId } : {}),
              ...(e.invitationCode ? { invitationCode: e.invitationCode } : {}),
            },
            c.parties,
          );
          break;
        case 'appendRegisterEvents':
          await deps.register.append(e.events);
          break;
        case 'announceVoid':
          await deps.store.announceVoid({
            announcementId: deps.newId('VOID'),
            certificateId: e.certificateId,
            certificateNumber: e.certificateNumber,
            unitCode: e.unitCode,
            location: e.location,
            caseId: c.caseId,
            announcedAt: at,
            reason: e.reason,
          });
          break;
        case 'changeIdentity':
          await deps.parties.changeIdentity(e.personId, e.newName, e.newIdNumber);
          break;
        case 'sealCertificate':
          certificateDocumentId = deps.newId('DOC');
          certificateId = e.certificateId;
          await deps.store.saveDocument({
            documentId: certificateDocumentId,
            kind: e.kind,
            number: e.number,
            caseId: c.caseId,
            certificateId: e.certificateId,
            issuedAt: at,
            document: sealBody(deps.sealer, e.body as object),
          });
          break;
        case 'voidSignatures':
          for (const s of await deps.signatures.signaturesOf(c.caseId))
            if (s.current) await deps.signatures.voidSignature(s.signatureId, at);
          break;
        case 'saveInvitation':
          // only the initiator invites
          await deps.signatures.saveInvitation({
            code: e.code,
            caseId: c.caseId,
            partyId: e.partyId,
            createdBy: c.createdBy,
            createdAt: at,
            expiresAt: e.expiresAt,
          });
          break;
        case 'saveInquiry':
          await deps.signatures.saveInquiry({
            caseId: c.caseId,
            partyId: e.partyId,
            answers: e.answers,
            answeredAt: at,
          });
          break;
        case 'saveCommitment':
          await deps.signatures.saveCommitment({
            caseId: c.caseId,
            materialCode: e.materialCode,
            partyId: e.partyId,
            committedAt: at,
          });
          break;
        case 'saveContractTerms':
          await this.sale().terms.put({
            caseId: c.caseId,
            terms: e.terms,
            updatedBy: e.updatedBy,
            updatedAt: at,
          });
          break;
        case 'saveUtilityChoices':
          await this.sale().utilities.replaceOptIn(c.caseId, e.choices, at);
          break;
        default:
          // reconcileSignatures: the change tracking `tracked` runs the step in ends with it;
          // the outside effects are `after`'s
          break;
      }
    }
    return outsideEffects(effects);
  }

  /**
   * After the change is stored: organisations seal (awaited: before the party sees the case),
   * the listeners of a submission and of a finished case are told once the outermost
   * transaction commits, a party's retry of the utilities is carried out at once, and the
   * machine takes the case on.
   */
  async after(c: CaseRecord, effects: readonly CaseEffect[]): Promise<void> {
    const { deps } = this;
    const has = (...types: CaseEffect['type'][]) => effects.some((e) => types.includes(e.type));
    if (has('organisationsSign')) for (const l of deps.events.signingStarted) await l(c.caseId);
    if (effects.some((e) => e.type === 'fileContract' || isRequest(e, 'submission')))
      deps.store.afterCommit(() => {
        for (const l of deps.events.submitted) l(c);
      });
    // a case that just finished: its listeners (the archive, shared data once more, the
    // utility companies) are told once; a notifyUtilities on its own is a party's retry
    if (has('fileArchive') || effects.some((e) => isRequest(e, 'completion')))
      deps.store.afterCommit(() => {
        for (const l of deps.events.completed) l(c.caseId);
      });
    else if (has('notifyUtilities')) await this.sale().notifyUtilities(c.caseId);
    if (has('continueProcessing')) await deps.process(c.caseId);
  }
}

const isRequest = (e: CaseEffect, after: 'submission' | 'completion'): boolean =>
  e.type === 'requestSharedData' && e.after === after;
