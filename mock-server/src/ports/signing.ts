/** Ports of applying from a phone: invitations, 询问笔录, uploaded files, signatures, idempotent submission. */
import type { CaRootKey, FaceCheckReference, SignerCertificate } from '../domain/signing';

export interface Invitation {
  code: string;
  caseId: string;
  partyId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string;
}

export interface StoredInquiry {
  caseId: string;
  partyId: string;
  answers: Record<string, string>;
  answeredAt: string;
}

export interface StoredFile {
  fileId: string;
  caseId: string;
  materialCode: string;
  /** SM3 of the stored bytes (for a picture: the re-encoded picture) */
  sm3: string;
  /** SM3 of the bytes as they were received, when they differ from the stored ones */
  receivedSm3?: string;
  bytes: number;
  contentType: string;
  width?: number;
  height?: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface StoredCommitment {
  caseId: string;
  materialCode: string;
  partyId: string;
  committedAt: string;
}

export interface StoredSignature {
  signatureId: string;
  caseId: string;
  partyId: string;
  signerName: string;
  signedAt: string;
  bundleDigest: string;
  handwritingDigest: string;
  signedDigest: string;
  signature: string;
  /** the CA root key that issued the signer's certificate: its key id and public key */
  caCertificateId: string;
  caPublicKey: string;
  /** the signer's certificate (event certificate or organisation e-seal); none on older records */
  certificate?: SignerCertificate;
  /** the face check the event certificate was issued on (persons) */
  faceCheck?: FaceCheckReference;
  /** document id → digest, as signed (to tell what changed later) */
  documents: Record<string, string>;
  current: boolean;
  voidedAt?: string;
  /**
   * Signed by an agent or guardian for the party `partyId`: the signer (`signerName`, whom the
   * certificate names) acted under this authority (migration 0044)
   */
  onBehalfOf?: SignatureOnBehalf;
}

/** The authority an agent's or guardian's signature for a party was made under. */
export interface SignatureOnBehalf {
  representationId: string;
  kind: 'agent' | 'guardian';
  agentId: string;
  principalName: string;
}

export interface SigningChange {
  caseId: string;
  at: string;
  changes: string[];
}

/**
 * The store of applying from a phone. Every method returns a promise; `transaction` runs its
 * callback in one store transaction (database work only: it may be run again on PostgreSQL).
 */
export interface SigningStore {
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  saveInvitation(i: Invitation): Promise<void>;
  invitation(code: string): Promise<Invitation | undefined>;
  invitationsOf(caseId: string): Promise<Invitation[]>;
  /**
   * Marks the invitation accepted unless it was already (one conditional update): true for the
   * call that accepted it, false when it had been accepted before (here or on another node).
   */
  markInvitationAccepted(code: string, at: string): Promise<boolean>;
  saveInquiry(i: StoredInquiry): Promise<void>;
  inquiriesOf(caseId: string): Promise<StoredInquiry[]>;
  /** stores the file's metadata; false when the same bytes are already stored for the item */
  saveFile(f: StoredFile): Promise<boolean>;
  fileBySm3(caseId: string, materialCode: string, sm3: string): Promise<StoredFile | undefined>;
  filesOf(caseId: string): Promise<StoredFile[]>;
  /** the first commitment to a material stays; a later one for it changes nothing */
  saveCommitment(c: StoredCommitment): Promise<void>;
  commitmentsOf(caseId: string): Promise<StoredCommitment[]>;
  /**
   * Records a current signature, at most one per party and case at a time (a signing round):
   * false, storing nothing, when the party already has a current one (a double tap, on any node).
   */
  saveSignature(s: StoredSignature): Promise<boolean>;
  signaturesOf(caseId: string): Promise<StoredSignature[]>;
  voidSignature(signatureId: string, at: string): Promise<void>;
  saveChange(c: SigningChange): Promise<void>;
  changesOf(caseId: string): Promise<SigningChange[]>;
  /** the stored answer of an idempotent request, by (person, key) */
  idempotent(
    personId: string,
    key: string,
  ): Promise<{ fingerprint: string; response: string } | undefined>;
  saveIdempotent(
    personId: string,
    key: string,
    fingerprint: string,
    response: string,
    at: string,
  ): Promise<void>;
  /** cases where a person is a party and which are in one of the statuses */
  caseIdsOfPersonInStatus(personId: string, statuses: readonly string[]): Promise<string[]>;
}

/** The root key a signature CA issues certificates with now (published with its key id). */
export interface SignatureCertificate {
  certificateId: string;
  publicKeyHex: string;
}

/** A party's signature over a digest, with the certificate that names them. */
export interface PartySignature {
  /** r‖s hex, made with the certified key */
  signature: string;
  certificate: SignerCertificate;
  /** the CA root key that issued the certificate */
  root: CaRootKey;
  /** when the signature was made (inside the certificate's validity) */
  signedAt: string;
}

/** Who signs: a person or an organisation party, with the ID number the certificate digests. */
export interface Signer {
  personId: string;
  name: string;
  idNumber: string;
}

/**
 * The trusted third-party e-signature service (simulated): its own SM2 root key, with which it
 * issues signer certificates. An outside party, so every call is asynchronous.
 */
export interface SignatureAuthority {
  readonly name: string;
  readonly userId: string;
  /** the root key it issues with now */
  certificate(): Promise<SignatureCertificate>;
  /** every root key it has issued with (current first), as published */
  rootKeys(): Promise<CaRootKey[]>;
  /**
   * After the person's fresh face check: issues them an event certificate for a new key pair,
   * signs the digest (hex) with that key and discards it.
   */
  signAsPerson(
    digestHex: string,
    signer: Signer,
    faceCheck: FaceCheckReference,
  ): Promise<PartySignature>;
  /** An organisation's system signs the digest with its own e-seal certificate. */
  sealAsOrganisation(digestHex: string, organisation: Signer): Promise<PartySignature>;
}
