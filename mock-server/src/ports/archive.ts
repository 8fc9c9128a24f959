/** Ports of the electronic archive, records queries and consultation. */
import type { SealedDocument } from '../domain/documents';
import type { CaRootKey } from '../domain/signing';
import type { NodeRef } from '../domain/merkle';
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

/**
 * Content-addressed files (photos, PDFs, archive items): each stored under its SM3 digest, never
 * overwritten, shared by every node. The embedded default keeps them in a folder next to the
 * SQLite file; with PostgreSQL they are rows of the `blobs` table (docs/adr/0005).
 */
export interface BlobStore {
  /** stores the bytes (idempotent, also when two nodes store them at once); their SM3 digest, hex */
  put(bytes: Uint8Array): Promise<string>;
  get(digest: string): Promise<Uint8Array | undefined>;
}

/** A stored Merkle node (domain/merkle/stored.ts), its hash in hex. */
export interface StoredNodeRow extends NodeRef {
  hash: string;
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
  /** one write transaction (a savepoint when nested); `fn` is database work only */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  // ---- packages
  nextPackageSerial(): Promise<number>;
  savePackage(p: NewPackage): Promise<void>;
  packageOfCase(caseId: string): Promise<PackageSnapshot | undefined>;
  package(packageId: string): Promise<PackageSnapshot | undefined>;
  packageByCertificateNumber(number: string): Promise<PackageSnapshot | undefined>;
  packagesOfUnit(unitCode: string): Promise<PackageSnapshot[]>;
  packages(): Promise<PackageSnapshot[]>;
  // ---- the Merkle log
  leafCount(): Promise<number>;
  /** every leaf, in order: for the whole-archive 四性检测 only, never on a hot path */
  leaves(): Promise<LeafRow[]>;
  leaf(leafIndex: number): Promise<LeafRow | undefined>;
  /** the stored nodes asked for that exist (level 0: the leaves' hashes), in no order */
  logNodes(refs: readonly NodeRef[]): Promise<StoredNodeRow[]>;
  /** stores interior nodes (level ≥ 1); one already stored is left as it is */
  saveLogNodes(nodes: readonly StoredNodeRow[]): Promise<void>;
  leafByRef(kind: LeafKind, ref: string): Promise<LeafRow | undefined>;
  appendLeaf(row: LeafRow & { appendedAt: string }): Promise<void>;
  saveTreeHead(row: TreeHeadRow & { signedAt: string }): Promise<void>;
  latestTreeHead(): Promise<TreeHeadRow | undefined>;
  treeHead(treeSize: number): Promise<TreeHeadRow | undefined>;
  treeHeads(): Promise<TreeHeadRow[]>;
  /** register events not yet on the log (seq above the highest logged one), in order */
  registerEventsAfter(
    seq: number,
  ): Promise<{ seq: number; eventId: string; payloadJson: string }[]>;
  registerEvents(): Promise<{ seq: number; eventId: string; payloadJson: string }[]>;
  lastLoggedRegisterSeq(): Promise<number>;
  // ---- audit and records queries
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<AuditEntry>;
  audits(): Promise<AuditEntry[]>;
  saveQuery(q: StoredQueryRecord): Promise<void>;
  queries(): Promise<StoredQueryRecord[]>;
  queriesOf(personId: string): Promise<StoredQueryRecord[]>;
  query(queryId: string): Promise<StoredQueryRecord | undefined>;
  // ---- access control and keys
  /** immutability triggers of the archive and register tables that are missing */
  missingTriggers(): Promise<string[]>;
  /** every registry seal public key ever used (current and retired) */
  registryPublicKeys(): Promise<string[]>;
  /** the signature CA's published root keys (current and retired), with their key ids */
  signatureRootKeys(): Promise<CaRootKey[]>;
  // ---- the case side, read-only
  completedUnfiledCaseIds(): Promise<string[]>;
  /** register events of a unit recorded at an instant (a case's 登簿) */
  unitEventsAt(
    unitCode: string,
    recordedAt: string,
  ): Promise<{ seq: number; eventId: string; payloadJson: string }[]>;
  /** every register event of a unit, in order */
  unitEvents(unitCode: string): Promise<{ seq: number; eventId: string; payloadJson: string }[]>;
  /** the unit at exactly this location (坐落), if one */
  unitCodeByLocation(location: string): Promise<string | undefined>;
  /** answered records queries so far (for numbering) */
  countAnsweredQueries(): Promise<number>;
  // ---- state organs
  organOf(personId: string): Promise<string | undefined>;
  grantOrgan(personId: string, organName: string, at: string): Promise<void>;
}
