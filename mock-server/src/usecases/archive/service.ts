/**
 * 归档 and the archive's use cases: filing a completed case as a sealed package,
 * the audit log of every read, inclusion proofs, and the 四性检测 of a package or the archive.
 *
 * Filing runs right after a case completes (issued, refused, not accepted or withdrawn), outside
 * the request that completed it, and again at start for anything left unfiled. An issued case
 * then moves to `archived` through the lifecycle's `archive` action; refused, not-accepted and
 * withdrawn cases are terminal in the lifecycle and keep their status (their package records it).
 */
import { DATA_SOURCE_NAMES } from '../../domain/shared-data';
import type { StoredSharedRecord } from '../../ports/sharedDataStore';
import { applyAction, type CaseRecord } from '../../domain/cases';
import {
  buildManifest,
  checkArchive,
  checkPackage,
  describeProblem,
  formatArchiveNumber,
  jsonItem,
  packageLeaf,
  sm3Hex,
  auditLeaf,
  type ArchiveSnapshot,
  type CheckReport,
  type ItemContent,
  type ManifestBody,
  type PackageSnapshot,
} from '../../domain/archive';
import { canonicalJson, utf8 } from '../../domain/crypto';
import type { SealedDocument } from '../../domain/documents';
import { notFound } from '../../domain/errors';
import type { MerkleHash } from '../../domain/merkle';
import type {
  ArchiveStore,
  BlobStore,
  CaseStore,
  CatalogueRepository,
  Clock,
  Sealer,
} from '../../ports';
import { MerkleLog } from './merkleLog';

/** Statuses in which a case is complete and gets filed. */
export const COMPLETED_STATUSES = ['issued', 'refused', 'notAccepted', 'withdrawn'] as const;

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
  sharedRecordsOf?(caseId: string): StoredSharedRecord[];
}

/** Who reads or queries, and why (the audit record). */
export interface AuditActor {
  actorId: string;
  role: string;
  purpose: string;
}

export class ArchiveService {
  readonly log: MerkleLog;
  private readonly queue = new Set<string>();
  private scheduled = false;

