/**
 * The archives department simulator (台州市档案馆, docs/registry-facts.md §16): receives batches
 * of electronic archives from the registry, runs its own 四性检测 on receipt (the list's seal by
 * the registry's published keys, every package's manifest seal, files, formats and signatures
 * with domain/archive/packageCheck.ts, each package's digest against the list), keeps its own
 * copy and answers with a receipt sealed by its own SM2 key (key name `archives`, published at
 * GET /api/v1/keys and in archives_department_keys). Its state is in the database (migration
 * 0038), shared by every node; scripted faults (unavailable, refusal with reasons) are queued
 * there too and taken once each.
 */
import { randomBytes } from 'node:crypto';
import { canonicalJson, kSourceFromRandomBytes } from '../../domain/crypto';
import { sealDocument } from '../../domain/documents';
import {
  checkPackage,
  describeProblem,
  type CheckResult,
  type PackageSnapshot,
} from '../../domain/archive';
import { Results, summarise } from '../../domain/archive/checkReport';
import {
  ARCHIVES_NAME,
  ARCHIVES_SEAL_NAME,
  documentSm3,
  packageDigest,
  sealedByAny,
  type TransferList,
  type TransferReceipt,
  type TransferReceiptBody,
} from '../../domain/archive/transfer';
import type { CaRootKey } from '../../domain/signing';
import type { Clock } from '../../ports';
import {
  ArchivesUnavailableError,
  type ArchivesAnswer,
  type ArchivesDepartment,
  type TransferredPackage,
} from '../../ports/archiveTransfer';
import type { SqlDb } from '../sql/types';

export interface ArchivesSimulatorOptions {
  db: SqlDb;
  clock: Clock;
  /** the archives' own key (key store name `archives`) */
  key: { keyId: string; privateKey: bigint; publicKeyHex: string };
  /** the archives' own published keys, current and retired (a receipt sealed before a rotation) */
  ownKeys(): Promise<string[]>;
  /** the registry's published seal keys, current and retired (as the archives fetch them) */
  registryKeys(): Promise<string[]>;
  /** the signature CA's published root keys (party signatures are checked up to them) */
  signatureRootKeys(): Promise<CaRootKey[]>;
}

export type ArchivesFault = 'unavailable' | 'refuse';

const decode = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

/** The package as the archives hold it, in the shape the 四性检测 reads. */
function snapshotOf(p: TransferredPackage): PackageSnapshot {
  const b = p.manifest?.body;
  return {
    packageId: p.packageId,
    serial: b?.serial,
    archiveNumber: p.archiveNumber,
    caseId: b?.caseId,
    ...(b?.certificateNumber !== undefined ? { certificateNumber: b.certificateNumber } : {}),
    filedAt: b?.filedAt,
    manifest: p.manifest,
    leafIndex: 0,
    items: Array.isArray(b?.items) ? b.items : [],
  };
}

/** The digest of a package as the archives hold it (same definition as the registry's). */
export const heldPackageDigest = (p: TransferredPackage): string =>
  packageDigest(
    p.manifest,
    p.files.map((f) => ({ no: f.no, bytes: decode(f.base64) })),
  );

