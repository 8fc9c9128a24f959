/** Ports of the e-certificate use cases: presentations, verifications, proofs. */
import type { CertificatePrint, DetachedSignature } from '../domain/certificates';
import type { SealedDocument } from '../domain/documents';
import type { PresentationClaims, PresentationView, PresentedKind } from '../domain/presentation';
import type { CertificateState, CoOwnership, Holder } from '../domain/register';

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

/** An electronic twin made of a certificate: its licence id and the sealed document made. */
export interface ElectronicTwinRecord {
  certificateId: string;
  licenceId: string;
  documentId: string;
  createdAt: string;
}

/** The public checks whose attempts are limited per client address. */
export type AttemptBucket = 'code' | 'file';

/** Outcome of asking to count one more attempt. */
export type AttemptOutcome =
  | { counted: true; attemptId: number }
  /** refused: `limit` attempts already fall in the window; the oldest of them was at `oldestMs` */
  | { counted: false; oldestMs: number };

/**
 * The e-certificate store. Every method is asynchronous and works the same on every registry
 * node sharing the database: use counts, codes and attempt counters live only here.
 */
export interface CertificateStore {
  /** one write transaction (nests as a savepoint); `fn` does database work only */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Saves a presentation under a 6-digit code no live presentation uses (expiresAt > its
   * issuedAt): `p.code` first, then `nextCode()` while the code is taken, 20 tries at most.
   * Serialised across nodes, so two live presentations never share a code. Returns the record
   * as saved.
   */
  savePresentation(p: PresentationRecord, nextCode: () => string): Promise<PresentationRecord>;
  presentation(presentationId: string): Promise<PresentationRecord | undefined>;
  /**
   * Ends every live presentation of a holder at `at` (its expiresAt set to `at`), so neither its
   * token nor its code verifies again on any node (the holder logged out); how many it ended.
   */
  endPresentationsOf(holderPersonId: string, at: string): Promise<number>;
  /** the presentation a 6-digit code names while it lives (expiresAt > at) */
  presentationByCode(code: string, at: string): Promise<PresentationRecord | undefined>;
  /**
   * Counts one use of `v.presentationId` and logs the verification, in one step on every node:
   * the uses left after it, or undefined (nothing counted or logged) when the allowance is used
   * up already.
   */
  useOnce(v: VerificationRecord): Promise<number | undefined>;
  verificationsOf(itemId: string, holderPersonId: string): Promise<VerificationRecord[]>;
  saveHoldingsProof(p: HoldingsProofRecord): Promise<void>;
  holdingsProofsOf(personId: string): Promise<HoldingsProofRecord[]>;
  holdingsProof(proofId: string): Promise<HoldingsProofRecord | undefined>;
  /** the right (current or ended) a title certificate was issued for */
  rightOfCertificate(certificateId: string): Promise<CertificateRight | undefined>;
  certificateRow(
    certificateId: string,
  ): Promise<{ kind: string; status: string; unitCode: string; number: string } | undefined>;
  /** the register's current paper certificates, by number (the twins job's candidates) */
  currentPaperCertificates(): Promise<CertificateState[]>;
  /**
   * Notes the electronic twin made of a certificate; written in the transaction that saves its
   * document (the document's certificate id is unique: one twin per certificate)
   */
  saveTwin(t: ElectronicTwinRecord): Promise<void>;
  /**
   * Counts one attempt of `bucket` by `client` at `atMs`, unless `limit` attempts already fall
   * in the window (atMs - windowMs, atMs]. Check and count are one step on every node, so
   * concurrent attempts on several nodes never get past the limit together.
   */
  takeAttempt(
    bucket: AttemptBucket,
    client: string,
    atMs: number,
    windowMs: number,
    limit: number,
  ): Promise<AttemptOutcome>;
  /** takes back a counted attempt that turned out not to count (a code that was found) */
  dropAttempt(attemptId: number): Promise<void>;
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
  render(print: CertificatePrint): Promise<Uint8Array>;
}
