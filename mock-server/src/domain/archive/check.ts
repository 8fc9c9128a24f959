/**
 * 四性检测 (档案法 §39, DA/T 70-2018): authenticity, integrity, usability and security of one
 * archive package or of the whole archive, reported item by item. Pure: the caller hands over
 * a snapshot of the rows and a way to read blobs; nothing here touches SQLite or the disk.
 */
import { canonicalJson, utf8 } from '../crypto';
import { verifySeal, type SealedDocument } from '../documents';
import { leafHash, merkleRoot, type MerkleHash } from '../merkle';
import { bytesToHex, hexToBytes } from '../crypto';
import { isArchiveMediaType, sniff } from './formats';
import {
  ITEM_KIND_NAMES,
  REQUIRED_MANIFEST_FIELDS,
  SEALED_ITEM_KINDS,
  sm3Hex,
  type ArchiveItemKind,
  type ManifestBody,
  type ManifestItem,
} from './manifest';
import {
  auditLeaf,
  packageLeaf,
  queryLeaf,
  registerEventLeaf,
  type AuditEntry,
  type LeafKind,
  type StoredQueryRecord,
  type TreeHeadBody,
} from './log';

export const ASPECTS = ['authenticity', 'integrity', 'usability', 'security'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const ASPECT_NAMES: Record<Aspect, string> = {
  authenticity: '真实性',
  integrity: '完整性',
  usability: '可用性',
  security: '安全性',
};

export interface CheckResult {
  aspect: Aspect;
  /** stable code, e.g. ITEM_DIGEST */
  code: string;
  /** what was checked, e.g. "package 台不动产档〔2026〕第000001号 item 3 (inquiryRecord)" */
  target: string;
  ok: boolean;
  /** Chinese description; on failure it says what is wrong */
  message: string;
}

export interface CheckReport {
  ok: boolean;
  checkedAt: string;
  scope: 'package' | 'archive';
  summary: Record<Aspect, { passed: number; failed: number }>;
  results: CheckResult[];
  problems: CheckResult[];
}

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
  hashByName(name: string): MerkleHash | undefined;
  packages: readonly PackageSnapshot[];
  blob(digest: string): Uint8Array | undefined;
  leaves: readonly LeafRow[];
  treeHeads: readonly TreeHeadRow[];
  registerEvents: readonly { seq: number; eventId: string; payloadJson: string }[];
  audits: readonly AuditEntry[];
  queries: readonly StoredQueryRecord[];
  /** immutability triggers that should exist and do not */
  missingTriggers: readonly string[];
}

class Results {
  readonly list: CheckResult[] = [];
  add(aspect: Aspect, code: string, target: string, ok: boolean, message: string): boolean {
    this.list.push({ aspect, code, target, ok, message });
    return ok;
  }
}

const sealOk = (doc: SealedDocument<unknown>, keys: readonly string[]) =>
  keys.some((k) => verifySeal(doc, k).valid);

const packageTarget = (p: { archiveNumber: string }) => `package ${p.archiveNumber}`;
const itemTarget = (p: { archiveNumber: string }, it: { no: number; kind: string }) =>
  `package ${p.archiveNumber} item ${it.no} (${it.kind})`;

