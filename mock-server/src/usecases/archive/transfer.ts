/**
 * 档案移交 (seed part 2(六), 档案法 §37–39, docs/registry-facts.md §16): one run transfers one batch
 * of filed packages to the archives department. Packages not yet transferred are checked first
 * (四性检测, domain/archive/packageCheck.ts: a package that fails is held back and named), listed
 * with their digests in a transfer list sealed by the registry, saved, and sent with their files.
 * The archives check them again on receipt and answer with a receipt sealed by their own key (or
 * refuse with reasons). The registry verifies the receipt with the archives' published keys and
 * keeps it; the batch's outcome goes on the tamper-evident log as an audit entry naming the list
 * and receipt digests. A batch the archives could not be reached for is retried a few times, then
 * left pending and sent again (the same list) on the next run; sending a received batch again
 * gets the same receipt and changes nothing.
 */
import { checkPackage, describeProblem, type PackageSnapshot } from '../../domain/archive';
import {
  buildTransferList,
  currentPackageDigest,
  documentSm3,
  receiptProblems,
  receivedOutcome,
  refusedOutcome,
  type StoredTransferBatch,
  type TransferListEntry,
} from '../../domain/archive/transfer';
import { notFound } from '../../domain/errors';
import type { ArchiveStore, BlobStore, Clock, Sealer } from '../../ports';
import {
  ArchivesUnavailableError,
  type ArchivesDepartment,
  type ArchiveTransferStore,
  type TransferredPackage,
} from '../../ports/archiveTransfer';

export interface ArchiveTransferDeps {
  archive: Pick<ArchiveStore, 'packages' | 'registryPublicKeys' | 'signatureRootKeys'>;
  blobs: Pick<BlobStore, 'get'>;
  transfers: ArchiveTransferStore;
  archives: ArchivesDepartment;
  sealer: Sealer;
  clock: Clock;
  newId(prefix: string): string;
  /** puts a batch's outcome on the tamper-evident log (the archive's audited log) */
  logBatch(batchId: string, outcome: string): Promise<void>;
  /** packages per batch (default 50) */
  batchSize?: number;
  /** waits before each retry when the archives are unavailable (ms; default 1 s, 5 s) */
  retryDelaysMs?: readonly number[];
  wait?(ms: number): Promise<void>;
}

export interface HeldBackPackage {
  archiveNumber: string;
  problems: string[];
}

export interface TransferRunResult {
  outcome: 'received' | 'refused' | 'unavailable' | 'alreadyReceived' | 'nothingToTransfer';
  batchId?: string;
  batchNumber?: string;
  /** archive numbers in the batch */
  packages: string[];
  /** the archives' reasons for a refusal, or why an answer was not taken */
  reasons: string[];
  /** packages that failed the registry's check before sending and were not sent */
  heldBack: HeldBackPackage[];
  /** calls made to the archives in this run */
  attempts: number;
}

const DEFAULT_DELAYS = [1_000, 5_000];

