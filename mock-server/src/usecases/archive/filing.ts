/**
 * 归档: filing a completed case as a sealed package on the Merkle log.
 *
 * Filing runs right after a case completes (issued, refused, not accepted or withdrawn), outside
 * the request that completed it, and again at start for anything left unfiled. An issued case
 * then moves to `archived` through the lifecycle's `archive` action; refused, not-accepted and
 * withdrawn cases are terminal in the lifecycle and keep their status (their package records it).
 */
import type { BusinessType } from '../../domain/catalogue';
import { isIssued, isReadyToFile, transition, type CaseRecord } from '../../domain/cases';
import {
  buildManifest,
  describeProblem,
  formatArchiveNumber,
  packageLeaf,
  sm3Hex,
  type CheckReport,
  type ItemContent,
  type ManifestBody,
  type PackageSnapshot,
} from '../../domain/archive';
import { canonicalJson, utf8 } from '../../domain/crypto';
import type { SealedDocument } from '../../domain/documents';
import type { ArchiveStore, BlobStore, CaseStore, Clock, Sealer } from '../../ports';
import type { MerkleLog } from './merkleLog';

export interface FilingDeps {
  store: ArchiveStore;
  blobs: BlobStore;
  cases: CaseStore;
  sealer: Sealer;
  clock: Clock;
  log: Pick<MerkleLog, 'append'>;
  /** the business type the case was applied for (the workflow's context) */
  businessType(c: CaseRecord): Promise<BusinessType | undefined>;
  newId(prefix: string): string;
  /** the items of a case's package, in manifest order */
  contentsOf(c: CaseRecord): Promise<ItemContent[]>;
  /** the 四性检测 of a package, run right after filing it */
  checkPackage(packageId: string): Promise<CheckReport>;
  /** problems found by the check that runs at filing */
  onProblem?(message: string): void;
}

export class ArchiveFiling {
  /**
   * Cases completed in this process and not yet filed. Only a way to file soon; nothing is lost
   * with it: filing is idempotent in the store (one package per case, checked again inside the
   * write transaction), and every node files what is left unfiled when it starts.
   */
  private readonly queue = new Set<string>();
  private scheduled = false;
  private draining: Promise<void> = Promise.resolve();

  constructor(private readonly deps: FilingDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The completion hook: files the case soon after (outside the completing request). */
  onCaseCompleted(caseId: string): void {
    this.queue.add(caseId);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.drain());
  }

  /**
   * Files everything queued, one case after another (also across overlapping calls); errors
   * are reported, never thrown (the case stays unfiled and is filed at the next start).
   */
  drain(): Promise<void> {
    this.draining = this.draining.then(async () => {
      this.scheduled = false;
      for (const id of [...this.queue]) {
        this.queue.delete(id);
        try {
          await this.fileCase(id);
        } catch (e) {
          this.deps.onProblem?.(`filing ${id} failed: ${(e as Error).message}`);
        }
      }
    });
    return this.draining;
  }

  /** Files every completed case that has no package yet (at start, after a crash). */
  async fileBacklog(): Promise<number> {
    const ids = await this.deps.store.completedUnfiledCaseIds();
    for (const id of ids) await this.fileCase(id);
    return ids.length;
  }

  /** Files one completed case (idempotent): returns its package, or undefined when not complete. */
  async fileCase(caseId: string): Promise<PackageSnapshot | undefined> {
    const existing = await this.deps.store.packageOfCase(caseId);
    if (existing) return existing;
    const c = await this.deps.cases.get(caseId);
    if (!c || !isReadyToFile(c)) return undefined;
    const contents = await this.deps.contentsOf(c);
    for (const it of contents) await this.deps.blobs.put(it.bytes);
    const filed = await this.deps.store.transaction(async () => {
      const again = await this.deps.store.packageOfCase(caseId);
      if (again) return again;
      const at = this.now();
      const serial = await this.deps.store.nextPackageSerial();
      const archiveNumber = formatArchiveNumber(Number(at.slice(0, 4)), serial);
      const packageId = this.deps.newId('ARC');
      const body: ManifestBody = buildManifest(
        {
          packageId,
          archiveNumber,
          serial,
          caseId,
          caseNumber: c.caseNumber ?? '',
          businessTypeCode: c.businessTypeCode,
          unitCode: c.unitCode,
          outcome: c.status,
          ...(c.recording ? { certificateNumber: c.recording.certificateNumber } : {}),
          filedAt: at,
        },
        contents,
      );
      const manifest = this.deps.sealer.seal(body) as unknown as SealedDocument<ManifestBody>;
      const [leafIndex] = await this.deps.log.append([
        {
          kind: 'archivePackage',
          ref: packageId,
          leafData: packageLeaf({
            packageId,
            archiveNumber,
            manifestDigest: sm3Hex(utf8(canonicalJson(body))),
          }),
        },
      ]);
      await this.deps.store.savePackage({
        packageId,
        serial,
        archiveNumber,
        caseId,
        ...(c.recording ? { certificateNumber: c.recording.certificateNumber } : {}),
        filedAt: at,
        manifest,
        leafIndex,
        items: body.items,
      });
      // 归档 through the workflow (no effects follow it); an issued case's business type is in
      // the catalogue it was applied under
      const businessType = isIssued(c) ? await this.deps.businessType(c) : undefined;
      if (businessType) {
        const { next } = transition(
          c,
          { type: 'archive', archiveNumber },
          { actor: { kind: 'system' }, at, businessType },
        );
        await this.deps.cases.update(next, c.version);
      }
      return (await this.deps.store.packageOfCase(caseId)) as PackageSnapshot;
    });
    // 四性检测 at filing
    const report = await this.deps.checkPackage(filed.packageId);
    for (const p of report.problems) this.deps.onProblem?.(describeProblem(p));
    return filed;
  }
}
