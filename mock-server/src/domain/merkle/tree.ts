/**
 * Merkle tree of RFC 6962 §2.1 / RFC 9162 §2.1, over a pluggable hash:
 *   MTH({})   = HASH()
 *   leaf hash = HASH(0x00 ‖ d)
 *   MTH(D[n]) = HASH(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])), k the largest power of two < n
 * with inclusion proofs (§2.1.3) and consistency proofs (§2.1.4), generated from and checked
 * against arrays of LEAF HASHES (storage of leaves and interior nodes comes later). Pure.
 */
import { concatBytes, equalBytes } from '../crypto/bytes';
import type { MerkleHash } from './hash';

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

export class MerkleError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'MerkleError';
  }
}

export function leafHash(hash: MerkleHash, data: Uint8Array): Uint8Array {
  return hash.digest(concatBytes(LEAF_PREFIX, data));
}

export function nodeHash(hash: MerkleHash, left: Uint8Array, right: Uint8Array): Uint8Array {
  return hash.digest(concatBytes(NODE_PREFIX, left, right));
}

/** MTH of the empty tree: the hash of the empty string. */
export function emptyRoot(hash: MerkleHash): Uint8Array {
  return hash.digest(new Uint8Array(0));
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new MerkleError(`cannot split a tree of ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const assertSize = (n: number, what: string): void => {
  if (!Number.isSafeInteger(n) || n < 0) throw new MerkleError(`${what} must be ≥ 0: ${n}`);
};

/** MTH over leafHashes[lo, hi). */
function subtreeRoot(
  hash: MerkleHash,
  leafHashes: readonly Uint8Array[],
  lo: number,
  hi: number,
): Uint8Array {
  const n = hi - lo;
  if (n === 1) return leafHashes[lo];
  const k = splitPoint(n);
  return nodeHash(
    hash,
    subtreeRoot(hash, leafHashes, lo, lo + k),
    subtreeRoot(hash, leafHashes, lo + k, hi),
  );
}

/** MTH(D[n]) from the n leaf hashes. */
export function merkleRoot(hash: MerkleHash, leafHashes: readonly Uint8Array[]): Uint8Array {
  return leafHashes.length === 0
    ? emptyRoot(hash)
    : subtreeRoot(hash, leafHashes, 0, leafHashes.length);
}

/** Convenience: MTH of raw leaf data. */
export function merkleRootOfData(hash: MerkleHash, leaves: readonly Uint8Array[]): Uint8Array {
  return merkleRoot(
    hash,
    leaves.map((d) => leafHash(hash, d)),
  );
}

/**
 * PATH(m, D[n]) (RFC 9162 §2.1.3.1): the audit path of leaf `leafIndex` in the tree of all
 * `leafHashes`, deepest sibling first.
 */
export function inclusionProof(
  hash: MerkleHash,
  leafHashes: readonly Uint8Array[],
  leafIndex: number,
): Uint8Array[] {
  const n = leafHashes.length;
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= n) {
    throw new MerkleError(`leaf index ${leafIndex} outside a tree of ${n}`);
  }
  const path = (m: number, lo: number, hi: number): Uint8Array[] => {
    if (hi - lo === 1) return [];
    const k = splitPoint(hi - lo);
    return m < k
      ? [...path(m, lo, lo + k), subtreeRoot(hash, leafHashes, lo + k, hi)]
      : [...path(m - k, lo + k, hi), subtreeRoot(hash, leafHashes, lo, lo + k)];
  };
  return path(leafIndex, 0, n);
}

/**
 * PROOF(m, D[n]) (RFC 9162 §2.1.4.1): proves that the tree of the first `firstSize` leaves is a
 * prefix of the tree of all `leafHashes`. Empty when firstSize is 0 or equals the tree size.
 */
export function consistencyProof(
  hash: MerkleHash,
  leafHashes: readonly Uint8Array[],
  firstSize: number,
): Uint8Array[] {
  const n = leafHashes.length;
  assertSize(firstSize, 'first tree size');
  if (firstSize > n) throw new MerkleError(`first tree size ${firstSize} exceeds ${n}`);
  if (firstSize === 0 || firstSize === n) return [];
  const subproof = (m: number, lo: number, hi: number, complete: boolean): Uint8Array[] => {
    const size = hi - lo;
    if (m === size) return complete ? [] : [subtreeRoot(hash, leafHashes, lo, hi)];
    const k = splitPoint(size);
    return m <= k
      ? [...subproof(m, lo, lo + k, complete), subtreeRoot(hash, leafHashes, lo + k, hi)]
      : [...subproof(m - k, lo + k, hi, false), subtreeRoot(hash, leafHashes, lo, lo + k)];
  };
  return subproof(firstSize, 0, n, true);
}

/**
 * The proof alone does not authenticate `treeSize` (leaf 0's path has the same shape in trees of
 * 3 and 4 leaves): take treeSize and root from the same signed tree head.
 */
export interface InclusionClaim {
  leafIndex: number;
  treeSize: number;
  /** HASH(0x00 ‖ leaf data), not the data itself. */
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  root: Uint8Array;
}

/** RFC 9162 §2.1.3.2. Returns false (never throws) for any malformed or failing claim. */
export function verifyInclusion(hash: MerkleHash, claim: InclusionClaim): boolean {
  const { leafIndex, treeSize, proof } = claim;
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize)) return false;
  if (leafIndex < 0 || leafIndex >= treeSize) return false;
  // Bit arithmetic by division: tree sizes may exceed 2^31.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = claim.leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(hash, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(hash, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, claim.root);
}

/** As for inclusion: each size must come from the same signed tree head as its root. */
export interface ConsistencyClaim {
  firstSize: number;
  secondSize: number;
  firstRoot: Uint8Array;
  secondRoot: Uint8Array;
  proof: readonly Uint8Array[];
}

const isPowerOfTwo = (x: number): boolean => x > 0 && 2 ** Math.round(Math.log2(x)) === x;

/**
 * RFC 9162 §2.1.4.2, extended to the two trivial cases: equal sizes need an empty proof and equal
 * roots; a first size of 0 needs an empty proof and the empty-tree root. Never throws.
 */
export function verifyConsistency(hash: MerkleHash, claim: ConsistencyClaim): boolean {
  const { firstSize, secondSize, firstRoot, secondRoot } = claim;
  if (!Number.isSafeInteger(firstSize) || !Number.isSafeInteger(secondSize)) return false;
  if (firstSize < 0 || firstSize > secondSize) return false;
  if (firstSize === secondSize) {
    return claim.proof.length === 0 && equalBytes(firstRoot, secondRoot);
  }
  if (firstSize === 0) return claim.proof.length === 0 && equalBytes(firstRoot, emptyRoot(hash));
  // 1. An empty path fails.
  if (claim.proof.length === 0) return false;
  // 2. If first is a power of two, the old root itself starts the path.
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...claim.proof] : [...claim.proof];
  // 3–4.
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5.
  let fr = path[0];
  let sr = path[0];
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(hash, c, fr);
      sr = nodeHash(hash, c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(hash, sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7.
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}