export class ArchiveTransfer {
  constructor(private readonly deps: ArchiveTransferDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * One run: a pending batch (sent before, no answer yet) is sent again first; otherwise a new
   * batch of the oldest packages not yet transferred.
   */
  async run(): Promise<TransferRunResult> {
    const pending = await this.deps.transfers.pendingBatchIds();
    if (pending.length > 0) return this.send(pending[0], []);
    const { batch, heldBack } = await this.prepareBatch();
    if (!batch)
      return { outcome: 'nothingToTransfer', packages: [], reasons: [], heldBack, attempts: 0 };
    return this.send(batch.batchId, heldBack);
  }

  /** Sends a batch again (idempotent: a received batch gets the same receipt, nothing changes). */
  async resend(batchId: string): Promise<TransferRunResult> {
    return this.send(batchId, []);
  }

  private async trusted() {
    return {
      trustedPublicKeys: await this.deps.archive.registryPublicKeys(),
      trustedSignatureKeys: await this.deps.archive.signatureRootKeys(),
      blob: (d: string) => this.deps.blobs.get(d),
    };
  }

  /** Checks the next packages and saves a batch with a sealed list of those that pass. */
  private async prepareBatch(): Promise<{
    batch?: StoredTransferBatch;
    heldBack: HeldBackPackage[];
  }> {
    const taken = await this.deps.transfers.transferredOrPendingPackageIds();
    const candidates = (await this.deps.archive.packages())
      .filter((p) => !taken.has(p.packageId))
      .sort((a, b) => a.serial - b.serial)
      .slice(0, this.deps.batchSize ?? 50);
    const trusted = await this.trusted();
    const heldBack: HeldBackPackage[] = [];
    const entries: TransferListEntry[] = [];
    for (const p of candidates) {
      // 四性检测 before sending: a package that fails is not sent
      const report = await checkPackage(p, trusted, this.now());
      if (!report.ok) {
        heldBack.push({
          archiveNumber: p.archiveNumber,
          problems: report.problems.map(describeProblem),
        });
        continue;
      }
      entries.push({
        packageId: p.packageId,
        archiveNumber: p.archiveNumber,
        serial: p.serial,
        caseId: p.caseId,
        itemCount: p.items.length,
        packageDigest: await currentPackageDigest(p, trusted.blob),
      });
    }
    if (entries.length === 0) return { heldBack };
    const { transfers } = this.deps;
    const batchId = await transfers.transaction(async () => {
      // another node may have put some of them in a batch meanwhile
      const takenNow = await transfers.transferredOrPendingPackageIds();
      const fresh = entries.filter((e) => !takenNow.has(e.packageId));
      if (fresh.length === 0) return undefined;
      const createdAt = this.now();
      const body = buildTransferList({
        batchId: this.deps.newId('TRB'),
        batchSerial: await transfers.nextBatchSerial(),
        createdAt,
        packages: fresh,
      });
      const list = this.deps.sealer.seal(body);
      await transfers.saveBatch({
        batchId: body.batchId,
        batchSerial: body.batchSerial,
        batchNumber: body.batchNumber,
        createdAt,
        list,
        listDigest: documentSm3(list),
      });
      return body.batchId;
    });
    return { batch: batchId ? await transfers.batch(batchId) : undefined, heldBack };
  }

  /** The packages of a batch as they are sent: sealed manifest and every file. */
  private async bundle(b: StoredTransferBatch): Promise<TransferredPackage[]> {
    const ids = new Set(b.list.body.packages.map((e) => e.packageId));
    const packages: PackageSnapshot[] = (await this.deps.archive.packages()).filter((p) =>
      ids.has(p.packageId),
    );
    const out: TransferredPackage[] = [];
    for (const p of packages) {
      const files: TransferredPackage['files'] = [];
      for (const it of p.items) {
        const bytes = await this.deps.blobs.get(it.digest);
        files.push({
          no: it.no,
          mediaType: it.mediaType,
          base64: bytes ? Buffer.from(bytes).toString('base64') : '',
        });
      }
      out.push({
        packageId: p.packageId,
        archiveNumber: p.archiveNumber,
        manifest: p.manifest,
        files,
      });
    }
    return out;
  }

  private async send(batchId: string, heldBack: HeldBackPackage[]): Promise<TransferRunResult> {
    const { transfers, archives } = this.deps;
    const b = await transfers.batch(batchId);
    if (!b) throw notFound('移交批次不存在');
    const base = {
      batchId,
      batchNumber: b.batchNumber,
      packages: b.list.body.packages.map((e) => e.archiveNumber),
      heldBack,
    };
    if (b.refused) return { ...base, outcome: 'refused', reasons: b.refused.reasons, attempts: 0 };
    const packages = await this.bundle(b);
    const delays = this.deps.retryDelaysMs ?? DEFAULT_DELAYS;
    const wait = this.deps.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let lastReasons: string[] = [];
    for (let attempt = 1; attempt <= delays.length + 1; attempt += 1) {
      if (attempt > 1) await wait(delays[attempt - 2]);
      let answer;
      try {
        answer = await archives.receive(b.list, packages);
      } catch (e) {
        if (!(e instanceof ArchivesUnavailableError)) throw e;
        lastReasons = [e.message];
        await this.recordUnavailable(b, lastReasons);
        continue;
      }
      if (answer.outcome === 'refused' && b.receipt) {
        // a received batch stays received; the archives say what no longer matches their copy
        return { ...base, outcome: 'alreadyReceived', reasons: answer.reasons, attempts: attempt };
      }
      if (answer.outcome === 'refused') {
        await transfers.transaction(async () => {
          if (
            (await transfers.batch(batchId))?.receipt ||
            (await transfers.batch(batchId))?.refused
          )
            return;
          await transfers.saveAttempt({
            batchId,
            at: this.now(),
            outcome: 'refused',
            reasons: answer.reasons,
          });
          await this.deps.logBatch(batchId, refusedOutcome(b.listDigest, answer.reasons));
        });
        return { ...base, outcome: 'refused', reasons: answer.reasons, attempts: attempt };
      }
      // the receipt must be the archives' seal over this very list
      const receipt = answer.receipt;
      const problems = receiptProblems(b.list, receipt, await transfers.archivesPublicKeys());
      if (problems.length > 0) {
        lastReasons = problems.map((p) => `回执无效：${p}`);
        await this.recordUnavailable(b, lastReasons);
        continue;
      }
      const receiptDigest = documentSm3(receipt);
      const stored = await transfers.transaction(async () => {
        const now = await transfers.batch(batchId);
        if (now?.receipt) return now;
        await transfers.saveAttempt({
          batchId,
          at: this.now(),
          outcome: 'received',
          receipt,
          receiptDigest,
        });
        await this.deps.logBatch(batchId, receivedOutcome(b.listDigest, receiptDigest));
        return undefined;
      });
      const again = stored !== undefined;
      return {
        ...base,
        outcome: again ? 'alreadyReceived' : 'received',
        reasons:
          again && stored.receiptDigest !== receiptDigest
            ? ['档案馆再次出具的回执与已保存的回执不同']
            : [],
        attempts: attempt,
      };
    }
    return { ...base, outcome: 'unavailable', reasons: lastReasons, attempts: delays.length + 1 };
  }

  private async recordUnavailable(b: StoredTransferBatch, reasons: string[]): Promise<void> {
    // a batch already answered is not touched again
    if (b.receipt || b.refused) return;
    await this.deps.transfers.saveAttempt({
      batchId: b.batchId,
      at: this.now(),
      outcome: 'unavailable',
      reasons,
    });
  }
}
