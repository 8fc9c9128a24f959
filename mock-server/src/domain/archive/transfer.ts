/**
 * Transfer of filed electronic archives to the archives department (台州市档案馆), seed part
 * 2(六), 档案法 §37–39, DA/T 70-2018, docs/registry-facts.md §16: batches of packages with a
 * transfer list (移交清单) sealed by the registry, naming each package's digest; the archives run
 * the 四性检测 on receipt and return a receipt (接收回执) sealed with their own SM2 key. Pure:
 * what is numbered, digested, compared and checked; the use cases read and store.
 */
import { canonicalJson, utf8 } from '../crypto';
import { verifySeal, type SealedDocument } from '../documents';
import { REGISTRY_NAME } from '../documents/bodies';
import { sealOk, type Results } from './checkReport';
import { FONDS, RETENTION, sm3Hex } from './manifest';
import { packageTarget } from './packageCheck';
import type { PackageSnapshot } from './snapshot';
import { beijingYear } from '../time';
import type { Aspect } from './checkReport';

export const ARCHIVES_NAME = '台州市档案馆';
/** Assumption: the wording of the archives' receiving seal was not found. */
export const ARCHIVES_SEAL_NAME = '台州市档案馆档案接收专用章';
/** The audit action under which a batch's outcome is put on the tamper-evident log. */
export const TRANSFER_AUDIT_ACTION = 'archiveTransfer';

/** 台不动产移〔2026〕第0001号 style batch number (assumption: the format is ours). */
export const formatBatchNumber = (year: number, serial: number): string =>
  `台不动产移〔${year}〕第${String(serial).padStart(4, '0')}号`;

/** SM3 of a document's canonical JSON (a sealed list or receipt as a whole, seal included). */
export const documentSm3 = (doc: unknown): string => sm3Hex(utf8(canonicalJson(doc)));

/** One file of a package as it is sent: its number in the manifest and its bytes. */
export interface TransferFile {
  no: number;
  bytes: Uint8Array | undefined;
}

/**
 * The digest of a package as it stands: SM3 over the sealed manifest and the SM3 and size of
 * each file as read now (a missing file counts as missing). A change to the manifest, its seal
 * or any file changes it.
 */
export function packageDigest(
  manifest: SealedDocument<unknown>,
  files: readonly TransferFile[],
): string {
  return sm3Hex(
    utf8(
      canonicalJson({
        manifest,
        files: [...files]
          .sort((a, b) => a.no - b.no)
          .map((f) =>
            f.bytes
              ? { no: f.no, sm3: sm3Hex(f.bytes), size: f.bytes.length }
              : { no: f.no, missing: true },
          ),
      }),
    ),
  );
}

export interface TransferListEntry {
  packageId: string;
  archiveNumber: string;
  serial: number;
  caseId: string;
  itemCount: number;
  /** packageDigest() when the list was made */
  packageDigest: string;
}

/** 移交清单: what one batch transfers, sealed by the registry. */
export interface TransferListBody {
  documentType: 'archiveTransferList';
  title: string;
  batchId: string;
  batchNumber: string;
  batchSerial: number;
  transferor: string;
  receiver: string;
  fonds: string;
  retention: string;
  createdAt: string;
  packageCount: number;
  packages: TransferListEntry[];
}

export function buildTransferList(h: {
  batchId: string;
  batchSerial: number;
  createdAt: string;
  packages: readonly TransferListEntry[];
}): TransferListBody {
  return {
    documentType: 'archiveTransferList',
    title: '不动产登记电子档案移交清单',
    batchId: h.batchId,
    batchNumber: formatBatchNumber(beijingYear(h.createdAt), h.batchSerial),
    batchSerial: h.batchSerial,
    transferor: REGISTRY_NAME,
    receiver: ARCHIVES_NAME,
    fonds: FONDS,
    retention: RETENTION,
    createdAt: h.createdAt,
    packageCount: h.packages.length,
    packages: [...h.packages],
  };
}

export type CheckSummary = Record<Aspect, { passed: number; failed: number }>;

/** 接收回执: the archives' receipt of one batch, sealed with the archives' own key. */
export interface TransferReceiptBody {
  documentType: 'archiveTransferReceipt';
  title: string;
  batchId: string;
  batchNumber: string;
  /** documentSm3 of the sealed transfer list received */
  listDigest: string;
  receiver: string;
  transferor: string;
  receivedAt: string;
  packageCount: number;
  packages: { packageId: string; archiveNumber: string; packageDigest: string }[];
  /** the 四性检测 the archives ran on receipt */
  checks: CheckSummary;
  result: '接收';
}

export type TransferList = SealedDocument<TransferListBody>;
export type TransferReceipt = SealedDocument<TransferReceiptBody>;

/** The audit outcome that puts a batch on the log: which list was sent, which receipt came back. */
export const receivedOutcome = (listDigest: string, receiptDigest: string) =>
  `received list=${listDigest} receipt=${receiptDigest}`;
export const refusedOutcome = (listDigest: string, reasons: readonly string[]) =>
  `refused list=${listDigest} reasons=${sm3Hex(utf8(canonicalJson(reasons)))}`;

/** A sealed document checked against several trusted keys (current and retired). */
export const sealedByAny = (doc: SealedDocument<unknown>, keys: readonly string[]): boolean =>
  keys.some((k) => verifySeal(doc, k).valid);

/**
 * Whether a receipt answers this list: sealed by the archives, naming this list's digest, batch
 * and exactly its packages with the same digests. Returns the reasons it does not (Chinese).
 */
