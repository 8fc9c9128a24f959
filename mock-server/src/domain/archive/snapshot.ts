/** What the 四性检测 reads: a snapshot of the archive's rows and a way to read blobs. */
import type { SealedDocument } from '../documents';
import type { MerkleHash } from '../merkle';
import type { CaRootKey } from '../signing';
import type { ManifestBody, ManifestItem } from './manifest';
import type { AuditEntry, LeafKind, StoredQueryRecord, TreeHeadBody } from './log';

export interface PackageSnapshot {
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

export interface LeafRow {
  leafIndex: number;
  kind: LeafKind;
  ref: string;
  leafData: string;
  leafHash: string;
}

export interface TreeHeadRow {
  treeSize: number;
  rootHash: string;
  hashAlgorithm: string;
  head: SealedDocument<TreeHeadBody>;
}

export interface ArchiveSnapshot {
  trustedPublicKeys: readonly string[];
  /** the signature CA's published root keys: the only keys a party signature is checked up to */
  trustedSignatureKeys: readonly CaRootKey[];
  hashByName(name: string): MerkleHash | undefined;
  packages: readonly PackageSnapshot[];
  /** a blob's bytes, read when the check reaches it (one at a time, never all at once) */
  blob(digest: string): Promise<Uint8Array | undefined>;
  leaves: readonly LeafRow[];
  treeHeads: readonly TreeHeadRow[];
  registerEvents: readonly { seq: number; eventId: string; payloadJson: string }[];
  audits: readonly AuditEntry[];
  queries: readonly StoredQueryRecord[];
  /** immutability triggers that should exist and do not */
  missingTriggers: readonly string[];
}