export class ArchivesSimulator implements ArchivesDepartment {
  private readonly kSource = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));

  constructor(private readonly opts: ArchivesSimulatorOptions) {}

  get publicKeyHex(): string {
    return this.opts.key.publicKeyHex;
  }

  /** Queues a scripted answer for the next batch (demo and tests). */
  async setFault(fault: ArchivesFault, reasons: string[] = []): Promise<void> {
    const { db } = this.opts;
    await db.transaction(async () => {
      const row = await db.get<{ n: number | null }>(
        'SELECT max(seq) AS n FROM archives_sim_faults',
      );
      await db.run(
        'INSERT INTO archives_sim_faults (seq, fault, reasons_json, set_at) VALUES (?, ?, ?, ?)',
        [
          Number(row?.n ?? 0) + 1,
          fault,
          JSON.stringify(reasons),
          this.opts.clock.now().toISOString(),
        ],
      );
    });
  }

  private takeFault(): Promise<{ fault: ArchivesFault; reasons: string[] } | undefined> {
    const { db } = this.opts;
    return db.transaction(async () => {
      const row = await db.get<{ seq: number; fault: ArchivesFault; reasons_json: string }>(
        'SELECT seq, fault, reasons_json FROM archives_sim_faults ORDER BY seq LIMIT 1',
      );
      if (!row) return undefined;
      await db.run('DELETE FROM archives_sim_faults WHERE seq = ?', [row.seq]);
      return { fault: row.fault, reasons: JSON.parse(row.reasons_json) as string[] };
    });
  }

  private async heldReceipt(batchId: string) {
    return this.opts.db.get<{ list_digest: string; receipt_json: string }>(
      'SELECT list_digest, receipt_json FROM archives_sim_batches WHERE batch_id = ?',
      [batchId],
    );
  }

  async receive(
    list: TransferList,
    packages: readonly TransferredPackage[],
  ): Promise<ArchivesAnswer> {
    const fault = await this.takeFault();
    if (fault?.fault === 'unavailable') throw new ArchivesUnavailableError();
    if (fault?.fault === 'refuse')
      return { outcome: 'refused', reasons: fault.reasons.length ? fault.reasons : ['档案馆退回'] };

    const batchId = String(list?.body?.batchId ?? '');
    const listDigest = documentSm3(list);
    // the same batch again: the same receipt, nothing changes; a package that no longer has the
    // digest it was received with (changed at the registry since) is named instead
    const held = await this.heldReceipt(batchId);
    if (held) {
      if (held.list_digest !== listDigest)
        return { outcome: 'refused', reasons: [`批次 ${batchId} 已以另一份移交清单接收`] };
      const changed = (list.body.packages ?? []).filter((e) => {
        const p = packages.find((x) => x.packageId === e.packageId);
        return !p || heldPackageDigest(p) !== e.packageDigest;
      });
      return changed.length === 0
        ? { outcome: 'received', receipt: JSON.parse(held.receipt_json) as TransferReceipt }
        : {
            outcome: 'refused',
            reasons: changed.map(
              (e) => `package ${e.archiveNumber}: 与档案馆接收时的摘要不符（移交后被改动）`,
            ),
          };
    }

    // 四性检测 on receipt
    const r = new Results();
    const registryKeys = await this.opts.registryKeys();
    const listSealed = sealedByAny(list, registryKeys);
    r.add(
      'authenticity',
      'TRANSFER_LIST_SEAL',
      'transfer list',
      listSealed,
      listSealed ? '移交清单电子印章有效' : '移交清单电子印章无效或不是登记机构的印章',
    );
    const entries = Array.isArray(list?.body?.packages) ? list.body.packages : [];
    const byId = new Map(packages.map((p) => [p.packageId, p]));
    const complete =
      entries.length === packages.length &&
      entries.length === list.body.packageCount &&
      entries.every((e) => byId.has(e.packageId));
    r.add(
      'integrity',
      'TRANSFER_COMPLETE',
      'transfer list',
      complete && entries.length > 0,
      complete && entries.length > 0
        ? `移交 ${entries.length} 件，与清单一致`
        : '所交档案与移交清单不一致',
    );
    const trusted = {
      trustedPublicKeys: registryKeys,
      trustedSignatureKeys: await this.opts.signatureRootKeys(),
    };
    for (const e of entries) {
      const p = byId.get(e.packageId);
      if (!p) continue;
      const snap = snapshotOf(p);
      const files = new Map<string, Uint8Array>();
      for (const f of p.files) {
        const item = snap.items.find((it) => it.no === f.no);
        if (item) files.set(item.digest, decode(f.base64));
      }
      const report = await checkPackage(
        snap,
        { ...trusted, blob: (d) => Promise.resolve(files.get(d)) },
        this.opts.clock.now().toISOString(),
      );
      r.list.push(...report.results);
      const same = heldPackageDigest(p) === e.packageDigest && p.archiveNumber === e.archiveNumber;
      r.add(
        'integrity',
        'PACKAGE_DIGEST',
        `package ${e.archiveNumber}`,
        same,
        same ? '档案摘要与移交清单一致' : '档案摘要与移交清单不符',
      );
    }
    const now = this.opts.clock.now().toISOString();
    const report = summarise('archive', now, r.list);
    if (!report.ok) return { outcome: 'refused', reasons: report.problems.map(describeProblem) };

    const body: TransferReceiptBody = {
      documentType: 'archiveTransferReceipt',
      title: '电子档案移交接收回执',
      batchId,
      batchNumber: list.body.batchNumber,
      listDigest,
      receiver: ARCHIVES_NAME,
      transferor: list.body.transferor,
      receivedAt: now,
      packageCount: entries.length,
      packages: entries.map((e) => ({
        packageId: e.packageId,
        archiveNumber: e.archiveNumber,
        packageDigest: e.packageDigest,
      })),
      checks: report.summary,
      result: '接收',
    };
    const receipt = sealDocument(body, this.opts.key, this.kSource, ARCHIVES_SEAL_NAME);
    const { db } = this.opts;
    return db.transaction(async () => {
      const inserted = await db.run(
        `INSERT INTO archives_sim_batches (batch_id, list_digest, list_json, receipt_json, received_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (batch_id) DO NOTHING`,
        [batchId, listDigest, JSON.stringify(list), JSON.stringify(receipt), now],
      );
      if (inserted.changes === 0) {
        // another node received it meanwhile: its receipt is the receipt
        const other = await this.heldReceipt(batchId);
        return other?.list_digest === listDigest
          ? {
              outcome: 'received' as const,
              receipt: JSON.parse(other.receipt_json) as TransferReceipt,
            }
          : { outcome: 'refused' as const, reasons: [`批次 ${batchId} 已以另一份移交清单接收`] };
      }
      for (const e of entries) {
        const p = byId.get(e.packageId) as TransferredPackage;
        await db.run(
          `INSERT INTO archives_sim_packages
             (batch_id, package_id, archive_number, package_digest, package_json)
           VALUES (?, ?, ?, ?, ?)`,
          [batchId, p.packageId, p.archiveNumber, e.packageDigest, canonicalJson(p)],
        );
      }
      return { outcome: 'received' as const, receipt };
    });
  }

  /**
   * The archives' own check of what they hold: every receipt still sealed by their key and every
   * package copy still with the digest the receipt names. One problem per receipt or package.
   */
  async checkHoldings(): Promise<CheckResult[]> {
    const { db } = this.opts;
    const r = new Results();
    const ownKeys = await this.opts.ownKeys();
    const batches = await db.all<{ batch_id: string; receipt_json: string }>(
      'SELECT batch_id, receipt_json FROM archives_sim_batches ORDER BY received_at, batch_id',
    );
    for (const b of batches) {
      const receipt = JSON.parse(b.receipt_json) as TransferReceipt;
      const t = `archives receipt ${receipt.body?.batchNumber ?? b.batch_id}`;
      const ok = sealedByAny(receipt, ownKeys);
      r.add(
        'authenticity',
        'RECEIPT_SEAL',
        t,
        ok,
        ok ? '回执电子印章有效' : '回执电子印章无效或内容被改动',
      );
      const rows = await db.all<{
        package_id: string;
        archive_number: string;
        package_json: string;
      }>(
        'SELECT package_id, archive_number, package_json FROM archives_sim_packages WHERE batch_id = ?',
        [b.batch_id],
      );
      for (const e of receipt.body?.packages ?? []) {
        const row = rows.find((x) => x.package_id === e.packageId);
        let same = false;
        try {
          same =
            !!row &&
            heldPackageDigest(JSON.parse(row.package_json) as TransferredPackage) ===
              e.packageDigest;
        } catch {
          same = false;
        }
        r.add(
          'integrity',
          'HELD_PACKAGE',
          `archives copy of package ${e.archiveNumber}`,
          same,
          same ? '馆藏副本与回执一致' : '馆藏副本被改动或缺失，与回执不符',
        );
      }
    }
    return r.list.filter((x) => !x.ok);
  }

  /** The archives' copy of a package (tests, and a comparison from the registry's side). */
  async heldPackage(packageId: string): Promise<TransferredPackage | undefined> {
    const row = await this.opts.db.get<{ package_json: string }>(
      'SELECT package_json FROM archives_sim_packages WHERE package_id = ? ORDER BY batch_id LIMIT 1',
      [packageId],
    );
    return row ? (JSON.parse(row.package_json) as TransferredPackage) : undefined;
  }
}
