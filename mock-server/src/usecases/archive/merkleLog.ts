/**
 * The archive's persistent Merkle log (RFC 6962 / 9162 construction, pluggable hash, SM3 by
 * default): leaves in the store, interior hashes recomputed from the leaf hashes when needed, and a
 * tree head sealed with the registry's SM2 key after every append.
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
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  type MerkleHash,
} from '../../domain/merkle';
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

  private async leafHashes(upTo?: number): Promise<Uint8Array[]> {
    const all = (await this.store.leaves()).map((l) => hexToBytes(l.leafHash));
    return upTo === undefined ? all : all.slice(0, upTo);
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
      for (const [i, e] of entries.entries()) {
        await this.store.appendLeaf({
          leafIndex: first + i,
          kind: e.kind,
          ref: e.ref,
          leafData: e.leafData,
          leafHash: bytesToHex(leafHash(this.hash, utf8(e.leafData))),
          appendedAt: at,
        });
      }
      await this.signHead(at);
      return entries.map((_, i) => first + i);
    });
  }

  private async signHead(at: string): Promise<TreeHeadRow> {
    const hashes = await this.leafHashes();
    const body: TreeHeadBody = {
      documentType: 'signedTreeHead',
      logId: LOG_ID,
      treeSize: hashes.length,
      rootHash: bytesToHex(merkleRoot(this.hash, hashes)),
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
          (await this.store.latestTreeHead()) ?? this.signHead(this.clock.now().toISOString()),
      )
    );
  }

  /** Inclusion proof of a leaf in the latest signed tree head. */
  async inclusion(leafIndex: number): Promise<InclusionProofView> {
    const head = await this.latestHead();
    const leaf = (await this.store.leaves())[leafIndex];
    if (!leaf || leafIndex >= head.treeSize) throw notFound('日志中没有这个叶子');
    return {
      leafIndex,
      kind: leaf.kind,
      ref: leaf.ref,
      leafData: leaf.leafData,
      leafHash: leaf.leafHash,
      treeSize: head.treeSize,
      proof: inclusionProof(this.hash, await this.leafHashes(head.treeSize), leafIndex).map(
        bytesToHex,
      ),
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
      proof: consistencyProof(this.hash, await this.leafHashes(secondSize), firstSize).map(
        bytesToHex,
      ),
      hashAlgorithm: this.hash.name,
      firstTreeHead: first.head,
      secondTreeHead: second.head,
    };
  }
}
