/**
 * Ports of the archive transfer (docs/registry-facts.md §16): the archives department that
 * receives batches (台州市档案馆; a simulator in adapters/archives-sim) and the registry's record
 * of what it transferred and what came back.
 */
import type {
  StoredTransferBatch,
  TransferList,
  TransferReceipt,
} from '../domain/archive/transfer';
import type { SealedDocument } from '../domain/documents';
import type { ManifestBody } from '../domain/archive';

/** One package as it is sent: its sealed manifest and every file's bytes. */
export interface TransferredPackage {
  packageId: string;
  archiveNumber: string;
  manifest: SealedDocument<ManifestBody>;
  files: { no: number; mediaType: string; base64: string }[];
}

/** What the archives answer a batch with. */
export type ArchivesAnswer =
  | { outcome: 'received'; receipt: TransferReceipt }
  /** refused on receipt, with the reasons (Chinese, naming packages); nothing was kept */
  | { outcome: 'refused'; reasons: string[] };

/** The archives' system could not be reached or did not answer: try again later. */
export class ArchivesUnavailableError extends Error {
  constructor(message = '档案馆接收系统暂不可用') {
    super(message);
    this.name = 'ArchivesUnavailableError';
  }
}

export interface ArchivesDepartment {
  /**
   * Receives a batch: checks the list's seal and runs the 四性检测 on every package, keeps the
   * batch and answers with a sealed receipt, or refuses it with reasons. Idempotent by batch: the
   * same list again gets the same receipt and changes nothing. Throws ArchivesUnavailableError.
   */
  receive(list: TransferList, packages: readonly TransferredPackage[]): Promise<ArchivesAnswer>;
}

export interface TransferAttempt {
  batchId: string;
  at: string;
  outcome: 'received' | 'refused' | 'unavailable';
  receipt?: TransferReceipt;
  receiptDigest?: string;
  reasons?: string[];
}

export interface ArchiveTransferStore {
  /** one write transaction (a savepoint when nested), joined by the archive store's work */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  nextBatchSerial(): Promise<number>;
  /** saves a new batch, its sealed list and one row per package */
  saveBatch(b: {
    batchId: string;
    batchSerial: number;
    batchNumber: string;
    createdAt: string;
    list: TransferList;
    listDigest: string;
  }): Promise<void>;
  /** records one attempt's outcome; a second 'received' for a batch is refused by the store */
  saveAttempt(a: TransferAttempt): Promise<void>;
  batch(batchId: string): Promise<StoredTransferBatch | undefined>;
  batches(): Promise<StoredTransferBatch[]>;
  /** batches sent but neither received nor refused (to be resent), oldest first */
  pendingBatchIds(): Promise<string[]>;
  /** ids of packages in a batch that is received or pending (not to be put in another batch) */
  transferredOrPendingPackageIds(): Promise<Set<string>>;
  attempts(batchId: string): Promise<TransferAttempt[]>;
  /** the archives' published public keys (current and retired), as the check trusts them */
  archivesPublicKeys(): Promise<string[]>;
}
