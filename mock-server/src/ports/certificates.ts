/** Ports of the e-certificate use cases: presentations, verifications, proofs. */
import type { CertificatePrint, DetachedSignature } from '../domain/certificates';
import type { SealedDocument } from '../domain/documents';
import type { PresentationClaims, PresentationView, PresentedKind } from '../domain/presentation';
import type { CoOwnership, Holder } from '../domain/register';

export interface PresentationRecord {
  presentationId: string;
  itemId: string;
  itemKind: PresentedKind;
  holderPersonId: string;
  view: PresentationView;
  code: string;
  nonce: string;
  token: string;
  issuedAt: string;
  expiresAt: string;
  allowance: number;
  uses: number;
}

export interface VerificationRecord {
  presentationId: string;
  itemId: string;
  holderPersonId: string;
  verifiedAt: string;
  verifierKind: 'app' | 'web';
  verifierPersonId?: string;
  verifierDisplay: string;
  via: 'qr' | 'code';
  view: PresentationView;
}

export interface HoldingsProofRecord {
  proofId: string;
  personId: string;
  number: string;
  issuedAt: string;
  document: SealedDocument;
}

export interface CertificateRight {
  rightId: string;
  rightType: string;
  coOwnership: CoOwnership;
  holders: Holder[];
  status: string;
}

export interface CertificateStore {
  /** one IMMEDIATE transaction (nests as a savepoint) */
  transaction<T>(fn: () => T): T;
  savePresentation(p: PresentationRecord): void;
  presentation(presentationId: string): PresentationRecord | undefined;
  /** the presentation a 6-digit code names while it lives (expiresAt > at) */
  presentationByCode(code: string, at: string): PresentationRecord | undefined;
  /** counts one use; false when the allowance is used up already */
  useOnce(presentationId: string): boolean;
  logVerification(v: VerificationRecord): void;
  verificationsOf(itemId: string, holderPersonId: string): VerificationRecord[];
  saveHoldingsProof(p: HoldingsProofRecord): void;
  holdingsProofsOf(personId: string): HoldingsProofRecord[];
  holdingsProof(proofId: string): HoldingsProofRecord | undefined;
  /** the right (current or ended) a title certificate was issued for */
  rightOfCertificate(certificateId: string): CertificateRight | undefined;
  certificateRow(
    certificateId: string,
  ): { kind: string; status: string; unitCode: string; number: string } | undefined;
}

/** The registry's key, as presentations need it: seal documents and sign tokens. */
export interface PresentationSigner {
  readonly keyId: string;
  readonly publicKeyHex: string;
  seal<B>(body: B): SealedDocument<B>;
  /** signs canonical JSON of the claims: HE1.<claims>.<signature> */
  signToken(claims: PresentationClaims): string;
  /** a detached SM2 signature over the exact bytes of a file (the printable PDF) */
  signFile(file: Uint8Array, fileName: string): DetachedSignature;
}

/** Renders the printable PDF of a certificate; same input, same bytes. */
export interface CertificatePdfRenderer {
  render(print: CertificatePrint): Uint8Array;
}
