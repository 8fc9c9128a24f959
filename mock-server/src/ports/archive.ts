/** Ports of the electronic archive, records queries and consultation. */
import type { SealedDocument } from '../domain/documents';
import type {
  AuditEntry,
  LeafKind,
  LeafRow,
  ManifestBody,
  ManifestItem,
  PackageSnapshot,
  StoredQueryRecord,
  TreeHeadRow,
} from '../domain/archive';

/** Content-addressed files: each stored under its SM3 digest; never overwritten. */
export interface BlobStore {
  /** stores the bytes (idempotent) and returns their SM3 digest, hex */
  put(bytes: Uint8Array): string;
  get(digest: string): Uint8Array | undefined;
}

export interface NewPackage {
  packageId: string;
  serial: number;
  archiveNumber: string;
  caseId: string;
  certificateNumber?: string;
  filedAt: string;
  manifest: SealedDocument<ManifestBody>;
  leafIndex: number;
  items: ManifestItem[];
}

export interface ArchiveStore {
  /** one IMMEDIATE transaction (a savepoint when nested) */
  transaction<T>(fn: () => T): T;
  // ---- packages
  nextPackageSerial(): number;
  savePackage(p: NewPackage): void;
  packageOfCase(caseId: string): PackageSnapshot | undefined;
  package(packageId: string): PackageSnapshot | undefined;
  packageByCertificateNumber(number: string): PackageSnapshot | undefined;
  packagesOfUnit(unitCode: string): PackageSnapshot[];
  packages(): PackageSnapshot[];
  // ---- the Merkle log
  leafCount(): number;
  leaves(): LeafRow[];
  leafByRef(kind: LeafKind, ref: string): LeafRow | undefined;
  appendLeaf(row: LeafRow & { appendedAt: string }): void;
  saveTreeHead(row: TreeHeadRow & { signedAt: string }): void;
  latestTreeHead(): TreeHeadRow | undefined;
  treeHead(treeSize: number): TreeHeadRow | undefined;
  treeHeads(): TreeHeadRow[];
  /** register events not yet on the log (seq above the highest logged one), in order */
  registerEventsAfter(seq: number): { seq: number; eventId: string; payloadJson: string }[];
  registerEvents(): { seq: number; eventId: string; payloadJson: string }[];
  lastLoggedRegisterSeq(): number;
  // ---- audit and records queries
  appendAudit(entry: Omit<AuditEntry, 'seq'>): AuditEntry;
  audits(): AuditEntry[];
  saveQuery(q: StoredQueryRecord): void;
  queries(): StoredQueryRecord[];
  queriesOf(personId: string): StoredQueryRecord[];
  query(queryId: string): StoredQueryRecord | undefined;
  // ---- access control and keys
  /** immutability triggers of the archive and register tables that are missing */
  missingTriggers(): string[];
  /** every registry seal public key ever used (current and retired) */
  registryPublicKeys(): string[];
  // ---- the case side, read-only
  completedUnfiledCaseIds(): string[];
  /** register events of a unit recorded at an instant (a case's 登簿) */
  unitEventsAt(
    unitCode: string,
    recordedAt: string,
  ): { seq: number; eventId: string; payloadJson: string }[];
  /** every register event of a unit, in order */
  unitEvents(unitCode: string): { seq: number; eventId: string; payloadJson: string }[];
  /** the unit at exactly this location (坐落), if one */
  unitCodeByLocation(location: string): string | undefined;
  /** answered records queries so far (for numbering) */
  countAnsweredQueries(): number;
  // ---- state organs
  organOf(personId: string): string | undefined;
  grantOrgan(personId: string, organName: string, at: string): void;
}
