/**
 * The archive, filing and tamper evidence through the API: completed cases are filed as sealed
 * packages (an issued case moves on to `archived`), every register event and package is on the
 * SM3 Merkle log with SM2-sealed tree heads, a certificate's inclusion proof verifies, the archive
 * tables refuse UPDATE and DELETE, and reads are audited on the log.
 */
import type {
  ArchivePackageResponse,
  CaseDetail,
  ConsistencyProofResponse,
  InclusionProofResponse,
  RegistryPublicKeyResponse,
  TreeHeadResponse,
} from '../../mock-server/src/contract';
import {
  canonicalJson,
  hexToBytes,
  sm3,
  bytesToHex,
  utf8,
} from '../../mock-server/src/domain/crypto';
import { verifySeal } from '../../mock-server/src/domain/documents';
import {
  sm3MerkleHash,
  verifyConsistency,
  verifyInclusion,
} from '../../mock-server/src/domain/merkle';
import { startHarness, type Harness } from './support/registry';
import { issuedSale, refusedCase, withdrawnCase } from './support/archive-fixture';

describe('archive: filing, Merkle log, proofs, immutability', () => {
  let h: Harness;
  let key: string;
  const api = (url: string) => h.app.inject({ method: 'GET', url: `/api/v1${url}` });

  beforeAll(async () => {
    h = await startHarness();
    key = ((await api('/registry/public-key')).json() as RegistryPublicKeyResponse).publicKey;
  });
  afterAll(() => h.close());

  it('seeded register events are on the log and the tree head is sealed', async () => {
    const events = await h.registry.register.countEvents();
    const head = (await api('/archive/tree-head')).json() as TreeHeadResponse;
    expect(head.hashAlgorithm).toBe('sm3');
    expect(head.treeSize).toBe(events);
    expect(verifySeal(head.treeHead as never, key)).toEqual({ valid: true });
  });

  it('an issued sale is filed with every item kind, sealed, and the case moves to archived', async () => {
    const before = (await api('/archive/tree-head')).json() as TreeHeadResponse;
    const { c, buyer } = await issuedSale(h);
    const now = await buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(now.status).toBe('archived');
    expect(now.timeline.at(-1)).toMatchObject({ step: '归档', from: 'issued', to: 'archived' });

    const pkg = await buyer.get<ArchivePackageResponse>(`/cases/${c.caseId}/archive`);
    expect(pkg.archiveNumber).toMatch(/^台不动产档〔\d{4}〕第\d{6}号$/);
    expect(verifySeal(pkg.manifest as never, key)).toEqual({ valid: true });
    const body = pkg.manifest.body as {
      items: { no: number; kind: string; digest: string }[];
      outcome: string;
      certificateNumber: string;
    };
    expect(body.outcome).toBe('issued');
    expect(body.certificateNumber).toBe(c.recording!.certificateNumber);
    expect(new Set(body.items.map((i) => i.kind))).toEqual(
      new Set([
        'application',
        'sharedData',
        'inquiryRecord',
        'signatures',
        'reviewDecisions',
        'notice',
        'registerEvents',
        'certificate',
      ]),
    );
    expect(body.items.map((i) => i.no)).toEqual(body.items.map((_, i) => i + 1));
    // every item the buyer reads as filed matches its digest; an item carrying the sellers'
    // personal data is masked for her (domain/masking.ts) and says so
    for (const it of body.items) {
      const content = pkg.items.find((x) => x.no === it.no)!;
      if (content.masked) continue;
      expect(bytesToHex(sm3(utf8(canonicalJson(content.json))))).toBe(it.digest);
    }
    expect(pkg.items.filter((x) => !x.masked).length).toBeGreaterThan(body.items.length / 2);
    const cert = pkg.items.find((x) => body.items[x.no - 1].kind === 'certificate')!;
    expect(verifySeal(cert.json as never, key)).toEqual({ valid: true });
    const events = pkg.items.find((x) => body.items[x.no - 1].kind === 'registerEvents')!;
    expect((events.json as unknown[]).length).toBeGreaterThanOrEqual(1);

    // the certificate's inclusion proof verifies against the sealed tree head
    const proof = (
      await api(`/archive/proof?certificateNumber=${encodeURIComponent(body.certificateNumber)}`)
    ).json() as InclusionProofResponse;
    expect(proof.kind).toBe('archivePackage');
    expect(verifySeal(proof.treeHead as never, key)).toEqual({ valid: true });
    const headBody = proof.treeHead.body as { rootHash: string; treeSize: number };
    expect(headBody.treeSize).toBe(proof.treeSize);
    const claim = {
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      leafHash: hexToBytes(proof.leafHash),
      proof: proof.proof.map(hexToBytes),
      root: hexToBytes(headBody.rootHash),
    };
    expect(verifyInclusion(sm3MerkleHash, claim)).toBe(true);
    expect(verifyInclusion(sm3MerkleHash, { ...claim, leafIndex: claim.leafIndex + 1 })).toBe(
      false,
    );

    // the new head is consistent with the one before the sale
    const after = (await api('/archive/tree-head')).json() as TreeHeadResponse;
    const cons = (
      await api(`/archive/consistency?first=${before.treeSize}&second=${after.treeSize}`)
    ).json() as ConsistencyProofResponse;
    expect(
      verifyConsistency(sm3MerkleHash, {
        firstSize: before.treeSize,
        secondSize: after.treeSize,
        firstRoot: hexToBytes(before.rootHash),
        secondRoot: hexToBytes(after.rootHash),
        proof: cons.proof.map(hexToBytes),
      }),
    ).toBe(true);

    // the sale's register events were logged as they were written
    const logged = (await h.registry.sql.get(
      "SELECT count(*) AS n FROM log_leaves WHERE kind = 'registerEvent'",
    )) as { n: number };
    expect(logged.n).toBe(await h.registry.register.countEvents());
  });

  it('a refused and a withdrawn case are filed and keep their terminal status', async () => {
    const refused = await refusedCase(h);
    const withdrawn = await withdrawnCase(h);
    for (const [r, status] of [
      [refused, 'refused'],
      [withdrawn, 'withdrawn'],
    ] as const) {
      const now = await r.buyer.get<CaseDetail>(`/cases/${r.c.caseId}`);
      expect(now.status).toBe(status);
      const pkg = await r.buyer.get<ArchivePackageResponse>(`/cases/${r.c.caseId}/archive`);
      expect((pkg.manifest.body as { outcome: string }).outcome).toBe(status);
    }
    const serials = (await h.registry.sql.all(
      'SELECT serial FROM archive_packages ORDER BY serial',
    )) as { serial: number }[];
    expect(serials.map((s) => s.serial)).toEqual([1, 2, 3]);
  });

  it('a stranger cannot read a package, and every read (or refusal) is audited on the log', async () => {
    const pkg = (await h.registry.sql.get('SELECT package_id FROM archive_packages LIMIT 1')) as {
      package_id: string;
    };
    const { client, login } = await import('./support/cases-client');
    const stranger = client(h, await login(h, { idNumber: '33100319750804648X', name: '许慧芳' }));
    await stranger.get(`/archive/packages/${pkg.package_id}`, 404);
    const audits = (await h.registry.sql.all('SELECT * FROM archive_audit ORDER BY seq')) as {
      seq: number;
      actor_role: string;
      purpose: string;
      action: string;
      outcome: string;
      target: string;
    }[];
    expect(audits.length).toBeGreaterThanOrEqual(4);
    expect(audits.at(-1)).toMatchObject({
      action: 'readPackage',
      outcome: 'refused',
      target: pkg.package_id,
      actor_role: 'party',
    });
    expect(audits.some((a) => a.outcome === 'read' && a.purpose === '查阅本人办件档案')).toBe(true);
    for (const a of audits) {
      const leaf = await h.registry.sql.get(
        "SELECT 1 FROM log_leaves WHERE kind = 'audit' AND ref = ?",
        [String(a.seq)],
      );
      expect(leaf).toBeDefined();
    }
  });

  it.each([
    ['archive_packages', "UPDATE archive_packages SET filed_at = 'x'"],
    ['archive_packages', 'DELETE FROM archive_packages'],
    ['archive_items', "UPDATE archive_items SET digest = 'x'"],
    ['archive_items', 'DELETE FROM archive_items'],
    ['log_leaves', "UPDATE log_leaves SET leaf_hash = 'x'"],
    ['log_leaves', 'DELETE FROM log_leaves'],
    ['log_tree_heads', "UPDATE log_tree_heads SET root_hash = 'x'"],
    ['log_tree_heads', 'DELETE FROM log_tree_heads'],
    ['archive_audit', "UPDATE archive_audit SET purpose = 'x'"],
    ['archive_audit', 'DELETE FROM archive_audit'],
  ])('%s refuses: %s', async (table, sql) => {
    // the driver's error is not an Error of jest's realm: its message is compared
    await expect(h.registry.sql.exec(sql)).rejects.toMatchObject({
      message: expect.stringMatching(new RegExp(`${table} is append-only`)),
    });
  });

  it('the proof route wants exactly one selector', async () => {
    expect((await api('/archive/proof')).statusCode).toBe(400);
    expect((await api('/archive/proof?leaf=0&packageId=x')).statusCode).toBe(400);
    expect((await api('/archive/proof?packageId=nope')).statusCode).toBe(404);
  });
});

