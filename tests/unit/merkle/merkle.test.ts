import { createHash } from 'node:crypto';
import { bytesToHex, hexToBytes, sm3 } from '../../../mock-server/src/domain/crypto';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  merkleRoot,
  merkleRootOfData,
  nodeHash,
  sm3MerkleHash,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
  type MerkleHash,
} from '../../../mock-server/src/domain/merkle';

/** SHA-256 from node:crypto, injected through the pluggable interface. */
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

const flipBit = (b: Uint8Array, bit = 0): Uint8Array => {
  const c = b.slice();
  c[bit >> 3] ^= 1 << (bit & 7);
  return c;
};

function sizes(hash: MerkleHash) {
  const leafHashes = LEAVES.map((d) => leafHash(hash, d));
  const roots = Array.from({ length: 9 }, (_, n) => merkleRoot(hash, leafHashes.slice(0, n)));
  return { leafHashes, roots };
}

describe('RFC 6962 Merkle tree with SHA-256', () => {
  const { leafHashes, roots } = sizes(sha256);

  it('leaf and node hashes use the 0x00 / 0x01 prefixes', () => {
    expect(bytesToHex(leafHash(sha256, new Uint8Array(0)))).toBe(ROOTS[1]);
    expect(nodeHash(sha256, leafHashes[0], leafHashes[1])).toEqual(
      sha256.digest(new Uint8Array([1, ...leafHashes[0], ...leafHashes[1]])),
    );
    expect(bytesToHex(emptyRoot(sha256))).toBe(ROOTS[0]);
  });

  it('splits at the largest power of two below n', () => {
    expect([2, 3, 4, 5, 8, 9, 1025].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 1024]);
    expect(() => splitPoint(1)).toThrow();
  });

  it('the 9 root known answers (0..8 leaves)', () => {
    expect(roots.map(bytesToHex)).toEqual(ROOTS);
    expect(bytesToHex(merkleRootOfData(sha256, LEAVES))).toBe(ROOTS[8]);
  });

  it('published audit paths and consistency proofs (certificate-transparency test vectors)', () => {
    const H = {
      l1: '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      n23: '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      n4to8: '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      l4: 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      l5: '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      n67: 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    };
    const path = (n: number, i: number) =>
      inclusionProof(sha256, leafHashes.slice(0, n), i).map(bytesToHex);
    const cons = (m: number, n: number) =>
      consistencyProof(sha256, leafHashes.slice(0, n), m).map(bytesToHex);
    expect(path(8, 0)).toEqual([H.l1, H.n23, H.n4to8]);
    expect(path(8, 5)).toEqual([H.l4, H.n67, ROOTS[4]]);
    expect(path(3, 2)).toEqual([ROOTS[2]]);
    expect(path(5, 1)).toEqual([ROOTS[1], H.n23, H.l4]);
    expect(path(1, 0)).toEqual([]);
    expect(cons(1, 1)).toEqual([]);
    expect(cons(1, 8)).toEqual([H.l1, H.n23, H.n4to8]);
    expect(cons(6, 8)).toEqual([H.l5, H.n67, ROOTS[4]]);
    expect(cons(2, 5)).toEqual([H.n23, H.l4]);
    expect(cons(2, 8)).toEqual([H.n23, H.n4to8]);
  });

  it('inclusion proofs for every leaf of every tree size 1..8 verify', () => {
    for (let n = 1; n <= 8; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(sha256, leafHashes.slice(0, n), i);
        const claim = { leafIndex: i, treeSize: n, leafHash: leafHashes[i], proof, root: roots[n] };
        expect(verifyInclusion(sha256, claim)).toBe(true);
      }
    }
  });

  it('inclusion proofs fail when anything is tampered with', () => {
    let checks = 0;
    const reject = (claim: Parameters<typeof verifyInclusion>[1]) => {
      checks++;
      expect(verifyInclusion(sha256, claim)).toBe(false);
    };
    for (let n = 1; n <= 8; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(sha256, leafHashes.slice(0, n), i);
        const ok = { leafIndex: i, treeSize: n, leafHash: leafHashes[i], proof, root: roots[n] };
        proof.forEach((_, j) =>
          reject({ ...ok, proof: proof.map((p, x) => (x === j ? flipBit(p, 5) : p)) }),
        );
        reject({ ...ok, leafHash: flipBit(ok.leafHash) });
        reject({ ...ok, leafHash: leafHash(sha256, LEAVES[i]).subarray(1) });
        reject({ ...ok, root: flipBit(ok.root, 255) });
        reject({ ...ok, root: roots[n === 8 ? 7 : n + 1] });
        if (n > 1) reject({ ...ok, leafIndex: (i + 1) % n });
        if (n > 1) reject({ ...ok, leafHash: leafHashes[(i + 1) % n] });
        reject({ ...ok, leafIndex: n }); // index out of range
        reject({ ...ok, leafIndex: -1 });
        reject({ ...ok, treeSize: i }); // index no longer inside the tree
        reject({ ...ok, proof: [...proof, roots[n]] });
        if (proof.length > 0) reject({ ...ok, proof: proof.slice(0, -1) });
        if (proof.length > 1) reject({ ...ok, proof: [...proof].reverse() });
        reject({ ...ok, leafIndex: 0.5 });
      }
    }
    expect(checks).toBeGreaterThan(300);
  });

  it('consistency proofs for every pair 0 ≤ m ≤ n ≤ 8 verify', () => {
    for (let n = 0; n <= 8; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(sha256, leafHashes.slice(0, n), m);
        if (m === 0 || m === n) expect(proof).toEqual([]);
        const claim = {
          firstSize: m,
          secondSize: n,
          firstRoot: roots[m],
          secondRoot: roots[n],
          proof,
        };
        expect(verifyConsistency(sha256, claim)).toBe(true);
      }
    }
  });

  it('consistency proofs fail when anything is tampered with', () => {
    let checks = 0;
    const reject = (claim: Parameters<typeof verifyConsistency>[1]) => {
      checks++;
      expect(verifyConsistency(sha256, claim)).toBe(false);
    };
    for (let n = 1; n <= 8; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(sha256, leafHashes.slice(0, n), m);
        const ok = {
          firstSize: m,
          secondSize: n,
          firstRoot: roots[m],
          secondRoot: roots[n],
          proof,
        };
        proof.forEach((_, j) =>
          reject({ ...ok, proof: proof.map((p, x) => (x === j ? flipBit(p, 9) : p)) }),
        );
        reject({ ...ok, firstRoot: flipBit(ok.firstRoot) });
        reject({ ...ok, secondRoot: flipBit(ok.secondRoot) });
        reject({ ...ok, proof: [...proof, roots[m]] });
        if (proof.length > 0) reject({ ...ok, proof: proof.slice(0, -1) });
        if (proof.length > 1) reject({ ...ok, proof: [...proof].reverse() });
        if (m > 1) reject({ ...ok, firstSize: m - 1 });
        if (m < n) reject({ ...ok, firstSize: m + 1 });
        if (m < n) reject({ ...ok, secondSize: m - 1 }); // second smaller than first
        reject({ ...ok, firstSize: n + 1 }); // first larger than second
        if (m < n) reject({ ...ok, firstRoot: roots[m - 1] });
        if (m < n) reject({ ...ok, proof: [] });
        reject({ ...ok, firstSize: 0, firstRoot: roots[m], proof: [] });
      }
    }
    // A tree that differs in one old leaf is not consistent with the old root.
    const forked = leafHashes.slice(0, 8);
    forked[2] = leafHash(sha256, new Uint8Array([0xff]));
    for (let m = 3; m < 8; m++) {
      reject({
        firstSize: m,
        secondSize: 8,
        firstRoot: roots[m],
        secondRoot: merkleRoot(sha256, forked),
        proof: consistencyProof(sha256, forked, m),
      });
    }
    expect(checks).toBeGreaterThan(250);
  });

  it('a proof does not authenticate the tree size by itself (sign size and root together)', () => {
    // Leaf 0's audit path has the same shape in trees of 3 and 4 leaves, so a size-4 proof
    // checked against the size-4 root verifies whether the claim says 3 or 4. What binds the
    // size is the signed (treeSize, root) pair the root comes from, as in RFC 9162 §4.10.
    const proof = inclusionProof(sha256, leafHashes.slice(0, 4), 0);
    const claim = { leafIndex: 0, treeSize: 4, leafHash: leafHashes[0], proof, root: roots[4] };
    expect(verifyInclusion(sha256, claim)).toBe(true);
    expect(verifyInclusion(sha256, { ...claim, treeSize: 3 })).toBe(true);
    // …but never against the root of a different tree.
    expect(verifyInclusion(sha256, { ...claim, treeSize: 3, root: roots[3] })).toBe(false);
  });

  it('proof generation rejects bad arguments', () => {
    expect(() => inclusionProof(sha256, leafHashes, 8)).toThrow();
    expect(() => inclusionProof(sha256, [], 0)).toThrow();
    expect(() => consistencyProof(sha256, leafHashes.slice(0, 3), 4)).toThrow();
    expect(() => consistencyProof(sha256, leafHashes, -1)).toThrow();
  });

  it('larger trees: proofs for many sizes and indices verify', () => {
    const many = Array.from({ length: 130 }, (_, i) =>
      leafHash(sha256, new Uint8Array([i, i >> 8])),
    );
    const rootsMany = Array.from({ length: 131 }, (_, n) => merkleRoot(sha256, many.slice(0, n)));
    let failures = 0;
    for (const n of [9, 15, 16, 17, 31, 33, 64, 65, 100, 127, 128, 129, 130]) {
      const tree = many.slice(0, n);
      for (let i = 0; i < n; i += 7) {
        const claim = {
          leafIndex: i,
          treeSize: n,
          leafHash: tree[i],
          proof: inclusionProof(sha256, tree, i),
          root: rootsMany[n],
        };
        if (!verifyInclusion(sha256, claim)) failures++;
      }
      for (let m = 1; m <= n; m += 5) {
        const claim = {
          firstSize: m,
          secondSize: n,
          firstRoot: rootsMany[m],
          secondRoot: rootsMany[n],
          proof: consistencyProof(sha256, tree, m),
        };
        if (!verifyConsistency(sha256, claim)) failures++;
      }
    }
    expect(failures).toBe(0);
  });
});

