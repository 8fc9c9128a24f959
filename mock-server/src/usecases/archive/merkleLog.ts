/**
 * The archive's persistent Merkle log (RFC 6962 / 9162 construction, pluggable hash, SM3 by
 * default): leaves in SQLite, interior hashes recomputed from the leaf hashes when needed, and a
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

  private leafHashes(upTo?: number): Uint8Array[] {
    const all = this.store.leaves().map((l) => hexToBytes(l.leafHash));
    return upTo === undefined ? all : all.slice(0, upTo);
  }

  /** Appends leaves and seals the new tree head, in one transaction. Returns their indices. */
  append(entries: readonly { kind: LeafKind; ref: string; leafData: string }[]): number[] {
    if (entries.length === 0) return [];
    return this.store.transaction(() => {
      const at = this.clock.now().toISOString();
      const first = this.store.leafCount();
      entries.forEach((e, i) =>
        this.store.appendLeaf({
          leafIndex: first + i,
          kind: e.kind,
          ref: e.ref,
          leafData: e.leafData,
          leafHash: bytesToHex(leafHash(this.hash, utf8(e.leafData))),
          appendedAt: at,
        }),
      );
      this.signHead(at);
      return entries.map((_, i) => first + i);
    });
  }

  private signHead(at: string): TreeHeadRow {
    const hashes = this.leafHashes();
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
    this.store.saveTreeHead({ ...row, signedAt: at });
    return row;
  }

  /** Appends register events written since the last call (idempotent; called after each append). */
  syncRegisterEvents(): number {
    return this.store.transaction(() => {
      const pending = this.store.registerEventsAfter(this.store.lastLoggedRegisterSeq());
      this.append(
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
  latestHead(): TreeHeadRow {
    return (
      this.store.latestTreeHead() ??
      this.store.transaction(() => this.signHead(this.clock.now().toISOString()))
    );
  }

  /** Inclusion proof of a leaf in the latest signed tree head. */
  inclusion(leafIndex: number): InclusionProofView {
    const head = this.latestHead();
    const leaf = this.store.leaves()[leafIndex];
    if (!leaf || leafIndex >= head.treeSize) throw notFound('日志中没有这个叶子');
    return {
      leafIndex,
      kind: leaf.kind,
      ref: leaf.ref,
      leafData: leaf.leafData,
      leafHash: leaf.leafHash,
      treeSize: head.treeSize,
      proof: inclusionProof(this.hash, this.leafHashes(head.treeSize), leafIndex).map(bytesToHex),
      hashAlgorithm: this.hash.name,
      treeHead: head.head,
    };
  }

  /** Consistency proof between two signed tree heads. */
  consistency(firstSize: number, secondSize: number) {
    const first = this.store.treeHead(firstSize);
    const second = this.store.treeHead(secondSize);
    if (!first || !second) throw notFound('没有该大小的已签名树头');
    if (firstSize > secondSize) throw validationFailed('first 不能大于 second');
    return {
      firstSize,
      secondSize,
      proof: consistencyProof(this.hash, this.leafHashes(secondSize), firstSize).map(bytesToHex),
      hashAlgorithm: this.hash.name,
      firstTreeHead: first.head,
      secondTreeHead: second.head,
    };
  }
}
