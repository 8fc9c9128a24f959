/** Ports of the case use cases. */
import type { CaseRecord } from '../domain/cases';
import type { SealedDocument } from '../domain/documents';
import type { MessageEvent } from '../domain/messaging';
import type { Person } from '../domain/register';

export interface StoredDocument {
  documentId: string;
  kind: string;
  number: string;
  caseId?: string;
  certificateId?: string;
  issuedAt: string;
  document: SealedDocument;
}

export interface Message {
  messageId: string;
  personId: string;
  caseId?: string;
  documentId?: string;
  title: string;
  body: string;
  deliveredAt: string;
  readAt?: string;
  /** the event it tells, when it is one the channels carry (domain/messaging) */
  event?: MessageEvent;
  /** what it opens besides its case: the certificate (核验), the invitation (its code) */
  certificateId?: string;
  invitationCode?: string;
}

export interface VoidAnnouncement {
  announcementId: string;
  certificateId: string;
  certificateNumber: string;
  unitCode: string;
  location: string;
  caseId?: string;
  announcedAt: string;
  reason: string;
}

/** A certificate of a right the person holds or held. */
export interface HeldCertificate {
  certificateId: string;
  kind: string;
  number: string;
  unitCode: string;
  location: string;
  issuedOn: string;
  form: string;
  licenceId?: string;
  status: string;
}

/** A lookup by certificate number counted, or refused: the limit of the window was reached. */
export type LookupCount = { counted: true } | { counted: false; oldestAtMs: number };

/**
 * Cases and what the registry issues and tells about them, in the shared store (every node
 * reads and writes the same rows). Every method returns a promise.
 */
export interface CaseStore {
  /**
   * Runs fn in one write transaction (all or nothing; nests as a savepoint). fn is database work
   * only: it may run again on PostgreSQL after a serialization failure. Work that must follow
   * the commit (listeners, calls to other parties) is handed to `afterCommit`.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs fn once the outermost transaction of the caller commits (dropped when it rolls back);
   * outside a transaction, at once.
   */
  afterCommit(fn: () => void): void;
  insert(c: CaseRecord): Promise<void>;
  /** stores a changed case; throws CONFLICT when its version moved meanwhile (on any node) */
  update(c: CaseRecord, expectedVersion: number): Promise<void>;
  get(caseId: string): Promise<CaseRecord | undefined>;
  listByPerson(personId: string): Promise<CaseRecord[]>;
  /**
   * One page of a person's cases, newest first (created_at DESC, case_id): at most `limit`,
   * starting right after `after` (the last case of the page before) when given.
   */
  pageByPerson(
    personId: string,
    page: { limit: number; after?: { createdAt: string; caseId: string } },
  ): Promise<CaseRecord[]>;
  /** cases the machine still has to move on (after a restart) or staff have to decide */
  listByStatus(statuses: readonly string[]): Promise<CaseRecord[]>;
  /**
   * next value of a serial (1, 2, …), unique and without gaps across nodes; `floor` gives the
   * start when the counter is new. Inside the caller's transaction, the number is used (or not)
   * together with what it numbers.
   */
  nextSerial(key: string, floor?: () => Promise<number>): Promise<number>;
  saveDocument(d: StoredDocument): Promise<void>;
  documentsOfCase(caseId: string): Promise<StoredDocument[]>;
  documentOfCertificate(certificateId: string): Promise<StoredDocument | undefined>;
  deliver(messages: readonly Message[]): Promise<void>;
  messagesOf(personId: string): Promise<Message[]>;
  markRead(messageId: string, personId: string, at: string): Promise<Message | undefined>;
  announceVoid(a: VoidAnnouncement): Promise<void>;
  voidAnnouncements(): Promise<VoidAnnouncement[]>;
  /** a natural or legal person by 公民身份号码 / 统一社会信用代码 */
  personByIdNumber(idNumber: string): Promise<Person | undefined>;
  certificatesOf(personId: string): Promise<HeldCertificate[]>;
  certificateStatusByNumber(number: string): Promise<string | undefined>;
  /** highest serial already printed in certificate numbers starting with prefix */
  maxCertificateSerial(prefix: string): Promise<number>;
  /**
   * Counts one lookup by certificate number of `personId` at `atMs`, unless `limit` lookups were
   * counted in the window (`windowMs` back from `atMs`) already; across nodes, one at a time.
   */
  countCertificateLookup(
    personId: string,
    atMs: number,
    windowMs: number,
    limit: number,
  ): Promise<LookupCount>;
}

/** The registry's seal: signs a body with the registry's SM2 key. */
export interface Sealer {
  readonly keyId: string;
  readonly publicKeyHex: string;
  seal<B>(body: B): SealedDocument<B>;
}
