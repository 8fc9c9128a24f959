/**
 * The same RFC 6962 / 9162 tree (tree.ts), computed from STORED perfect subtrees instead of from
 * every leaf, so appending and proving cost O(log n) reads however long the log is.
 *
 * A node {level, index} is the root of the perfect subtree over the leaves
 * [index·2^level, (index+1)·2^level); level 0 is a leaf hash. It never changes once its leaves
 * exist, so it is written once (when its last leaf is appended) and only read afterwards.
 * Every range the RFC's recursion touches starts at a multiple of its own split size, so its
 * MTH is the right fold of the perfect nodes that cover it, largest first (`rangeNodes`).
 * Functions here say WHICH nodes a step needs and compute from them; reading and writing them is
 * the caller's (one query each way). Pure.
 */
import { emptyRoot, leafHash as leafHashOf, MerkleError, nodeHash, splitPoint } from './tree';
import type { MerkleHash } from './hash';

export interface NodeRef {
  level: number;
  index: number;
}
export interface StoredNode extends NodeRef {
  hash: Uint8Array;
}

export const nodeKey = (n: NodeRef): string => `${n.level}:${n.index}`;

/** The perfect subtrees covering leaves [lo, hi), left to right (lo aligned as in the RFC's ranges). */
export function rangeNodes(lo: number, hi: number): NodeRef[] {
  const out: NodeRef[] = [];
  while (lo < hi) {
    let size = 1;
    let level = 0;
    while (lo % (size * 2) === 0 && lo + size * 2 <= hi) {
      size *= 2;
      level += 1;
    }
    out.push({ level, index: lo / size });
    lo += size;
  }
  return out;
}

/** The stored nodes the next append starts from: the perfect subtrees of the first `size` leaves. */
export const frontierNodes = (size: number): NodeRef[] => rangeNodes(0, size);

export type NodeLookup = (n: NodeRef) => Uint8Array;

/** A lookup over nodes read from storage; a missing node is an error (the store is incomplete). */
export function lookupOf(nodes: Iterable<StoredNode>): NodeLookup {
  const map = new Map<string, Uint8Array>();
  for (const n of nodes) map.set(nodeKey(n), n.hash);
  return (n) => {
    const h = map.get(nodeKey(n));
    if (!h) throw new MerkleError(`stored Merkle node ${nodeKey(n)} is missing`);
    return h;
  };
}

/** MTH of leaves [lo, hi) from its covering nodes (the empty range: the empty-tree root). */
export function rangeHash(hash: MerkleHash, lo: number, hi: number, get: NodeLookup): Uint8Array {
  if (hi <= lo) return emptyRoot(hash);
  const nodes = rangeNodes(lo, hi);
  let r = get(nodes[nodes.length - 1]);
  for (let i = nodes.length - 2; i >= 0; i -= 1) r = nodeHash(hash, get(nodes[i]), r);
  return r;
}

/** The ranges whose MTHs make up PATH(m, D[n]), deepest first (RFC 9162 §2.1.3.1). */
export function inclusionRanges(m: number, n: number): [number, number][] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m >= n) {
    throw new MerkleError(`leaf index ${m} outside a tree of ${n}`);
  }
  const out: [number, number][] = [];
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m - lo < k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
    }
  }
  return out.reverse();
}

/** The ranges whose MTHs make up PROOF(m, D[n]) (RFC 9162 §2.1.4.1); empty for m = 0 or m = n. */
export function consistencyRanges(m: number, n: number): [number, number][] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || n < 0) {
    throw new MerkleError(`tree sizes must be ≥ 0: ${m}, ${n}`);
  }
  if (m > n) throw new MerkleError(`first tree size ${m} exceeds ${n}`);
  if (m === 0 || m === n) return [];
  const sub = (k0: number, lo: number, hi: number, complete: boolean): [number, number][] => {
    if (k0 === hi - lo) return complete ? [] : [[lo, hi]];
    const k = splitPoint(hi - lo);
    return k0 <= k
      ? [...sub(k0, lo, lo + k, complete), [lo + k, hi]]
      : [...sub(k0 - k, lo + k, hi, false), [lo, lo + k]];
  };
  return sub(m, 0, n, true);
}

/** Every node the given ranges' MTHs are folded from, once each. */
export function nodesOfRanges(ranges: readonly (readonly [number, number])[]): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  for (const [lo, hi] of ranges) for (const n of rangeNodes(lo, hi)) seen.set(nodeKey(n), n);
  return [...seen.values()];
}

/** The proof hashes of the given ranges, from stored nodes. */
export const proofFromNodes = (
  hash: MerkleHash,
  ranges: readonly (readonly [number, number])[],
  get: NodeLookup,
): Uint8Array[] => ranges.map(([lo, hi]) => rangeHash(hash, lo, hi, get));

export interface AppendResult {
  /** the new leaves' hashes, in order */
  leafHashes: Uint8Array[];
  /** interior nodes (level ≥ 1) completed by these leaves: to be stored */
  created: StoredNode[];
  /** MTH of the grown tree */
  root: Uint8Array;
  size: number;
}

/**
 * Appends leaves to a tree of `size` leaves whose frontier (`frontierNodes(size)`) is `frontier`:
 * each new leaf completes the perfect subtrees it closes (its left siblings are in the frontier
 * or among the nodes just made). O(log n) hashes per leaf, no other node read.
 */
export function appendToFrontier(
  hash: MerkleHash,
  size: number,
  frontier: readonly StoredNode[],
  leavesData: readonly Uint8Array[],
): AppendResult {
  const nodes = new Map<string, StoredNode>();
  for (const n of frontier) nodes.set(nodeKey(n), n);
  const get: NodeLookup = (n) => {
    const found = nodes.get(nodeKey(n));
    if (!found) throw new MerkleError(`stored Merkle node ${nodeKey(n)} is missing`);
    return found.hash;
  };
  const created: StoredNode[] = [];
  const hashes: Uint8Array[] = [];
  for (const [j, data] of leavesData.entries()) {
    let index = size + j;
    let level = 0;
    let h = leafHashOf(hash, data);
    hashes.push(h);
    nodes.set(nodeKey({ level, index }), { level, index, hash: h });
    while (index % 2 === 1) {
      h = nodeHash(hash, get({ level, index: index - 1 }), h);
      level += 1;
      index = (index - 1) / 2;
      const made = { level, index, hash: h };
      nodes.set(nodeKey(made), made);
      created.push(made);
    }
  }
  const newSize = size + leavesData.length;
  return { leafHashes: hashes, created, root: rangeHash(hash, 0, newSize, get), size: newSize };
}

/** Every interior node of the tree over these leaf hashes (to fill a store kept before nodes were). */
export function allInteriorNodes(
  hash: MerkleHash,
  leafHashes: readonly Uint8Array[],
): StoredNode[] {
  const out: StoredNode[] = [];
  let row = [...leafHashes];
  let level = 0;
  while (row.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) next.push(nodeHash(hash, row[i], row[i + 1]));
    level += 1;
    next.forEach((h, index) => out.push({ level, index, hash: h }));
    row = next;
  }
  return out;
}
