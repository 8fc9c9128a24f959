/**
 * The case use cases, built from the stores and from what other areas give them (named in
 * `CaseCollaborators`): the parties' drafts, reads and steps, the submission, the automatic
 * processing, the one effects runner (notices, messages, register events, certificates, the
 * listeners), the recording and the public checks.
 */
import type { BusinessType } from '../domain/catalogue';
import type { CaseRecord } from '../domain/cases';
import type {
  CaseStore,
  CatalogueRepository,
  Clock,
  PartyDirectory,
  RegisterRepository,
  Sealer,
} from '../ports';
import { CaseAccess } from '../usecases/cases/access';
import { CaseViews, type CaseViewsDeps } from '../usecases/cases/caseViews';
import { CertificateLookupLimit } from '../usecases/cases/certificateLookupLimit';
import { CaseDrafts } from '../usecases/cases/drafts';
import { CaseEffects, type CaseEffectsDeps } from '../usecases/cases/effectsRunner';
import { MarriageAnswers } from '../usecases/cases/marriage';
import type { MarriageChecks } from '../usecases/shared-data/marriage';
import type { SuccessionChecks } from '../usecases/shared-data/succession';
import { SubmissionMaterials } from '../usecases/cases/materials';
import { CaseNotices } from '../usecases/cases/notices';
import { CaseParties } from '../usecases/cases/parties';
import { PartyActions } from '../usecases/cases/partyActions';
import { AutomaticProcessing } from '../usecases/cases/processing';
import { AdvanceNoticeLapses } from '../usecases/cases/advanceNoticeLapses';
import { ObjectionLapses } from '../usecases/cases/objectionLapses';
import { PublicChecks } from '../usecases/cases/publicChecks';
import { CaseRecorder } from '../usecases/cases/recording';
import { ReviewContexts } from '../usecases/cases/reviewContext';
import { SubmitCase, type SubmitCaseDeps } from '../usecases/cases/submitCase';
import type { CaseEvents, SharedMaterialResolver } from '../usecases/cases/types';
import { WorkflowContexts, type WorkflowContextsDeps } from '../usecases/cases/workflowContext';
import { Idempotency, type IdempotencyRecords } from '../usecases/shared/idempotency';
import type { MessageBox } from '../usecases/messaging/raiseMessages';

export interface CaseInfrastructure {
  store: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  catalogue: CatalogueRepository;
  sealer: Sealer;
  /** the registry's retired seal keys, still published (what they sealed still verifies) */
  retiredSealKeys?: readonly { keyId: string; publicKeyHex: string }[];
  clock: Clock;
  newId: (prefix: string) => string;
  idempotencyRecords: IdempotencyRecords;
  /** the stored 询问笔录 answers (what a party may do next depends on them) */
  inquiries: WorkflowContextsDeps['inquiries'];
  /** the signatures of a case (a party's decline voids them) */
  signatures: CaseEffectsDeps['signatures'];
  /** where results are delivered, named in the notices (config DELIVERY_CHANNEL) */
  deliveryChannel: string;
  /** every person's 消息 box (messaging: also told on the channels) */
  messages: MessageBox;
}

/** What the case use cases take from the other areas. */
export interface CaseCollaborators {
  events: CaseEvents;
  /** signing: change tracking and the e-signature check before a submission */
  signatures: SubmitCaseDeps['signatures'] & {
    /** runs a change inside the signing's change tracking (signatures over old content voided) */
    trackChanges<T>(caseId: string, change: () => Promise<T>): Promise<T>;
  };
  /** shared data: how a checklist item was resolved */
  resolveSharedMaterial: SharedMaterialResolver;
  /** shared data: 民政's answers on the holders' marriage, and keeping them with the case */
  marriage: MarriageChecks;
  /** shared data: 公安's answer on a deceased holder's heirs (继承) */
  succession: SuccessionChecks;
  /** shared data and the sale: the contract filed and shared items fetched before a submission */
  beforeSubmission: SubmitCaseDeps['beforeSubmission'];
  /** the sale: the tax paid, by the tax department's shared receipt */
  taxPaid: (c: CaseRecord) => Promise<boolean>;
  /** the registration fee paid (its 财政电子票据 verified) or nothing owed */
  feePaid?: (c: CaseRecord, bt: BusinessType) => Promise<boolean>;
  /**
   * the sale: its stores and utility companies, for the workflow's sale steps (asked only once
   * the server runs: the sale is built after the cases)
   */
  sale: () => NonNullable<CaseEffectsDeps['sale']>;
  /** the archive: where a finished case is filed (asked only once the server runs) */
  filingOf: CaseViewsDeps['filingOf'];
}

