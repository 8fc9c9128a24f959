/**
 * The archive's persistent Merkle log (RFC 6962 / 9162 construction, pluggable hash, SM3 by
 * default): leaves and every complete perfect subtree's hash in the store, and a tree head sealed
 * with the registry's SM2 key after every append. An append reads the O(log n) frontier and
 * writes the nodes it completes; a proof reads the O(log n) nodes it is made of
 * (domain/merkle/stored.ts). No step reads every leaf, however long the log grows.
 */
import { bytesToHex, hexToBytes, utf8 } from '../../domain/crypto';
import {
  LOG_ID,
  registerEventLeaf,
  type LeafKind,
  type TreeHeadBody,
  type TreeHeadRow,
} from '../../domain/archive';
import {
  allInteriorNodes,
  appendToFrontier,
  consistencyRanges,
  frontierNodes,
  inclusionRanges,
  lookupOf,
  nodesOfRanges,
  proofFromNodes,
  rangeHash,
  type NodeRef,
  type StoredNode,
} from '../../domain/merkle';
import type { MerkleHash } from '../../domain/merkle';
import { notFound, validationFailed } from '../../domain/errors';
import type { ArchiveStore, Clock, Sealer } from '../../ports';

export interface InclusionProofView {
  leafIndex: number;
  kind: LeafKind;
  ref: string;
  leafData: string;
  leafHash: string;
  treeSize: number;
  proof: string[];
  hashAlgorithm: string;
  treeHead: TreeHeadRow['head'];
}

export class MerkleLog {
  constructor(
    private readonly store: ArchiveStore,
    private readonly sealer: Sealer,
    private readonly hash: MerkleHash,
    private readonly clock: Clock,
  ) {}

  get hashAlgorithm(): string {
    return this.hash.name;
  }

  /**
   * The stored nodes asked for. A log kept before nodes were stored has none above its leaves:
   * they are computed once from the leaves (the only full read, once per database) and stored.
   */
  private async nodes(refs: readonly NodeRef[]): Promise<StoredNode[]> {
    if (refs.length === 0) return [];
    let rows = await this.store.logNodes(refs);
    if (rows.length < refs.length) {
      await this.store.transaction(async () => {
        const hashes = (await this.store.leaves()).map((l) => hexToBytes(l.leafHash));
        await this.store.saveLogNodes(
          allInteriorNodes(this.hash, hashes).map((n) => ({ ...n, hash: bytesToHex(n.hash) })),
        );
      });
      rows = await this.store.logNodes(refs);
    }
    return rows.map((r) => ({ level: r.level, index: r.index, hash: hexToBytes(r.hash) }));
  }

  /**
   * Appends leaves and seals the new tree head, in one write transaction: the registry-wide
   * write lock makes the indexes run on without gaps, on every node. Returns their indices.
   */
  async append(
    entries: readonly { kind: LeafKind; ref: string; leafData: string }[],
  ): Promise<number[]> {
    if (entries.length === 0) return [];
    return this.store.transaction(async () => {
      const at = this.clock.now().toISOString();
      const first = await this.store.leafCount();
      const grown = appendToFrontier(
        this.hash,
        first,
        await this.nodes(frontierNodes(first)),
        entries.map((e) => utf8(e.leafData)),
      );
      for (const [i, e] of entries.entries()) {
        await this.store.appendLeaf({
          leafIndex: first + i,
          kind: e.kind,
          ref: e.ref,
          leafData: e.leafData,
          leafHash: bytesToHex(grown.leafHashes[i]),
          appendedAt: at,
        });
      }
      await this.store.saveLogNodes(
        grown.created.map((n) => ({ level: n.level, index: n.index, hash: bytesToHex(n.hash) })),
      );
      await this.signHead(at, grown.size, grown.root);
      return entries.map((_, i) => first + i);
    });
  }

  /** MTH of the first `size` leaves, from the stored frontier. */
  private async rootOf(size: number): Promise<Uint8Array> {
    return rangeHash(this.hash, 0, size, lookupOf(await this.nodes(frontierNodes(size))));
  }

  private async signHead(at: string, size: number, root: Uint8Array): Promise<TreeHeadRow> {
    const body: TreeHeadBody = {
      documentType: 'signedTreeHead',
      logId: LOG_ID,
      treeSize: size,
      rootHash: bytesToHex(root),
      hashAlgorithm: this.hash.name,
      timestamp: at,
    };
    const row: TreeHeadRow = {
      treeSize: body.treeSize,
      rootHash: body.rootHash,
      hashAlgorithm: body.hashAlgorithm,
      head: this.sealer.seal(body) as unknown as TreeHeadRow['head'],
    };
    await this.store.saveTreeHead({ ...row, signedAt: at });
    return row;
  }

  /** Appends register events written since the last call (idempotent; called after each append). */
  syncRegisterEvents(): Promise<number> {
    return this.store.transaction(async () => {
      const pending = await this.store.registerEventsAfter(
        await this.store.lastLoggedRegisterSeq(),
      );
      await this.append(
        pending.map((e) => ({
          kind: 'registerEvent' as const,
          ref: String(e.seq),
          leafData: registerEventLeaf(e),
        })),
      );
      return pending.length;
    });
  }

  /** The latest tree head, signing one for the empty log if none exists yet. */
  async latestHead(): Promise<TreeHeadRow> {
    return (
      (await this.store.latestTreeHead()) ??
      this.store.transaction(
        async () =>
          // another node may have signed it meanwhile
          (await this.store.latestTreeHead()) ?? this.signCurrentHead(),
      )
    );
  }

  private async signCurrentHead(): Promise<TreeHeadRow> {
    const size = await this.store.leafCount();
    return this.signHead(this.clock.now().toISOString(), size, await this.rootOf(size));
  }

  /** The proof hashes of these ranges, hex, from the stored nodes they are made of. */
  private async proofOf(ranges: [number, number][]): Promise<string[]> {
    const get = lookupOf(await this.nodes(nodesOfRanges(ranges)));
    return proofFromNodes(this.hash, ranges, get).map(bytesToHex);
  }

  /** Inclusion proof of a leaf in the latest signed tree head. */
  async inclusion(leafIndex: number): Promise<InclusionProofView> {
    const head = await this.latestHead();
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= head.treeSize) {
      throw notFound('日志中没有这个叶子');
    }
    const leaf = await this.store.leaf(leafIndex);
    if (!leaf) throw notFound('日志中没有这个叶子');
    return {
      leafIndex,
      kind: leaf.kind,
      ref: leaf.ref,
      leafData: leaf.leafData,
      leafHash: leaf.leafHash,
      treeSize: head.treeSize,
      proof: await this.proofOf(inclusionRanges(leafIndex, head.treeSize)),
      hashAlgorithm: this.hash.name,
      treeHead: head.head,
    };
  }

  /** Consistency proof between two signed tree heads. */
  async consistency(firstSize: number, secondSize: number) {
    const first = await this.store.treeHead(firstSize);
    const second = await this.store.treeHead(secondSize);
    if (!first || !second) throw notFound('没有该大小的已签名树头');
    if (firstSize > secondSize) throw validationFailed('first 不能大于 second');
    return {
      firstSize,
      secondSize,
      proof: await this.proofOf(consistencyRanges(firstSize, secondSize)),
      hashAlgorithm: this.hash.name,
      firstTreeHead: first.head,
      secondTreeHead: second.head,
    };
  }
}
