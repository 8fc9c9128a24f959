/**
 * 委托代理人 and 监护人: appointing an agent (the 授权委托书 signed online through the signature CA,
 * or a notarised one uploaded for staff), a minor's parent acting as guardian (公安's household
 * register, shared), reading and revoking, and acting for the principal through the signing use
 * cases themselves (bundle, 询问笔录, signature). Built on the representation store (migration
 * 0044) and on what signing gives.
 */
import { randomBytes } from 'node:crypto';
import { sharpUploadInspector } from '../adapters/uploads/inspector';
import type {
  BlobStore,
  CaseStore,
  Clock,
  HouseholdRegister,
  PartyDirectory,
  RegisterRepository,
  RepresentationStore,
  SignatureAuthority,
  SigningStore,
} from '../ports';
import { ActForPrincipal } from '../usecases/representation/actForPrincipal';
import { AppointAgent } from '../usecases/representation/appointAgent';
import { ClaimGuardianship } from '../usecases/representation/claimGuardianship';
import { RepresentationViews } from '../usecases/representation/representationViews';
import { ReviewRepresentation } from '../usecases/representation/reviewRepresentation';
import { RevokeRepresentation } from '../usecases/representation/revoke';
import type { SigningBundle } from '../usecases/signing/bundle';
import type { CaseReads, TellParties } from '../usecases/signing/caseAccess';
import type { TrackChanges } from '../usecases/signing/changeTracking';
import type { Inquiries } from '../usecases/signing/inquiries';
import type { Sign } from '../usecases/signing/sign';

export interface RepresentationInfrastructure {
  store: RepresentationStore;
  household: HouseholdRegister;
  caseStore: CaseStore;
  signingStore: SigningStore;
  parties: PartyDirectory;
  register: RegisterRepository;
  blobs: BlobStore;
  clock: Clock;
  newId: (prefix: string) => string;
  uploadMaxPixels: number;
}

/** What acting for a principal takes from signing and the cases. */
export interface RepresentationCollaborators {
  cases: CaseReads;
  tellParties: TellParties;
  signing: {
    track: TrackChanges;
    ca: SignatureAuthority;
    routes: { bundle: SigningBundle; inquiries: Inquiries; sign: Sign };
  };
}

export function composeRepresentations(
  infra: RepresentationInfrastructure,
  via: RepresentationCollaborators,
) {
  const { store, caseStore, clock, newId, blobs } = infra;
  const { track } = via.signing;
  const upload = { blobs, inspector: sharpUploadInspector, uploadMaxPixels: infra.uploadMaxPixels };
  return {
    appoint: new AppointAgent({
      cases: via.cases,
      caseStore,
      parties: infra.parties,
      register: infra.register,
      store,
      ca: via.signing.ca,
      ...upload,
      track,
      clock,
      newId,
      randomBytes: (n) => new Uint8Array(randomBytes(n)),
    }),
    guardianship: new ClaimGuardianship({
      caseStore,
      invitations: infra.signingStore,
      parties: infra.parties,
      household: infra.household,
      store,
      ...upload,
      track,
      clock,
      newId,
    }),
    views: new RepresentationViews({ cases: via.cases, caseStore, store }),
    revoke: new RevokeRepresentation({
      caseStore,
      store,
      signing: infra.signingStore,
      track,
      tellParties: via.tellParties,
      clock,
    }),
    review: new ReviewRepresentation({
      caseStore,
      store,
      track,
      tellParties: via.tellParties,
      clock,
    }),
    act: new ActForPrincipal({
      store,
      bundle: via.signing.routes.bundle,
      inquiries: via.signing.routes.inquiries,
      sign: via.signing.routes.sign,
    }),
  };
}