function checkPackageInto(
  r: Results,
  p: PackageSnapshot,
  s: Pick<ArchiveSnapshot, 'trustedPublicKeys' | 'blob'>,
): void {
  const pt = packageTarget(p);
  const body = p.manifest.body;
  // authenticity: the manifest's seal
  r.add(
    'authenticity',
    'MANIFEST_SEAL',
    `${pt} manifest`,
    sealOk(p.manifest, s.trustedPublicKeys),
    sealOk(p.manifest, s.trustedPublicKeys)
      ? '归档清单电子印章有效'
      : '归档清单电子印章无效或内容被改动',
  );
  // usability: metadata complete and agreeing with the package row
  const missing = REQUIRED_MANIFEST_FIELDS.filter((f) => body?.[f] === undefined || body[f] === '');
  r.add(
    'usability',
    'MANIFEST_METADATA',
    `${pt} manifest`,
    missing.length === 0,
    missing.length === 0 ? '元数据完整' : `元数据缺少：${missing.join('、')}`,
  );
  const rowAgrees =
    body?.packageId === p.packageId &&
    body.archiveNumber === p.archiveNumber &&
    body.serial === p.serial &&
    body.caseId === p.caseId &&
    body.filedAt === p.filedAt &&
    (body.certificateNumber ?? null) === (p.certificateNumber ?? null);
  r.add(
    'integrity',
    'PACKAGE_ROW',
    `${pt} row`,
    rowAgrees,
    rowAgrees ? '档案记录与归档清单一致' : '档案记录（编号、办件、时间或证书号）与归档清单不一致',
  );
  const listed: ManifestItem[] = Array.isArray(body?.items) ? body.items : [];
  // integrity: numbering continuous, the rows are the manifest's items
  const continuous = listed.every((it, i) => it.no === i + 1);
  r.add(
    'integrity',
    'ITEM_NUMBERING',
    `${pt} items`,
    continuous && listed.length > 0,
    continuous && listed.length > 0 ? `件号 1–${listed.length} 连续` : '件号不连续或清单为空',
  );
  const rows = new Map(p.items.map((it) => [it.no, it]));
  for (const it of listed) {
    const t = itemTarget(p, it);
    const row = rows.get(it.no);
    const same =
      row !== undefined &&
      row.kind === it.kind &&
      row.title === it.title &&
      row.mediaType === it.mediaType &&
      row.digest === it.digest &&
      row.size === it.size;
    r.add(
      'integrity',
      'ITEM_ROW',
      t,
      same,
      same ? '条目记录与清单一致' : row ? '条目记录与归档清单不一致' : '条目记录缺失',
    );
    const bytes = s.blob(it.digest);
    if (
      !r.add('integrity', 'ITEM_PRESENT', t, bytes !== undefined, bytes ? '文件存在' : '文件缺失')
    )
      continue;
    const content = bytes as Uint8Array;
    const digestOk = sm3Hex(content) === it.digest && content.length === it.size;
    r.add(
      'authenticity',
      'ITEM_DIGEST',
      t,
      digestOk,
      digestOk ? 'SM3 摘要一致' : '文件内容与清单的 SM3 摘要不符（已被改动）',
    );
    const kind = sniff(content);
    const known = isArchiveMediaType(it.mediaType);
    r.add(
      'security',
      'ITEM_CONTENT_SAFE',
      t,
      kind !== 'executable' && kind !== 'unknown' && known,
      kind === 'executable'
        ? '文件含可执行内容'
        : kind === 'unknown' || !known
          ? '文件格式未知'
          : '无可执行或未知内容',
    );
    r.add(
      'usability',
      'ITEM_FORMAT',
      t,
      kind === it.mediaType,
      kind === it.mediaType ? `可按 ${it.mediaType} 打开` : `不能按声明的格式 ${it.mediaType} 打开`,
    );
    if (kind === 'application/json' && SEALED_ITEM_KINDS.includes(it.kind as ArchiveItemKind)) {
      let ok = false;
      try {
        ok = sealOk(
          JSON.parse(new TextDecoder().decode(content)) as SealedDocument<unknown>,
          s.trustedPublicKeys,
        );
      } catch {
        ok = false;
      }
      r.add(
        'authenticity',
        'ITEM_SEAL',
        t,
        ok,
        ok ? `${ITEM_KIND_NAMES[it.kind as ArchiveItemKind]}的电子印章有效` : '文件的电子印章无效',
      );
    }
  }
  for (const row of p.items) {
    if (!listed.some((it) => it.no === row.no)) {
      r.add('integrity', 'ITEM_ROW', itemTarget(p, row), false, '条目记录不在归档清单中');
    }
  }
}

