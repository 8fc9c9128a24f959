/** 四性检测 of the Merkle log: leaf hashes, every record on the log, signed tree heads over it. */
import { bytesToHex, canonicalJson, hexToBytes, utf8 } from '../crypto';
import { leafHash, merkleRoot, type MerkleHash } from '../merkle';
import { sniff } from './formats';
import { auditLeaf, packageLeaf, queryLeaf, registerEventLeaf, type LeafKind } from './log';
import { sm3Hex } from './manifest';
import { sealOk, type Results } from './checkReport';
import { packageTarget } from './packageCheck';
import type { ArchiveSnapshot } from './snapshot';

/**
 * Adds the log's results. Returns false when the log's hash algorithm is unknown: nothing more
 * about the log (or after it) can then be checked.
 */
export async function checkLogInto(r: Results, s: ArchiveSnapshot): Promise<boolean> {
  // the log: which hash, leaves contiguous, each leaf hash recomputed
  const algorithm = s.treeHeads.at(-1)?.hashAlgorithm ?? 'sm3';
  const hash = s.hashByName(algorithm);
  if (!r.add('authenticity', 'LOG_HASH', 'log', hash !== undefined, `日志哈希算法 ${algorithm}`))
    return false;
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
      const bytes = await s.blob(q.proof.digest);
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
  return true;
}
