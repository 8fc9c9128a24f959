/** Ports of the case use cases. */
import type { CaseRecord } from '../domain/cases';
import type { SealedDocument } from '../domain/documents';
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

export interface CaseStore {
  /** runs fn in one IMMEDIATE transaction (all or nothing); nests as a savepoint */
  transaction<T>(fn: () => T): T;
  insert(c: CaseRecord): void;
  /** stores a changed case; throws CONFLICT when its version moved meanwhile */
  update(c: CaseRecord, expectedVersion: number): void;
  get(caseId: string): CaseRecord | undefined;
  listByPerson(personId: string): CaseRecord[];
  /** cases the machine still has to move on (after a restart) or staff have to decide */
  listByStatus(statuses: readonly string[]): CaseRecord[];
  /** next value of a serial (1, 2, …); `floor` gives the start when the counter is new */
  nextSerial(key: string, floor?: () => number): number;
  saveDocument(d: StoredDocument): void;
  documentsOfCase(caseId: string): StoredDocument[];
  documentOfCertificate(certificateId: string): StoredDocument | undefined;
  deliver(messages: readonly Message[]): void;
  messagesOf(personId: string): Message[];
  markRead(messageId: string, personId: string, at: string): Message | undefined;
  announceVoid(a: VoidAnnouncement): void;
  voidAnnouncements(): VoidAnnouncement[];
  /** a natural or legal person by 公民身份号码 / 统一社会信用代码 */
  personByIdNumber(idNumber: string): Person | undefined;
  certificatesOf(personId: string): HeldCertificate[];
  certificateStatusByNumber(number: string): string | undefined;
  /** highest serial already printed in certificate numbers starting with prefix */
  maxCertificateSerial(prefix: string): number;
}

/** The registry's seal: signs a body with the registry's SM2 key. */
export interface Sealer {
  readonly keyId: string;
  readonly publicKeyHex: string;
  seal<B>(body: B): SealedDocument<B>;
}
