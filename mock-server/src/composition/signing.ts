/**
 * Applying from a phone: invitations, 询问笔录, materials, uploads, commitments, the marital
 * pledge, the bundle and its e-signatures, declining, the signing status; change tracking and
 * the organisations' e-seals. Built on the signing store, the signature CA simulator (own key),
 * the shared blob store and the online contract's terms, and on what the case use cases give
 * (named in `SigningCollaborators`).
 */
import { randomBytes } from 'node:crypto';
import { SimulatedSignatureAuthority } from '../adapters/signature-ca';
import { sharpUploadInspector } from '../adapters/uploads/inspector';
import type { SqlDb } from '../adapters/sql/types';
import type { CaseParty, CaseRecord, MarriageCheck } from '../domain/cases';
import type {
  BlobStore,
  CaseStore,
  Clock,
  PartyDirectory,
  RegisterRepository,
  RepresentationStore,
  SigningStore,
} from '../ports';
import type { KeyStore } from '../ports/keys';
import { hasStanding } from '../domain/representation';
import { SigningBundle, type SigningBundleDeps } from '../usecases/signing/bundle';
import type { CaseReads, RecordSigned, TellParties } from '../usecases/signing/caseAccess';
import { ChangeTracking, type TrackChanges } from '../usecases/signing/changeTracking';
import { Commitments } from '../usecases/signing/commitments';
import type { CaseEffects } from '../usecases/cases/effectsRunner';
import { Decline } from '../usecases/signing/decline';
import { Inquiries } from '../usecases/signing/inquiries';
import { Invitations } from '../usecases/signing/invitations';
import { MaritalPledge } from '../usecases/signing/maritalPledge';
import { Materials } from '../usecases/signing/materials';
import { OrganisationSeals } from '../usecases/signing/organisationSeals';
import { Sign } from '../usecases/signing/sign';
import { SignatureRecords } from '../usecases/signing/signatures';
import { SignaturesComplete } from '../usecases/signing/signaturesComplete';
import { SigningStatus } from '../usecases/signing/signingStatus';
import { Uploads } from '../usecases/signing/uploads';

export interface SigningInfrastructure {
  /** the store every node shares (the CA simulator keeps the organisations' e-seal keys there) */
  sql: SqlDb;
  /** the private keys (the signature CA simulator's root key is `signature-ca`) */
  keys: KeyStore;
  caseStore: CaseStore;
  store: SigningStore;
  blobs: BlobStore;
  /** the online contract's terms, read synchronously while the bundle is */
  contractTerms: SigningBundleDeps['contractTerms'];
  register: RegisterRepository;
  parties: PartyDirectory;
  clock: Clock;
  newId: (prefix: string) => string;
  invitationTtlDays: number;
  uploadMaxBytes: number;
  uploadMaxPixels: number;
  /** agents and guardians: the forms name them, their signatures count while they stand */
  representations: RepresentationStore;
}

/** What signing takes from the case use cases. */
export interface SigningCollaborators {
  cases: CaseReads;
  /** the lifecycle's `sign` step, the effect of a valid e-signature */
  recordSigned: RecordSigned;
  tellParties: TellParties;
  /** the cases' effects runner: the workflow's steps of signing stored with their effects */
  caseEffects: CaseEffects;
  /** the case's parties with any spouse whose consent a marriage check needs */
  partiesWith: (c: CaseRecord, check: MarriageCheck) => Promise<CaseParty[]>;
}

export function composeSigning(infra: SigningInfrastructure, via: SigningCollaborators) {
  const { caseStore, store, blobs, register, parties, clock, newId } = infra;
  const { cases, recordSigned, tellParties } = via;
  const businessType = (code: string) => cases.businessType(code);
  // its root key is `signature-ca` in the key files, never in the database
  const ca = new SimulatedSignatureAuthority(infra.keys, infra.sql, clock);

  const bundle = new SigningBundle({
    cases,
    store,
    register,
    parties,
    contractTerms: infra.contractTerms,
    representations: infra.representations,
  });
  const coveredFor = bundle.coveredFor.bind(bundle);
  const organisationSeals = new OrganisationSeals({
    caseStore,
    store,
    businessType,
    coveredFor,
    parties,
    ca,
    recordSigned,
    clock,
    newId,
  });
  const sealByOrganisations = (caseId: string): Promise<void> => organisationSeals.sealAll(caseId);
  const changeTracking = new ChangeTracking({
    caseStore,
    store,
    businessType,
    documents: bundle.documents.bind(bundle),
    sealByOrganisations,
    tellParties,
    clock,
  });
  const track: TrackChanges = (caseId, change) => changeTracking.track(caseId, change);
  const complete = new SignaturesComplete({
    caseStore,
    store,
    standing: async (id) => {
      const r = await infra.representations.get(id);
      return r !== undefined && hasStanding(r);
    },
  });

  return {
    /** every document of a case's bundle as it stands now (for the parties' PDF copies) */
    documents: bundle.documents.bind(bundle),
    /** the use cases behind the signing routes */
    routes: {
      invitations: new Invitations({
        cases,
        caseStore,
        store,
        effects: via.caseEffects,
        clock,
        randomBytes: (n) => new Uint8Array(randomBytes(n)),
        invitationTtlDays: infra.invitationTtlDays,
      }),
      inquiries: new Inquiries({ cases, store, effects: via.caseEffects, clock }),
      materials: new Materials({ cases, store }),
      uploads: new Uploads({
        cases,
        caseStore,
        store,
        blobs,
        effects: via.caseEffects,
        clock,
        newId,
        inspector: sharpUploadInspector,
        uploadMaxBytes: infra.uploadMaxBytes,
        uploadMaxPixels: infra.uploadMaxPixels,
      }),
      commitments: new Commitments({ cases, caseStore, store, effects: via.caseEffects, clock }),
      maritalPledge: new MaritalPledge({
        cases,
        caseStore,
        partiesWith: via.partiesWith,
        effects: via.caseEffects,
        clock,
      }),
      bundle,
      sign: new Sign({
        cases,
        store,
        blobs,
        coveredFor,
        ca,
        recordSigned,
        clock,
        newId,
        inspector: sharpUploadInspector,
        uploadMaxPixels: infra.uploadMaxPixels,
      }),
      signatures: new SignatureRecords({ cases, store, ca }),
      decline: new Decline({ cases, store, effects: via.caseEffects, clock }),
      signingStatus: new SigningStatus({ cases, caseStore, store, coveredFor, parties }),
      uploadMaxBytes: infra.uploadMaxBytes,
    },
    /** runs a change, then voids the signatures whose signed content changed */
    track,
    /** the signature CA simulator (a principal's 授权委托书 is signed through it) */
    ca,
    /** organisations (a bank, a developer) seal the bundle by their own system */
    sealByOrganisations,
    /** every party signed the current bundle (409 SIGNATURES_INCOMPLETE / a yes-no) */
    assertSignedForSubmission: (caseId: string, readerId: string): Promise<void> =>
      complete.assertForSubmission(caseId, readerId),
    signedByAll: (caseId: string): Promise<boolean> => complete.signedByAll(caseId),
    /** a case's party signatures and its documents as they stand (as last signed), for the archive */
    signaturesOf: async (c: CaseRecord) => ({
      signatures: await store.signaturesOf(c.caseId),
      documents: await bundle.documents(c, await businessType(c.businessTypeCode)),
    }),
  };
}