describe('SM3 Merkle tree (pure SM3 through the same interface)', () => {
  const nodeSm3: MerkleHash = {
    name: 'sm3',
    digest: (bytes) => new Uint8Array(createHash('sm3').update(bytes).digest()),
  };

  it('agrees with a node:crypto SM3 adapter, and differs from SHA-256', () => {
    const pure = sizes(sm3MerkleHash);
    const viaNode = sizes(nodeSm3);
    expect(pure.roots.map(bytesToHex)).toEqual(viaNode.roots.map(bytesToHex));
    expect(bytesToHex(pure.roots[0])).toBe(bytesToHex(sm3(new Uint8Array(0))));
    expect(bytesToHex(pure.roots[8])).not.toBe(ROOTS[8]);
  });

  it('inclusion and consistency proofs work end to end', () => {
    const { leafHashes, roots } = sizes(sm3MerkleHash);
    for (let n = 1; n <= 8; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(sm3MerkleHash, leafHashes.slice(0, n), i);
        const claim = { leafIndex: i, treeSize: n, leafHash: leafHashes[i], proof, root: roots[n] };
        expect(verifyInclusion(sm3MerkleHash, claim)).toBe(true);
        expect(verifyInclusion(sha256, claim)).toBe(n === 1); // n = 1: no hashing at all
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(sm3MerkleHash, leafHashes.slice(0, n), m);
        const claim = {
          firstSize: m,
          secondSize: n,
          firstRoot: roots[m],
          secondRoot: roots[n],
          proof,
        };
        expect(verifyConsistency(sm3MerkleHash, claim)).toBe(true);
        expect(verifyConsistency(sha256, { ...claim, proof: proof.map((p) => flipBit(p)) })).toBe(
          m === n,
        );
      }
    }
  });
});