export function composeCases(infra: CaseInfrastructure, via: CaseCollaborators) {
  const { store, register, parties, catalogue, sealer, clock, newId } = infra;
  const access = new CaseAccess({ store, catalogue });
  const workflow = new WorkflowContexts({ inquiries: infra.inquiries, parties });
  const views = new CaseViews({
    access,
    store,
    register,
    clock,
    workflow,
    filingOf: (caseId) => via.filingOf(caseId),
  });
  const marriage = new MarriageAnswers({ checks: via.marriage });
  const notices = new CaseNotices({
    store,
    register,
    sealer,
    clock,
    newId,
    deliveryChannel: infra.deliveryChannel,
    box: infra.messages,
  });
  // the one effects runner: what follows a change, for parties, staff and the machine alike
  // (the machine is built below; it is asked only once the server runs)
  const effects = new CaseEffects({
    store,
    notices,
    register,
    parties,
    signatures: infra.signatures,
    trackChanges: (caseId, change) => via.signatures.trackChanges(caseId, change),
    sealer,
    newId,
    events: via.events,
    process: async (caseId): Promise<unknown> => processing.process(caseId),
    sale: {
      terms: { put: (t) => via.sale().terms.put(t) },
      utilities: {
        replaceOptIn: (caseId, choices, at) =>
          via.sale().utilities.replaceOptIn(caseId, choices, at),
      },
      // a party's retry: the companies not confirmed yet, told again (awaited)
      notifyUtilities: (caseId) => via.sale().notifyUtilities(caseId),
    },
  });
  const caseParties = new CaseParties({ access, store, register, parties, clock, effects });
  const drafts = new CaseDrafts({
    access,
    parties: caseParties,
    views,
    marriage,
    succession: via.succession,
    lookupLimit: new CertificateLookupLimit({ store, clock }),
    store,
    effects,
    register,
    clock,
    newId,
    trackChanges: (caseId, edit) => via.signatures.trackChanges(caseId, edit),
  });
  const contexts = new ReviewContexts({
    register,
    parties,
    taxPaid: via.taxPaid,
    ...(via.feePaid ? { feePaid: via.feePaid } : {}),
    inquiries: infra.inquiries,
  });
  const recorder = new CaseRecorder({ store, register, parties, clock, newId, effects });
  const processing = new AutomaticProcessing({ access, store, clock, contexts, recorder, effects });
  const advanceNoticeLapses = new AdvanceNoticeLapses({ register, store, access, clock, effects });
  const objectionLapses = new ObjectionLapses({ register, store, access, clock, effects });
  const materials = new SubmissionMaterials({ resolveShared: via.resolveSharedMaterial });
  const actions = new PartyActions({
    access,
    store,
    clock,
    parties: caseParties,
    materials,
    workflow,
    effects,
    views,
  });
  const submit = new SubmitCase({
    access,
    marriage,
    parties: caseParties,
    actions,
    idempotency: new Idempotency({
      records: infra.idempotencyRecords,
      transaction: (fn) => store.transaction(fn),
      clock,
    }),
    signatures: via.signatures,
    beforeSubmission: via.beforeSubmission,
  });
  const publicChecks = new PublicChecks({
    publicKey: { keyId: sealer.keyId, publicKeyHex: sealer.publicKeyHex },
    ...(infra.retiredSealKeys ? { retiredKeys: infra.retiredSealKeys } : {}),
    store,
  });
  return {
    access,
    views,
    parties: caseParties,
    marriage,
    drafts,
    notices,
    contexts,
    processing,
    advanceNoticeLapses,
    objectionLapses,
    materials,
    actions,
    submit,
    publicChecks,
    effects,
  };
}

export type CaseUseCases = ReturnType<typeof composeCases>;
