/**
 * What one append to the archive's Merkle log, one proof and one filing-time package check READ
 * from the store, counted through a spy on the store (rows returned by each method), not timed:
 * an append reads the O(log n) frontier of stored nodes and no leaf list; a proof reads the
 * O(log n) nodes it is made of; the check run at each filing reads that package and its blobs,
 * not the whole archive. (Before, each append and proof reloaded every leaf, and each filing
 * read every package, leaf, register event, audit entry and records query.)
 */
import { createHash } from 'node:crypto';
import type { LeafKind, LeafRow, TreeHeadRow } from '../../../mock-server/src/domain/archive';
import { hexToBytes, utf8 } from '../../../mock-server/src/domain/crypto';
import {
  leafHash,
  verifyConsistency,
  verifyInclusion,
  type MerkleHash,
  type NodeRef,
} from '../../../mock-server/src/domain/merkle';
import type { ArchiveStore, Sealer, StoredNodeRow } from '../../../mock-server/src/ports';
import { ArchiveChecks } from '../../../mock-server/src/usecases/archive/archiveChecks';
import { MerkleLog } from '../../../mock-server/src/usecases/archive/merkleLog';

const sha256: MerkleHash = {
  name: 'sha256',
  digest: (b) => new Uint8Array(createHash('sha256').update(b).digest()),
};
const sealer: Sealer = {
  keyId: 'test',
  publicKeyHex: '04',
  seal: (body) => ({ body, seal: {} as never }),
};
const clock = { now: () => new Date(0) };

/** The log's part of the archive store in memory, counting the rows each method returns. */
function spyStore() {
  const leaves: LeafRow[] = [];
  const heads: TreeHeadRow[] = [];
  const nodes = new Map<string, StoredNodeRow>();
  const rowsRead: Record<string, number> = {};
  const read = <T>(method: string, rows: T[]): T[] => {
    rowsRead[method] = (rowsRead[method] ?? 0) + rows.length;
    return rows;
  };
  const store = {
    transaction: <T>(fn: () => Promise<T>) => fn(),
    leafCount: async () => leaves.length,
    leaves: async () => read('leaves', [...leaves]),
    leaf: async (i: number) => read('leaf', leaves[i] ? [leaves[i]] : [])[0],
    logNodes: async (refs: readonly NodeRef[]) =>
      read(
        'logNodes',
        refs.flatMap((r) => {
          if (r.level === 0) {
            const l = leaves[r.index];
            return l ? [{ level: 0, index: r.index, hash: l.leafHash }] : [];
          }
          const n = nodes.get(`${r.level}:${r.index}`);
          return n ? [n] : [];
        }),
      ),
    saveLogNodes: async (ns: readonly StoredNodeRow[]) => {
      for (const n of ns) nodes.set(`${n.level}:${n.index}`, n);
    },
    appendLeaf: async (r: LeafRow) => void leaves.push(r),
    saveTreeHead: async (r: TreeHeadRow) => void heads.push(r),
    latestTreeHead: async () => read('treeHeads', heads.slice(-1))[0],
    treeHead: async (n: number) =>
      read(
        'treeHeads',
        heads.filter((x) => x.treeSize === n),
      )[0],
    treeHeads: async () => read('treeHeads', [...heads]),
    leafByRef: async (k: LeafKind, ref: string) =>
      leaves.find((l) => l.kind === k && l.ref === ref),
  };
  const total = () => Object.values(rowsRead).reduce((a, b) => a + b, 0);
  const reset = () => {
    for (const k of Object.keys(rowsRead)) delete rowsRead[k];
  };
  return { store: store as unknown as ArchiveStore, rowsRead, total, reset };
}

const entries = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'audit' as const,
    ref: String(from + i),
    leafData: `entry ${from + i}`,
  }));

