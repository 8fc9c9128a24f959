/**
 * Wires the signing use cases (applying from a phone): the signing store (migration 0007), the
 * signature CA simulator (own key), the content-addressed blob store (files next to the
 * database), the online contract's terms, and the case use cases they build on. Returns the
 * use cases for the routes, the few calls the case routes and the sale use cases make into
 * signing, and the blob store (shared data stores sealed responses in it too).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { blobDirFor, FsBlobStore } from '../archive/blobStore';
import { loadOrCreateSignatureAuthority } from '../signature-ca';
import type { Clock, PartyDirectory, RegisterRepository } from '../../ports';
import type { CaseService } from '../../usecases/cases/service';
import { SigningBundle } from '../../usecases/signing/bundle';
import type { CaseReads, RecordSigned, TellParties } from '../../usecases/signing/caseAccess';
import { ChangeTracking } from '../../usecases/signing/changeTracking';
import { Commitments } from '../../usecases/signing/commitments';
import { Decline } from '../../usecases/signing/decline';
import { signingActions } from '../../usecases/signing/extraActions';
import { Idempotency } from '../../usecases/signing/idempotency';
import { Inquiries } from '../../usecases/signing/inquiries';
import { Invitations } from '../../usecases/signing/invitations';
import { MaritalPledge } from '../../usecases/signing/maritalPledge';
import { Materials } from '../../usecases/signing/materials';
import { OrganisationSeals } from '../../usecases/signing/organisationSeals';
import { Sign } from '../../usecases/signing/sign';
import { SignatureRecords } from '../../usecases/signing/signatures';
import { SignaturesComplete } from '../../usecases/signing/signaturesComplete';
import { SigningStatus } from '../../usecases/signing/signingStatus';
import { Uploads } from '../../usecases/signing/uploads';
import { SqliteCaseStore } from './caseStore';
import { SqliteContractTermsStore } from './saleStore';
import { SqliteSigningStore } from './signingStore';
import type { Db } from './database';

const systemClock: Clock = { now: () => new Date() };

export interface SigningOptions {
  databasePath: string;
  invitationTtlDays: number;
  uploadMaxBytes: number;
  uploadMaxPixels: number;
  clock?: Clock;
}

export function wireSigning(
  registry: { db: Db; register: RegisterRepository; parties: PartyDirectory },
  cases: CaseService,
  opts: SigningOptions,
) {
  const { db, register, parties } = registry;
  const clock = opts.clock ?? systemClock;
  const caseStore = new SqliteCaseStore(db);
  const store = new SqliteSigningStore(db);
  const blobs = new FsBlobStore(blobDirFor(opts.databasePath, os.tmpdir()));
  const ca = loadOrCreateSignatureAuthority(db, () => clock.now());
  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
  // what signing uses of the case use cases
  const reads: CaseReads = {
    getCase: (caller, caseId) => cases.getCase(caller, caseId),
    businessType: (code) => cases.businessType(code),
  };
  const businessType = reads.businessType;
  const recordSigned: RecordSigned = (caller, caseId, note) => {
    cases.act(caller, caseId, 'sign', { note });
  };
  const tellParties: TellParties = (c, title, body) => cases.deliver(c, title, body);

  const bundle = new SigningBundle({
    cases: reads,
    store,
    register,
    parties,
    contractTerms: new SqliteContractTermsStore(db),
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
  const sealByOrganisations = (caseId: string) => organisationSeals.sealAll(caseId);
  const changeTracking = new ChangeTracking({
    caseStore,
    store,
    businessType,
    documents: bundle.documents.bind(bundle),
    sealByOrganisations,
    tellParties,
    clock,
  });
  const track = <T>(caseId: string, change: () => T): T => changeTracking.track(caseId, change);
  const complete = new SignaturesComplete({ caseStore, store });
  const idempotency = new Idempotency({ store, caseStore, clock });

  // the signing steps a party may take, added to the lifecycle's (until the workflow has them)
  cases.extendActions(signingActions({ businessType, store }));

  return {
    invitations: new Invitations({
      cases: reads,
      caseStore,
      store,
      clock,
      newId,
      randomBytes: (n) => new Uint8Array(randomBytes(n)),
      invitationTtlDays: opts.invitationTtlDays,
    }),
    inquiries: new Inquiries({ cases: reads, caseStore, store, track, clock }),
    materials: new Materials({ cases: reads, store }),
    uploads: new Uploads({
      cases: reads,
      caseStore,
      store,
      blobs,
      track,
      clock,
      newId,
      uploadMaxBytes: opts.uploadMaxBytes,
      uploadMaxPixels: opts.uploadMaxPixels,
    }),
    commitments: new Commitments({ cases: reads, caseStore, store, track, clock }),
    maritalPledge: new MaritalPledge({
      cases: reads,
      caseStore,
      recordMarriageCheck: (caseId, check) => {
        cases.recordMarriageCheck(caseId, check);
      },
      track,
      clock,
    }),
    bundle,
    sign: new Sign({
      cases: reads,
      caseStore,
      store,
      blobs,
      coveredFor,
      ca,
      recordSigned,
      clock,
      newId,
    }),
    signatures: new SignatureRecords({ cases: reads, store, ca }),
    decline: new Decline({ cases: reads, caseStore, store, tellParties, clock }),
    signingStatus: new SigningStatus({ cases: reads, caseStore, store, coveredFor, parties }),
    uploadMaxBytes: opts.uploadMaxBytes,
    /** what the case routes call: change tracking, organisation seals, idempotent submission */
    forCases: {
      tracking: track,
      organisationsSign: sealByOrganisations,
      idempotent: <T>(personId: string, key: string | undefined, fp: string, fn: () => T): T =>
        idempotency.once(personId, key, fp, fn),
      assertSignedForSubmission: (caseId: string) => complete.assertForSubmission(caseId),
    },
    /** what the sale use cases call: change tracking, and whether everybody signed */
    forSale: {
      tracking: track,
      signedByAll: (caseId: string) => complete.signedByAll(caseId),
    },
    /** the content-addressed blob store, shared with the shared-data use cases */
    blobs,
  };
}

export type SigningWiring = ReturnType<typeof wireSigning>;