function summarise(
  scope: CheckReport['scope'],
  checkedAt: string,
  results: CheckResult[],
): CheckReport {
  const summary = Object.fromEntries(
    ASPECTS.map((a) => [
      a,
      {
        passed: results.filter((x) => x.aspect === a && x.ok).length,
        failed: results.filter((x) => x.aspect === a && !x.ok).length,
      },
    ]),
  ) as CheckReport['summary'];
  const problems = results.filter((x) => !x.ok);
  return { ok: problems.length === 0, checkedAt, scope, summary, results, problems };
}

/** 四性检测 of one package (at filing and on demand). */
export function checkPackage(
  p: PackageSnapshot,
  s: Pick<ArchiveSnapshot, 'trustedPublicKeys' | 'blob'>,
  checkedAt: string,
): CheckReport {
  const r = new Results();
  checkPackageInto(r, p, s);
  return summarise('package', checkedAt, r.list);
}

/** 四性检测 of the whole archive: every package, the Merkle log and its tree heads, the audit log. */
export function checkArchive(s: ArchiveSnapshot, checkedAt: string): CheckReport {
  const r = new Results();
  // packages: numbering continuous across the archive
  const serials = [...s.packages].map((p) => p.serial).sort((a, b) => a - b);
  const gapless = serials.every((v, i) => v === i + 1);
  r.add(
    'integrity',
    'PACKAGE_NUMBERING',
    'archive packages',
    gapless,
    gapless ? `档案序号 1–${serials.length} 连续` : `档案序号不连续：${serials.join(',')}`,
  );
  for (const p of s.packages) checkPackageInto(r, p, s);

  // the log: which hash, leaves contiguous, each leaf hash recomputed
  const algorithm = s.treeHeads.at(-1)?.hashAlgorithm ?? 'sm3';
  const hash = s.hashByName(algorithm);
  if (!r.add('authenticity', 'LOG_HASH', 'log', hash !== undefined, `日志哈希算法 ${algorithm}`))
    return summarise('archive', checkedAt, r.list);
  const h = hash as MerkleHash;
  const leaves = [...s.leaves].sort((a, b) => a.leafIndex - b.leafIndex);
  const contiguous = leaves.every((l, i) => l.leafIndex === i);
  r.add(
    'integrity',
    'LOG_CONTIGUOUS',
    'log leaves',
    contiguous,
    contiguous ? '日志叶子连续' : '日志叶子编号不连续',
  );
  for (const l of leaves) {
    const ok = bytesToHex(leafHash(h, utf8(l.leafData))) === l.leafHash;
    if (!ok)
      r.add(
        'authenticity',
        'LOG_LEAF_HASH',
        `log leaf ${l.leafIndex}`,
        false,
        '日志叶子哈希与内容不符',
      );
  }
  // every source is on the log, with the leaf its rows give today
  const byRef = new Map(leaves.map((l) => [`${l.kind}|${l.ref}`, l]));
  const expectLeaf = (kind: LeafKind, ref: string, data: string, target: string) => {
    const l = byRef.get(`${kind}|${ref}`);
    byRef.delete(`${kind}|${ref}`);
    r.add(
      'integrity',
      'LOG_SOURCE',
      target,
      l !== undefined && l.leafData === data,
      !l ? '未记入日志' : l.leafData === data ? '与日志一致' : '记录已被改动，与日志不一致',
    );
  };
  for (const p of s.packages) {
    let digest = '';
    try {
      digest = sm3Hex(utf8(canonicalJson(p.manifest.body)));
    } catch {
      digest = '';
    }
    expectLeaf(
      'archivePackage',
      p.packageId,
      packageLeaf({
        packageId: p.packageId,
        archiveNumber: p.archiveNumber,
        manifestDigest: digest,
      }),
      `${packageTarget(p)} log entry`,
    );
  }
  for (const e of s.registerEvents) {
    expectLeaf('registerEvent', String(e.seq), registerEventLeaf(e), `register event ${e.seq}`);
  }
  for (const a of s.audits)
    expectLeaf('audit', String(a.seq), auditLeaf(a), `audit entry ${a.seq}`);
  for (const q of s.queries) {
    expectLeaf('recordsQuery', q.queryId, queryLeaf(q), `records query ${q.queryId}`);
    if (q.proof) {
      const t = `records query ${q.queryId} proof`;
      const bytes = s.blob(q.proof.digest);
      if (
        r.add('integrity', 'ITEM_PRESENT', t, bytes !== undefined, bytes ? '文件存在' : '文件缺失')
      ) {
        const b = bytes as Uint8Array;
        const ok = sm3Hex(b) === q.proof.digest;
        r.add(
          'authenticity',
          'ITEM_DIGEST',
          t,
          ok,
          ok ? 'SM3 摘要一致' : '文件内容与记录的 SM3 摘要不符（已被改动）',
        );
        const kind = sniff(b);
        r.add(
          'usability',
          'ITEM_FORMAT',
          t,
          kind === q.proof.mediaType,
          kind === q.proof.mediaType ? `可按 ${q.proof.mediaType} 打开` : '不能按声明的格式打开',
        );
        r.add(
          'security',
          'ITEM_CONTENT_SAFE',
          t,
          kind !== 'executable' && kind !== 'unknown',
          kind === 'executable'
            ? '文件含可执行内容'
            : kind === 'unknown'
              ? '文件格式未知'
              : '无可执行或未知内容',
        );
      }
    }
  }
  for (const l of byRef.values()) {
    r.add(
      'integrity',
      'LOG_ORPHAN',
      `log leaf ${l.leafIndex} (${l.kind} ${l.ref})`,
      false,
      '日志记载的记录已不存在',
    );
  }

  // signed tree heads: seal, and the root recomputed from the leaves
  const hashes = leaves.map((l) => hexToBytes(l.leafHash));
  let covered = 0;
  for (const th of [...s.treeHeads].sort((a, b) => a.treeSize - b.treeSize)) {
    const t = `tree head ${th.treeSize}`;
    const b = th.head.body;
    const sealed = sealOk(th.head, s.trustedPublicKeys);
    const same =
      b?.treeSize === th.treeSize &&
      b.rootHash === th.rootHash &&
      b.hashAlgorithm === th.hashAlgorithm;
    r.add(
      'authenticity',
      'TREE_HEAD_SEAL',
      t,
      sealed && same,
      sealed && same ? '树头签名有效' : '树头签名无效或与记录不符',
    );
    const inRange = th.treeSize <= hashes.length;
    const root = inRange ? bytesToHex(merkleRoot(h, hashes.slice(0, th.treeSize))) : '';
    r.add(
      'integrity',
      'TREE_HEAD_ROOT',
      t,
      inRange && root === th.rootHash,
      inRange && root === th.rootHash ? '日志与已签名树头一致' : '日志与已签名树头不一致',
    );
    covered = Math.max(covered, th.treeSize);
  }
  r.add(
    'integrity',
    'LOG_SIGNED',
    'log',
    covered === leaves.length,
    covered === leaves.length
      ? '所有日志叶子均有签名树头覆盖'
      : `日志有 ${leaves.length - covered} 个叶子未被签名树头覆盖`,
  );

  // security: access control (the triggers that refuse UPDATE and DELETE) in force
  for (const name of s.missingTriggers) {
    r.add(
      'security',
      'ACCESS_CONTROL',
      `trigger ${name}`,
      false,
      '防篡改触发器缺失（档案库可被修改）',
    );
  }
  if (s.missingTriggers.length === 0)
    r.add('security', 'ACCESS_CONTROL', 'archive tables', true, '档案表拒绝修改和删除');
  return summarise('archive', checkedAt, r.list);
}

/** One line per problem, for the CLI and logs. */
export const describeProblem = (p: CheckResult): string =>
  `[${ASPECT_NAMES[p.aspect]}/${p.aspect}] ${p.code} ${p.target}: ${p.message}`;
