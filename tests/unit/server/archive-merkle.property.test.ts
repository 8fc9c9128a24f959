/**
 * The archive's persistent Merkle log (usecases/archive/merkleLog) over the RFC 6962
 * construction — for random sizes and batchings, every inclusion proof (every leaf) and every
 * consistency proof (every earlier signed tree head) verifies, and changing any byte of a leaf,
 * a proof or a root makes it fail. SM3 (the default) and SHA-256.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { LeafKind, LeafRow, TreeHeadRow } from '../../../mock-server/src/domain/archive';
import { hexToBytes, utf8 } from '../../../mock-server/src/domain/crypto';
import {
  leafHash,
  sm3MerkleHash,
  verifyConsistency,
  verifyInclusion,
  type MerkleHash,
  type NodeRef,
} from '../../../mock-server/src/domain/merkle';
import type { ArchiveStore, Sealer, StoredNodeRow } from '../../../mock-server/src/ports';
import { MerkleLog } from '../../../mock-server/src/usecases/archive/merkleLog';

const sha256: MerkleHash = {
  name: 'sha256',
  digest: (b) => new Uint8Array(createHash('sha256').update(b).digest()),
};

/** The log's part of the archive store, in memory. */
function memoryStore(): ArchiveStore {
  const leaves: LeafRow[] = [];
  const heads: TreeHeadRow[] = [];
  const nodes = new Map<string, StoredNodeRow>();
  const partial = {
    transaction: <T>(fn: () => Promise<T>) => fn(),
    leafCount: async () => leaves.length,
    leaves: async () => [...leaves],
    leaf: async (i: number) => leaves[i],
    logNodes: async (refs: readonly NodeRef[]) =>
      refs.flatMap((r) => {
        if (r.level === 0) {
          const l = leaves[r.index];
          return l ? [{ level: 0, index: r.index, hash: l.leafHash }] : [];
        }
        const n = nodes.get(`${r.level}:${r.index}`);
        return n ? [n] : [];
      }),
    saveLogNodes: async (ns: readonly StoredNodeRow[]) => {
      for (const n of ns)
        if (!nodes.has(`${n.level}:${n.index}`)) nodes.set(`${n.level}:${n.index}`, n);
    },
    appendLeaf: async (r: LeafRow) => void leaves.push(r),
    saveTreeHead: async (r: TreeHeadRow) => void heads.push(r),
    latestTreeHead: async () => heads.at(-1),
    treeHead: async (n: number) => heads.find((x) => x.treeSize === n),
    treeHeads: async () => [...heads],
    leafByRef: async (k: LeafKind, ref: string) =>
      leaves.find((l) => l.kind === k && l.ref === ref),
  };
  return partial as unknown as ArchiveStore;
}

const sealer: Sealer = {
  keyId: 'test',
  publicKeyHex: '04',
  seal: (body) => ({ body, seal: {} as never }),
};

const flip = (b: Uint8Array, at: number): Uint8Array => {
  const c = new Uint8Array(b);
  c[at % c.length] ^= 0x01 << (at % 8);
  return c;
};

describe.each([
  ['sm3', sm3MerkleHash],
  ['sha256', sha256],
])('persistent Merkle log (%s)', (_name, hash) => {
  it('every inclusion and consistency proof verifies; any changed byte fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 7 }), {
          minLength: 1,
          maxLength: 9,
        }),
        fc.nat(),
        async (batches, pick) => {
          const store = memoryStore();
          const log = new MerkleLog(store, sealer, hash, { now: () => new Date(0) });
          let n = 0;
          for (const batch of batches) {
            await log.append(
              batch.map((d) => ({ kind: 'audit' as const, ref: String(n++), leafData: d })),
            );
          }
          const head = await log.latestHead();
          expect(head.treeSize).toBe(n);
          expect(head.hashAlgorithm).toBe(hash.name);
          const root = hexToBytes(head.rootHash);
          for (let i = 0; i < n; i++) {
            const p = await log.inclusion(i);
            expect(p.treeSize).toBe(n);
            const claim = {
              leafIndex: i,
              treeSize: n,
              leafHash: leafHash(hash, utf8(p.leafData)),
              proof: p.proof.map(hexToBytes),
              root,
            };
            expect(verifyInclusion(hash, claim)).toBe(true);
            // any byte of the leaf, of one proof step, or of the root
            expect(
              verifyInclusion(hash, { ...claim, leafHash: flip(claim.leafHash, pick + i) }),
            ).toBe(false);
            expect(verifyInclusion(hash, { ...claim, root: flip(root, pick) })).toBe(false);
            expect(
              verifyInclusion(hash, { ...claim, leafHash: leafHash(hash, utf8(`${p.leafData}x`)) }),
            ).toBe(false);
            if (claim.proof.length > 0) {
              const j = (pick + i) % claim.proof.length;
              const proof = claim.proof.map((x, k) => (k === j ? flip(x, pick) : x));
              expect(verifyInclusion(hash, { ...claim, proof })).toBe(false);
            }
          }
          for (const earlier of await store.treeHeads()) {
            const c = await log.consistency(earlier.treeSize, n);
            const claim = {
              firstSize: earlier.treeSize,
              secondSize: n,
              firstRoot: hexToBytes(earlier.rootHash),
              secondRoot: root,
              proof: c.proof.map(hexToBytes),
            };
            expect(verifyConsistency(hash, claim)).toBe(true);
            if (earlier.treeSize > 0 && earlier.treeSize < n) {
              expect(
                verifyConsistency(hash, { ...claim, firstRoot: flip(claim.firstRoot, pick) }),
              ).toBe(false);
              expect(verifyConsistency(hash, { ...claim, secondRoot: flip(root, pick) })).toBe(
                false,
              );
              const j = pick % claim.proof.length;
              const proof = claim.proof.map((x, k) => (k === j ? flip(x, pick) : x));
              expect(verifyConsistency(hash, { ...claim, proof })).toBe(false);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

it('the persistent log with SHA-256 gives the RFC 6962 known-answer roots', async () => {
  const leaves = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ];
  const roots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];
  const store = memoryStore();
  const log = new MerkleLog(store, sealer, sha256, { now: () => new Date(0) });
  for (const [i, hex] of leaves.entries()) {
    const data = String.fromCharCode(...(hex.match(/../g) ?? []).map((b) => parseInt(b, 16)));
    await log.append([{ kind: 'audit', ref: String(i), leafData: data }]);
    expect((await log.latestHead()).rootHash).toBe(roots[i]);
  }
});