export function receiptProblems(
  list: TransferList,
  receipt: TransferReceipt,
  archivesKeys: readonly string[],
): string[] {
  const problems: string[] = [];
  if (!sealedByAny(receipt, archivesKeys))
    problems.push('回执的电子印章无效、不是档案馆的印章或内容被改动');
  const b = receipt?.body;
  if (b?.documentType !== 'archiveTransferReceipt') {
    problems.push('不是档案接收回执');
    return problems;
  }
  if (b.listDigest !== documentSm3(list)) problems.push('回执所记移交清单摘要与移交清单不符');
  if (b.batchId !== list.body.batchId || b.batchNumber !== list.body.batchNumber)
    problems.push('回执的批次与移交清单不符');
  const want = list.body.packages.map((p) => `${p.packageId}|${p.packageDigest}`).sort();
  const got = (Array.isArray(b.packages) ? b.packages : [])
    .map((p) => `${p.packageId}|${p.packageDigest}`)
    .sort();
  if (want.length !== got.length || want.some((w, i) => w !== got[i]))
    problems.push('回执所列档案或其摘要与移交清单不符');
  return problems;
}

/** One stored batch as the transfer check reads it. */
export interface StoredTransferBatch {
  batchId: string;
  batchNumber: string;
  batchSerial: number;
  createdAt: string;
  list: TransferList;
  listDigest: string;
  /** set once the archives received it */
  receipt?: TransferReceipt;
  receiptDigest?: string;
  receivedAt?: string;
  refused?: { at: string; reasons: string[] };
}

export const batchTarget = (b: { batchNumber: string }) => `transfer batch ${b.batchNumber}`;

/** What the transfer check reads: the batches, the packages now, the keys and the log's record. */
export interface TransferSnapshot {
  batches: readonly StoredTransferBatch[];
  /** the registry's seal keys (current and retired) */
  registryKeys: readonly string[];
  /** the archives' published keys (current and retired) */
  archivesKeys: readonly string[];
  /** a package as it is now, if it still exists */
  packageOf(packageId: string): PackageSnapshot | undefined;
  blob(digest: string): Promise<Uint8Array | undefined>;
  /** the outcomes of the audit entries logged for a batch (action archiveTransfer, target batchId) */
  loggedOutcomes(batchId: string): readonly string[];
}

/** The digest of a package as the registry holds it now. */
export async function currentPackageDigest(
  p: PackageSnapshot,
  blob: (digest: string) => Promise<Uint8Array | undefined>,
): Promise<string> {
  const files: TransferFile[] = [];
  for (const it of p.items) files.push({ no: it.no, bytes: await blob(it.digest) });
  return packageDigest(p.manifest, files);
}

/**
 * The registry side of the transfer check: each batch's list sealed and unchanged, the receipt
 * sealed by the archives and answering that list, the batch on the tamper-evident log with this
 * list and receipt, and every transferred package unchanged since (its digest now equals the one
 * the archives signed for). Each problem names the batch, the receipt or the package.
 */
export async function checkTransfersInto(r: Results, s: TransferSnapshot): Promise<void> {
  const serials = [...s.batches].map((b) => b.batchSerial).sort((a, b) => a - b);
  const gapless = serials.every((v, i) => v === i + 1);
  r.add(
    'integrity',
    'TRANSFER_NUMBERING',
    'transfer batches',
    gapless,
    gapless ? `移交批次 1–${serials.length} 连续` : `移交批次号不连续：${serials.join(',')}`,
  );
  for (const b of s.batches) {
    const t = batchTarget(b);
    const listOk = sealOk(b.list, s.registryKeys) && documentSm3(b.list) === b.listDigest;
    r.add(
      'authenticity',
      'TRANSFER_LIST_SEAL',
      `${t} list`,
      listOk,
      listOk ? '移交清单电子印章有效' : '移交清单电子印章无效或内容被改动',
    );
    const logged = s.loggedOutcomes(b.batchId);
    if (b.refused) {
      const want = refusedOutcome(b.listDigest, b.refused.reasons);
      r.add(
        'integrity',
        'TRANSFER_LOGGED',
        t,
        logged.includes(want),
        logged.includes(want) ? '退回记录与日志一致' : '退回记录未记入日志或已被改动',
      );
      continue;
    }
    if (!b.receipt) continue; // not yet received: resent on the next run
    const rt = `${t} receipt`;
    const problems = receiptProblems(b.list, b.receipt, s.archivesKeys);
    r.add(
      'authenticity',
      'TRANSFER_RECEIPT',
      rt,
      problems.length === 0,
      problems.length === 0 ? '档案馆接收回执电子印章有效，与移交清单一致' : problems.join('；'),
    );
    const digestOk = documentSm3(b.receipt) === b.receiptDigest;
    const want = receivedOutcome(b.listDigest, b.receiptDigest ?? '');
    const onLog = digestOk && logged.includes(want);
    r.add(
      'integrity',
      'TRANSFER_LOGGED',
      rt,
      onLog,
      onLog ? '移交与回执已记入日志' : '回执或移交清单与日志所记不一致（已被改动）',
    );
    for (const e of b.list.body?.packages ?? []) {
      const p = s.packageOf(e.packageId);
      const pt = `${p ? packageTarget(p) : `package ${e.archiveNumber}`} (transferred in ${b.batchNumber})`;
      if (!p) {
        r.add('integrity', 'TRANSFERRED_PACKAGE', pt, false, '已移交的档案在登记机构已不存在');
        continue;
      }
      const now = await currentPackageDigest(p, s.blob);
      const same = now === e.packageDigest;
      r.add(
        'integrity',
        'TRANSFERRED_PACKAGE',
        pt,
        same,
        same ? '与移交清单及回执一致' : '移交后档案被改动，与移交清单及档案馆回执不符',
      );
    }
  }
}