describe('四性检测 for staff (/api/v1/staff/archive/check)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('needs a staff session; reports each aspect item by item; the check is audited', async () => {
    const { staffLogin, staffClient } = await import('./support/staff-client');
    const anon = await h.app.inject({ method: 'GET', url: '/api/v1/staff/archive/check' });
    expect(anon.statusCode).toBe(401);
    await issuedSale(h);
    const staff = staffClient(h, await staffLogin(h));
    const r = await staff.get<{
      ok: boolean;
      summary: Record<string, { passed: number; failed: number }>;
      results: { aspect: string; code: string }[];
    }>('/archive/check');
    expect(r.ok).toBe(true);
    for (const a of ['authenticity', 'integrity', 'usability', 'security']) {
      expect(r.summary[a].passed).toBeGreaterThan(0);
      expect(r.summary[a].failed).toBe(0);
    }
    expect(r.results.map((x) => x.code)).toEqual(
      expect.arrayContaining(['MANIFEST_SEAL', 'ITEM_DIGEST', 'ITEM_FORMAT', 'ACCESS_CONTROL']),
    );
    const pkgId = (
      (await h.registry.sql.get('SELECT package_id FROM archive_packages')) as {
        package_id: string;
      }
    ).package_id;
    const one = await staff.get<{ scope: string; ok: boolean }>(`/archive/check?package=${pkgId}`);
    expect(one).toMatchObject({ scope: 'package', ok: true });
    const audit = await h.registry.sql.all(
      "SELECT actor_role, purpose, target FROM archive_audit WHERE action = 'archiveCheck'",
    );
    expect(audit).toEqual([
      { actor_role: 'staff', purpose: '四性检测', target: 'archive' },
      { actor_role: 'staff', purpose: '四性检测', target: pkgId },
    ]);
  });
});
