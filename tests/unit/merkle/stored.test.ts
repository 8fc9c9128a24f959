/**
 * The Merkle tree from stored nodes (domain/merkle/stored.ts) gives exactly what the tree over
 * every leaf gives (tree.ts): the RFC 6962 known answers (docs/registry-facts.md §9) when grown
 * one leaf or a batch at a time, and the same inclusion and consistency proofs for every leaf and
 * size up to 70.
 */
import { createHash } from 'node:crypto';
import { bytesToHex, hexToBytes } from '../../../mock-server/src/domain/crypto';
import {
  allInteriorNodes,
  appendToFrontier,
  consistencyProof,
  consistencyRanges,
  frontierNodes,
  inclusionProof,
  inclusionRanges,
  leafHash,
  lookupOf,
  merkleRoot,
  nodeKey,
  nodesOfRanges,
  proofFromNodes,
  rangeNodes,
  type MerkleHash,
  type StoredNode,
} from '../../../mock-server/src/domain/merkle';

const sha256: MerkleHash = {
  name: 'sha256',
  digest: (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
};

// docs/registry-facts.md §9: RFC 6962 test leaves and the roots of their first n leaves.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hexToBytes);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** A node store in memory, grown through appendToFrontier only (level 0 = the leaf hashes). */
function grow(leaves: readonly Uint8Array[], batch: number) {
  const nodes = new Map<string, StoredNode>();
  const roots: string[] = [];
  let size = 0;
  while (size < leaves.length) {
    const part = leaves.slice(size, size + batch);
    const frontier = frontierNodes(size).map((r) => {
      const n = nodes.get(nodeKey(r));
      if (!n) throw new Error(`frontier node ${nodeKey(r)} missing`);
      return n;
    });
    const r = appendToFrontier(sha256, size, frontier, part);
    r.leafHashes.forEach((h, i) =>
      nodes.set(nodeKey({ level: 0, index: size + i }), { level: 0, index: size + i, hash: h }),
    );
    for (const n of r.created) nodes.set(nodeKey(n), n);
    size = r.size;
    roots.push(bytesToHex(r.root));
  }
  return { nodes, roots };
}

describe('Merkle tree from stored nodes', () => {
  it('grown one leaf at a time, every root is the RFC 6962 known answer', () => {
    const { roots } = grow(LEAVES, 1);
    expect(roots).toEqual(ROOTS.slice(1));
  });

  it('grown in batches, each root is the known answer for its size', () => {
    for (const batch of [2, 3, 5, 8]) {
      const { roots } = grow(LEAVES, batch);
      const sizes = roots.map((_, i) => Math.min((i + 1) * batch, LEAVES.length));
      expect(roots).toEqual(sizes.map((n) => ROOTS[n]));
    }
  });

  it('the frontier of n leaves is one node per set bit of n', () => {
    expect(frontierNodes(0)).toEqual([]);
    expect(frontierNodes(7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(frontierNodes(1024)).toEqual([{ level: 10, index: 0 }]);
    expect(rangeNodes(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
  });

  it('inclusion and consistency proofs equal the ones computed from every leaf (sizes 1–70)', () => {
    const data = Array.from({ length: 70 }, (_, i) => new TextEncoder().encode(`leaf ${i}`));
    const hashes = data.map((d) => leafHash(sha256, d));
    const { nodes, roots } = grow(data, 1);
    const get = lookupOf(nodes.values());
    for (let n = 1; n <= 70; n++) {
      expect(roots[n - 1]).toBe(bytesToHex(merkleRoot(sha256, hashes.slice(0, n))));
      for (let m = 0; m < n; m++) {
        const fromNodes = proofFromNodes(sha256, inclusionRanges(m, n), get).map(bytesToHex);
        expect(fromNodes).toEqual(inclusionProof(sha256, hashes.slice(0, n), m).map(bytesToHex));
      }
      for (let m = 0; m <= n; m++) {
        const fromNodes = proofFromNodes(sha256, consistencyRanges(m, n), get).map(bytesToHex);
        expect(fromNodes).toEqual(consistencyProof(sha256, hashes.slice(0, n), m).map(bytesToHex));
      }
    }
  });

  it('a proof needs O(log n) nodes', () => {
    const n = 1_000_003;
    for (const m of [0, 1, 500_000, n - 1]) {
      expect(nodesOfRanges(inclusionRanges(m, n)).length).toBeLessThanOrEqual(2 * 21);
      expect(nodesOfRanges(consistencyRanges(m + 1, n)).length).toBeLessThanOrEqual(2 * 21);
    }
  });

  it('the nodes computed at once from the leaves are the ones grown by appending', () => {
    const data = Array.from({ length: 37 }, (_, i) => new TextEncoder().encode(`x${i}`));
    const { nodes } = grow(data, 4);
    const all = allInteriorNodes(
      sha256,
      data.map((d) => leafHash(sha256, d)),
    );
    const interior = [...nodes.values()].filter((n) => n.level > 0);
    expect(all.map((n) => `${nodeKey(n)}=${bytesToHex(n.hash)}`).sort()).toEqual(
      interior.map((n) => `${nodeKey(n)}=${bytesToHex(n.hash)}`).sort(),
    );
  });
});