  constructor(private readonly deps: ArchiveDeps) {
    this.log = new MerkleLog(deps.store, deps.sealer, deps.hash, deps.clock);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  // ------------------------------------------------------------ filing

  /** The completion hook: files the case soon after (outside the completing request). */
  onCaseCompleted(caseId: string): void {
    this.queue.add(caseId);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  /** Files everything queued; errors are reported, never thrown (the case stays unfiled). */
  drain(): void {
    this.scheduled = false;
    for (const id of [...this.queue]) {
      this.queue.delete(id);
      try {
        this.fileCase(id);
      } catch (e) {
        this.deps.onProblem?.(`filing ${id} failed: ${(e as Error).message}`);
      }
    }
  }

  /** Files every completed case that has no package yet (at start, after a crash). */
  fileBacklog(): number {
    const ids = this.deps.store.completedUnfiledCaseIds();
    for (const id of ids) this.fileCase(id);
    return ids.length;
  }

  /** Files one completed case (idempotent): returns its package, or undefined when not complete. */
  fileCase(caseId: string): PackageSnapshot | undefined {
    const existing = this.deps.store.packageOfCase(caseId);
    if (existing) return existing;
    const c = this.deps.cases.get(caseId);
    if (!c || !(COMPLETED_STATUSES as readonly string[]).includes(c.status)) return undefined;
    const contents = this.collect(c);
    for (const it of contents) this.deps.blobs.put(it.bytes);
    const filed = this.deps.store.transaction(() => {
      const again = this.deps.store.packageOfCase(caseId);
      if (again) return again;
      const at = this.now();
      const serial = this.deps.store.nextPackageSerial();
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
      const [leafIndex] = this.log.append([
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
      this.deps.store.savePackage({
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
      if (c.status === 'issued') {
        const r = applyAction(c, 'archive', { kind: 'system' }, at, {
          note: `归档：${archiveNumber}`,
        });
        if (r.ok) this.deps.cases.update({ ...r.case, version: c.version + 1 }, c.version);
      }
      return this.deps.store.packageOfCase(caseId) as PackageSnapshot;
    });
    // 四性检测 at filing
    const report = this.checkPackage(filed.packageId);
    for (const p of report.problems) this.deps.onProblem?.(describeProblem(p));
    return filed;
  }

  /** Every item of the package, in manifest order. */
  private collect(c: CaseRecord): ItemContent[] {
    const bt = this.deps.catalogue
      .current()
      ?.businessTypes.find((b) => b.code === c.businessTypeCode);
    const docs = this.deps.cases.documentsOfCase(c.caseId);
    const items: ItemContent[] = [
      jsonItem('application', `申请信息（${bt?.name ?? c.businessTypeCode}）`, {
        caseId: c.caseId,
        caseNumber: c.caseNumber ?? null,
        businessTypeCode: c.businessTypeCode,
        businessTypeVersion: c.businessTypeVersion,
        unitCode: c.unitCode,
        parties: c.parties.map((p) => ({
          personId: p.personId,
          name: p.name,
          role: p.role,
          ...(p.shareBasisPoints !== undefined ? { shareBasisPoints: p.shareBasisPoints } : {}),
        })),
        newCoOwnership: c.newCoOwnership ?? null,
        priceYuan: c.priceYuan ?? null,
        materials: c.materials,
        createdAt: c.createdAt,
        submittedAt: c.submittedAt ?? null,
      }),
    ];
    // shared data (条例§24): every record exactly as its source sealed it — data,
    // query, retrieval time and the source's SM2 seal — with whether the seal checked out and
    // what a recheck made of it
    const nameOf = (code: string | null) =>
      code ? (bt?.materials.find((x) => x.code === code)?.name ?? code) : '审核查询';
    for (const r of this.deps.sharedRecordsOf?.(c.caseId) ?? []) {
      items.push(
        jsonItem(
          'sharedData',
          `共享数据：${nameOf(r.materialCode)}（${DATA_SOURCE_NAMES[r.record.source]}）`,
          // sealed by the registry on filing, like every item; the source's seal is inside
          this.deps.sealer.seal({
            documentType: 'sharedDataRecord',
            recordId: r.recordId,
            caseId: c.caseId,
            materialCode: r.materialCode,
            status: r.status,
            sealValid: r.sealValid,
            ...(r.replacesRecordId ? { replacesRecordId: r.replacesRecordId } : {}),
            record: r.record,
          }),
        ),
      );
    }
    // items shared without an outside record (the register's own data): sealed on receipt
    for (const m of c.materials.filter(
      (x) => x.source === 'sharedData' && x.status === 'provided' && !x.ref?.startsWith('shared:'),
    )) {
      const source = (m.ref ?? '').split(':')[0] || '共享';
      items.push(
        jsonItem(
          'sharedData',
          `共享数据：${bt?.materials.find((x) => x.code === m.code)?.name ?? m.code}（${source}）`,
          this.deps.sealer.seal({
            documentType: 'sharedDataRecord',
            materialCode: m.code,
            source,
            ref: m.ref ?? '',
            caseId: c.caseId,
            receivedAt: c.submittedAt ?? c.updatedAt,
          }),
        ),
      );
    }
    for (const m of c.materials) {
      const digest = /^blob:([0-9a-f]{64})$/.exec(m.ref ?? '')?.[1];
      const bytes = digest ? this.deps.blobs.get(digest) : undefined;
      if (bytes) {
        const media =
          bytes[0] === 0xff ? 'image/jpeg' : bytes[0] === 0x89 ? 'image/png' : 'application/pdf';
        items.push({ kind: 'uploadedFile', title: `上传材料：${m.code}`, mediaType: media, bytes });
      }
    }
    items.push(
      jsonItem('inquiryRecord', '询问笔录', {
        caseId: c.caseId,
        answers: c.answers,
        answeredBy: c.createdBy,
        at: c.submittedAt ?? c.updatedAt,
      }),
      jsonItem('signatures', '电子签名记录', {
        caseId: c.caseId,
        signers: c.parties
          .filter((p) => p.signedAt)
          .map((p) => ({ personId: p.personId, name: p.name, role: p.role, signedAt: p.signedAt })),
        steps: c.timeline.filter((t) => t.step === '签名' || t.step === '提交'),
      }),
      jsonItem('reviewDecisions', '审核决定与规则结果', {
        caseId: c.caseId,
        outcome: c.status,
        decisionReasons: c.decisionReasons ?? [],
        correction: c.correction ?? null,
        manualQueue: c.manualQueue ?? null,
        timeline: c.timeline,
      }),
    );
    for (const d of docs.filter(
      (x) => x.kind !== 'titleCertificate' && x.kind !== 'registrationProof',
    )) {
      items.push(jsonItem('notice', `${d.number}`, d.document));
    }
    if (c.recording) {
      const events = this.deps.store.unitEventsAt(c.unitCode, c.recording.recordedAt);
      items.push(
        jsonItem(
          'registerEvents',
          '登簿记录',
          events.map((e) => ({ seq: e.seq, eventId: e.eventId, event: JSON.parse(e.payloadJson) })),
        ),
      );
    }
    for (const d of docs.filter(
      (x) => x.kind === 'titleCertificate' || x.kind === 'registrationProof',
    )) {
      items.push(jsonItem('certificate', `不动产权证书 ${d.number}`, d.document));
    }
    return items;
  }

  // ------------------------------------------------------------ audit and reads

  /** Appends an audit entry, itself on the Merkle log. */
  audit(actor: AuditActor, action: string, target: string, outcome: string): void {
    this.deps.store.transaction(() => {
      const entry = this.deps.store.appendAudit({
        at: this.now(),
        actorId: actor.actorId,
        actorRole: actor.role,
        purpose: actor.purpose,
        action,
        target,
        outcome,
      });
      this.log.append([{ kind: 'audit', ref: String(entry.seq), leafData: auditLeaf(entry) }]);
    });
  }

  /** A package with its items' contents; every read is audited. */
  readPackage(actor: AuditActor, packageId: string, mayRead: (p: PackageSnapshot) => boolean) {
    const p = this.deps.store.package(packageId);
    if (!p || !mayRead(p)) {
      this.audit(actor, 'readPackage', packageId, 'refused');
      throw notFound('档案不存在');
    }
    this.audit(actor, 'readPackage', packageId, 'read');
    return {
      package: p,
      contents: p.items.map((it) => {
        const bytes = this.deps.blobs.get(it.digest);
        return {
          no: it.no,
          mediaType: it.mediaType,
          ...(bytes
            ? it.mediaType === 'application/json'
              ? { json: JSON.parse(new TextDecoder().decode(bytes)) as unknown }
              : { base64: Buffer.from(bytes).toString('base64') }
            : {}),
        };
      }),
    };
  }

  packageOfCase(caseId: string): PackageSnapshot | undefined {
    return this.deps.store.packageOfCase(caseId);
  }
  packagesOfUnit(unitCode: string): PackageSnapshot[] {
    return this.deps.store.packagesOfUnit(unitCode);
  }

  // ------------------------------------------------------------ proofs

  /** Inclusion proof of a leaf: by index, package id, case id or certificate number. */
  proof(q: { leaf?: number; packageId?: string; certificateNumber?: string }) {
    let index = q.leaf;
    if (index === undefined) {
      const p = q.packageId
        ? this.deps.store.package(q.packageId)
        : q.certificateNumber
          ? this.deps.store.packageByCertificateNumber(q.certificateNumber)
          : undefined;
      if (!p) throw notFound('没有找到对应的档案');
      index = p.leafIndex;
    }
    return this.log.inclusion(index);
  }

  // ------------------------------------------------------------ 四性检测

  private snapshot(): ArchiveSnapshot {
    const s = this.deps.store;
    return {
      trustedPublicKeys: s.registryPublicKeys(),
      hashByName: (n) => this.deps.hashByName(n),
      packages: s.packages(),
      blob: (d) => this.deps.blobs.get(d),
      leaves: s.leaves(),
      treeHeads: s.treeHeads(),
      registerEvents: s.registerEvents(),
      audits: s.audits(),
      queries: s.queries(),
      missingTriggers: s.missingTriggers(),
    };
  }

  checkPackage(packageId: string): CheckReport {
    const p = this.deps.store.package(packageId);
    if (!p) throw notFound('档案不存在');
    return checkPackage(p, this.snapshot(), this.now());
  }

  checkArchive(): CheckReport {
    return checkArchive(this.snapshot(), this.now());
  }
}
