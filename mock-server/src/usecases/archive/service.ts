/**
 * The archive's use cases, composed for the routes and the records query: 归档 of completed
 * cases (filing.ts, with packageContents.ts), the audit log of every read (auditedReads.ts),
 * inclusion proofs (proofs.ts) and the 四性检测 (archiveChecks.ts), all on one Merkle log.
 */
import type { CheckReport, PackageSnapshot } from '../../domain/archive';
import type { MerkleHash } from '../../domain/merkle';
import type {
  ArchiveStore,
  BlobStore,
  CaseStore,
  CatalogueRepository,
  Clock,
  Sealer,
} from '../../ports';
import type { StoredSharedRecord } from '../../ports/sharedDataStore';
import { ArchiveChecks } from './archiveChecks';
import { AuditedReads, type AuditActor } from './auditedReads';
import { ArchiveFiling } from './filing';
import { MerkleLog } from './merkleLog';
import { collectPackageContents, type PackageContentsDeps } from './packageContents';
import { inclusionProofOf } from './proofs';

export type { AuditActor } from './auditedReads';

export interface ArchiveDeps {
  store: ArchiveStore;
  blobs: BlobStore;
  cases: CaseStore;
  catalogue: CatalogueRepository;
  sealer: Sealer;
  clock: Clock;
  hash: MerkleHash;
  hashByName(name: string): MerkleHash | undefined;
  newId(prefix: string): string;
  /** problems found by the check that runs at filing */
  onProblem?(message: string): void;
  /** the case's shared records as their sources sealed them (data, seal, time) */
  sharedRecordsOf?(caseId: string): StoredSharedRecord[] | Promise<StoredSharedRecord[]>;
  /** the case's party signatures and the documents as last signed, filed with it */
  signaturesOf?: PackageContentsDeps['signaturesOf'];
  /** the parties' uploaded files, filed with the case */
  uploadsOf?: PackageContentsDeps['uploadsOf'];
}

export class ArchiveService {
  readonly log: MerkleLog;
  private readonly filing: ArchiveFiling;
  private readonly reads: AuditedReads;
  private readonly checks: ArchiveChecks;

  constructor(private readonly deps: ArchiveDeps) {
    this.log = new MerkleLog(deps.store, deps.sealer, deps.hash, deps.clock);
    const { store, blobs, cases, sealer, clock } = deps;
    this.checks = new ArchiveChecks({
      store,
      blobs,
      clock,
      hashByName: (name) => deps.hashByName(name),
    });
    this.reads = new AuditedReads({ store, blobs, clock, log: this.log });
    this.filing = new ArchiveFiling({
      store,
      blobs,
      cases,
      sealer,
      clock,
      log: this.log,
      newId: (prefix) => deps.newId(prefix),
      onProblem: (message) => deps.onProblem?.(message),
      contentsOf: (c) => collectPackageContents(deps, c),
      businessType: async (c) =>
        (await deps.catalogue.current())?.businessTypes.find((b) => b.code === c.businessTypeCode),
      checkPackage: (packageId) => this.checks.checkPackage(packageId),
    });
  }

  // ------------------------------------------------------------ filing

  /** The completion hook: files the case soon after (outside the completing request). */
  onCaseCompleted(caseId: string): void {
    this.filing.onCaseCompleted(caseId);
  }
  drain(): Promise<void> {
    return this.filing.drain();
  }
  fileBacklog(): Promise<number> {
    return this.filing.fileBacklog();
  }
  fileCase(caseId: string): Promise<PackageSnapshot | undefined> {
    return this.filing.fileCase(caseId);
  }

  // ------------------------------------------------------------ audit and reads

  audit(actor: AuditActor, action: string, target: string, outcome: string): Promise<void> {
    return this.reads.audit(actor, action, target, outcome);
  }
  readPackage(
    actor: AuditActor,
    packageId: string,
    mayRead: (p: PackageSnapshot) => boolean | Promise<boolean>,
  ) {
    return this.reads.readPackage(actor, packageId, mayRead);
  }
  packageOfCase(caseId: string): Promise<PackageSnapshot | undefined> {
    return this.deps.store.packageOfCase(caseId);
  }
  packagesOfUnit(unitCode: string): Promise<PackageSnapshot[]> {
    return this.deps.store.packagesOfUnit(unitCode);
  }

  // ------------------------------------------------------------ proofs and 四性检测

  proof(q: { leaf?: number; packageId?: string; certificateNumber?: string }) {
    return inclusionProofOf({ store: this.deps.store, log: this.log }, q);
  }
  checkPackage(packageId: string): Promise<CheckReport> {
    return this.checks.checkPackage(packageId);
  }
  checkArchive(): Promise<CheckReport> {
    return this.checks.checkArchive();
  }
}