describe('Merkle log: rows read per step stay O(log n)', () => {
  it('appending one leaf to a log of 2,000 reads at most log2(n) + 1 stored nodes and no leaf list', async () => {
    const spy = spyStore();
    const log = new MerkleLog(spy.store, sealer, sha256, clock);
    for (let n = 0; n < 2000; n += 250) await log.append(entries(n, 250));
    for (const size of [2000, 2001, 2047]) {
      spy.reset();
      const [index] = await log.append(entries(size, 1));
      expect(index).toBe(size);
      expect(spy.rowsRead.leaves ?? 0).toBe(0);
      // the frontier of a tree of `size` leaves: one node per set bit of size
      expect(spy.total()).toBeLessThanOrEqual(Math.ceil(Math.log2(size + 1)) + 1);
      if (size === 2001) for (let n = 2002; n < 2047; n++) await log.append(entries(n, 1));
    }
  });

  it('inclusion and consistency proofs read O(log n) rows and verify', async () => {
    const spy = spyStore();
    const log = new MerkleLog(spy.store, sealer, sha256, clock);
    for (let n = 0; n < 3000; n += 500) await log.append(entries(n, 500));
    const head = await log.latestHead();
    const bound = 2 * Math.ceil(Math.log2(head.treeSize)) + 3;
    for (const i of [0, 1, 1234, 2999]) {
      spy.reset();
      const p = await log.inclusion(i);
      expect(spy.rowsRead.leaves ?? 0).toBe(0);
      expect(spy.total()).toBeLessThanOrEqual(bound);
      expect(
        verifyInclusion(sha256, {
          leafIndex: i,
          treeSize: p.treeSize,
          leafHash: leafHash(sha256, utf8(p.leafData)),
          proof: p.proof.map(hexToBytes),
          root: hexToBytes(head.rootHash),
        }),
      ).toBe(true);
    }
    spy.reset();
    const c = await log.consistency(1500, 3000);
    expect(spy.rowsRead.leaves ?? 0).toBe(0);
    expect(spy.total()).toBeLessThanOrEqual(bound);
    const first = await spy.store.treeHead(1500);
    expect(
      verifyConsistency(sha256, {
        firstSize: 1500,
        secondSize: 3000,
        firstRoot: hexToBytes(first!.rootHash),
        secondRoot: hexToBytes(head.rootHash),
        proof: c.proof.map(hexToBytes),
      }),
    ).toBe(true);
  });

  it('a log kept before nodes were stored gets them computed once, then appends read O(log n)', async () => {
    const spy = spyStore();
    // leaves written without their nodes, as an archive from before stored nodes has them
    const old = new MerkleLog(spy.store, sealer, sha256, clock);
    for (let n = 0; n < 100; n++) {
      await spy.store.appendLeaf({
        leafIndex: n,
        kind: 'audit',
        ref: String(n),
        leafData: `entry ${n}`,
        leafHash: Buffer.from(leafHash(sha256, utf8(`entry ${n}`))).toString('hex'),
        appendedAt: '',
      } as LeafRow & { appendedAt: string });
    }
    await old.append(entries(100, 1));
    expect(spy.rowsRead.leaves).toBe(100);
    spy.reset();
    await old.append(entries(101, 1));
    expect(spy.rowsRead.leaves ?? 0).toBe(0);
    const p = await old.inclusion(7);
    const head = await old.latestHead();
    expect(
      verifyInclusion(sha256, {
        leafIndex: 7,
        treeSize: 102,
        leafHash: leafHash(sha256, utf8('entry 7')),
        proof: p.proof.map(hexToBytes),
        root: hexToBytes(head.rootHash),
      }),
    ).toBe(true);
  });
});

describe('the package check run at filing', () => {
  it('reads that package, its blobs and the trusted keys, nothing of the rest of the archive', async () => {
    const whole = ['packages', 'leaves', 'treeHeads', 'registerEvents', 'audits', 'queries'];
    const called: string[] = [];
    const store = new Proxy(
      {
        package: async () => ({
          packageId: 'ARC-1',
          serial: 1,
          archiveNumber: 'DA-1',
          caseId: 'C1',
          filedAt: '2026-01-01T00:00:00.000Z',
          manifest: { body: {}, seal: {} },
          leafIndex: 0,
          items: [],
        }),
        registryPublicKeys: async () => [],
        signatureRootKeys: async () => [],
      } as Record<string, unknown>,
      {
        get(target, name: string) {
          called.push(name);
          if (whole.includes(name)) throw new Error(`the package check read ${name}`);
          return target[name];
        },
      },
    ) as unknown as ArchiveStore;
    const checks = new ArchiveChecks({
      store,
      blobs: { get: async () => undefined },
      clock,
      hashByName: () => sha256,
    });
    const report = await checks.checkPackage('ARC-1');
    expect(report.problems.length).toBeGreaterThan(0); // an empty manifest is reported, not thrown
    expect(called.filter((n) => whole.includes(n))).toEqual([]);
  });
});
