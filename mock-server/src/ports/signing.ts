/** Ports of applying from a phone: invitations, 询问笔录, uploaded files, signatures, idempotent submission. */

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
  sm3: string;
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
  caCertificateId: string;
  caPublicKey: string;
  /** document id → digest, as signed (to tell what changed later) */
  documents: Record<string, string>;
  current: boolean;
  voidedAt?: string;
}

export interface SigningChange {
  caseId: string;
  at: string;
  changes: string[];
}

export interface SigningStore {
  transaction<T>(fn: () => T): T;
  saveInvitation(i: Invitation): void;
  invitation(code: string): Invitation | undefined;
  invitationsOf(caseId: string): Invitation[];
  markInvitationAccepted(code: string, at: string): void;
  saveInquiry(i: StoredInquiry): void;
  inquiriesOf(caseId: string): StoredInquiry[];
  saveFile(f: StoredFile): void;
  fileBySm3(caseId: string, materialCode: string, sm3: string): StoredFile | undefined;
  filesOf(caseId: string): StoredFile[];
  saveCommitment(c: StoredCommitment): void;
  commitmentsOf(caseId: string): StoredCommitment[];
  saveSignature(s: StoredSignature): void;
  signaturesOf(caseId: string): StoredSignature[];
  voidSignature(signatureId: string, at: string): void;
  saveChange(c: SigningChange): void;
  changesOf(caseId: string): SigningChange[];
  /** the stored answer of an idempotent request, by (person, key) */
  idempotent(personId: string, key: string): { fingerprint: string; response: string } | undefined;
  saveIdempotent(
    personId: string,
    key: string,
    fingerprint: string,
    response: string,
    at: string,
  ): void;
  /** cases where a person is a party and which are in one of the statuses */
  caseIdsOfPersonInStatus(personId: string, statuses: readonly string[]): string[];
}

/** The trusted third-party e-signature service (simulated): its own SM2 key and certificate. */
export interface SignatureAuthority {
  readonly name: string;
  readonly certificateId: string;
  readonly userId: string;
  readonly publicKeyHex: string;
  /** signs a 32-byte digest (hex) for a signer; returns r‖s hex */
  sign(digestHex: string, signer: { personId: string; name: string }): string;
  verify(digestHex: string, signatureHex: string, publicKeyHex?: string): boolean;
}
