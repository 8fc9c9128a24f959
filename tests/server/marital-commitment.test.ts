/**
 * 婚姻状况承诺 (告知承诺: "the same sale with the marriage source down falls back
 * to upload or commitment and still completes", with spouse consent): when 民政
 * cannot say whether a selling holder is married, the holder pledges it, over HTTP on a real
 * SQLite file with the real simulators and e-signatures.
 */
import type {
  ArchivePackageResponse,
  BundleResponse,
  CaseDetail,
  SignatureRecord,
} from '../../mock-server/src/contract';
import type { SignatureProofsBody } from '../../mock-server/src/domain/archive';
import { bundleDigestOf, documentDigestOf } from '../../mock-server/src/domain/signing';
import { untilFiled } from './support/archive-fixture';
import { maskName } from '../../mock-server/src/domain/masking';
import { eSign, payOwnTaxes } from './support/cases-client';
import {
  openSale,
  parties,
  partyId,
  BUYER,
  SELLER_A,
  SELLER_B,
  STRANGER,
  startSigningHarness,
  type Client,
  type SigningHarness,
} from './support/signing';
import { staffLogin, type StaffLogin } from './support/staff-client';

let h: SigningHarness;
let p: Awaited<ReturnType<typeof parties>>;
let staff: StaffLogin;
beforeEach(async () => {
  h = await startSigningHarness({ DATA_SOURCE_TIMEOUT_MS: '5000' });
  p = await parties(h);
  staff = await staffLogin(h);
}, 60_000);
afterEach(() => h.close());

const inDays = (n: number) =>
  new Date(h.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);

async function setFault(source: string, mode: string) {
  const r = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/data-sources/faults',
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
    payload: { source, mode },
  });
  expect(r.statusCode).toBe(200);
}

async function draftWithContract(): Promise<CaseDetail> {
  const c = await openSale(p.buyer, false);
  await p.buyer.put(`/cases/${c.caseId}/contract`, {
    priceFen: 186_000_000,
    paymentMethod: 'fullPayment',
    handoverDate: inDays(30),
    fixtures: '',
  });
  return p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
}

/** POST the commitment as `who`; answers the status and body */
async function commit(who: Client, caseId: string, payload: object) {
  const r = await h.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/marital-commitment`,
    headers: { authorization: `Bearer ${who.token}` },
    payload,
  });
  return {
    status: r.statusCode,
    body: r.json() as CaseDetail & { code?: string; message?: string },
  };
}

async function submit(who: Client, caseId: string) {
  const r = await h.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/submit`,
    headers: { authorization: `Bearer ${who.token}` },
    payload: {},
  });
  return { status: r.statusCode, body: r.json() as CaseDetail & { code?: string } };
}

async function signAll(c: CaseDetail, extra: Client[] = []): Promise<void> {
  await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  for (const who of [p.buyer, p.sellerA, p.sellerB, ...extra]) await eSign(who, c.caseId);
}

const holder = (c: CaseDetail, name: string) =>
  c.marriageCheck?.holders.find((x) => x.personId === partyId(c, name));

/**
 * A holder's entry of the 民政 check as the holder reads it: nobody else reads another person's
 * marital status (domain/masking.ts), so the buyer's copy of the case lists no holder.
 */
const holderAs = async (who: Client, caseId: string, name: string) =>
  holder(await who.get<CaseDetail>(`/cases/${caseId}`), name);

describe('民政 down from the start', () => {
  it('each seller pledges 未婚: the case is no longer pending and the sale completes with the marriage item a commitment', async () => {
    await setFault('civilAffairs', 'unavailable');
    let c = await draftWithContract();
    expect(c.marriageCheck?.holders).toEqual([]);
    expect((await holderAs(p.sellerA, c.caseId, SELLER_A.name))?.status).toBe('unknown');
    await signAll(c);
    expect((await submit(p.sellerB, c.caseId)).body.code).toBe('MARRIAGE_STATUS_PENDING');

    // only the holder pledges, for themself
    const sellerAId = partyId(c, SELLER_A.name);
    const forOther = await commit(p.buyer, c.caseId, {
      personId: sellerAId,
      maritalStatus: '未婚',
    });
    expect(forOther.status).toBe(403);
    expect(forOther.body.code).toBe('MARITAL_COMMITMENT_NOT_YOURS');
    const buyerSelf = await commit(p.buyer, c.caseId, {
      personId: partyId(c, '应敏'),
      maritalStatus: '未婚',
    });
    expect(buyerSelf.status).toBe(403);
    const outsider = await commit(p.stranger, c.caseId, {
      personId: sellerAId,
      maritalStatus: '未婚',
    });
    expect(outsider.status).toBe(404);
    // a malformed pledge changes nothing
    const bad = await commit(p.sellerA, c.caseId, { personId: sellerAId, maritalStatus: '同居' });
    expect(bad.status).toBe(400);
    const noSpouse = await commit(p.sellerA, c.caseId, {
      personId: sellerAId,
      maritalStatus: '未婚',
      spouse: { name: STRANGER.name, idNumber: STRANGER.idNumber },
    });
    expect(noSpouse.status).toBe(400);
    expect(noSpouse.body.code).toBe('VALIDATION_FAILED');
    expect(await holderAs(p.sellerA, c.caseId, SELLER_A.name)).toMatchObject({
      status: 'unknown',
    });

    // a pledge may be corrected while the case is not submitted: the spouse named leaves again
    const first = await commit(p.sellerA, c.caseId, {
      personId: sellerAId,
      maritalStatus: '已婚',
      spouse: { name: STRANGER.name, idNumber: STRANGER.idNumber },
    });
    expect(first.body.parties.map((x) => x.role)).toContain('consentingSpouse');
    const a = await commit(p.sellerA, c.caseId, { personId: sellerAId, maritalStatus: '未婚' });
    expect(a.status).toBe(200);
    expect(a.body.parties.map((x) => x.role)).not.toContain('consentingSpouse');
    expect(holder(a.body, SELLER_A.name)).toMatchObject({
      status: 'unmarried',
      commitment: { maritalStatus: '未婚', contradicted: false },
    });
    // the same pledge again changes nothing
    const again = await commit(p.sellerA, c.caseId, { personId: sellerAId, maritalStatus: '未婚' });
    expect(again.body.version).toBe(a.body.version);
    const b = await commit(p.sellerB, c.caseId, {
      personId: partyId(c, SELLER_B.name),
      maritalStatus: '离婚',
    });
    expect(b.status).toBe(200);
    expect(b.body.marriageCheck?.message).toBeUndefined();
    expect(b.body.parties.some((x) => x.role === 'consentingSpouse')).toBe(false);

    // the pledges are part of what everyone signs: earlier signatures were voided
    const bundle = await p.buyer.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    const ids = bundle.documents.map((d) => d.id);
    expect(ids).toContain(`maritalCommitment:${sellerAId}`);
    expect(ids).toContain(`maritalCommitment:${partyId(c, SELLER_B.name)}`);
    expect(bundle.coveredDocumentIds).toEqual(expect.arrayContaining(ids.slice(-2)));
    expect((await submit(p.sellerB, c.caseId)).body.code).toBe('SIGNATURES_INCOMPLETE');
    for (const who of [p.buyer, p.sellerA, p.sellerB]) await eSign(who, c.caseId);

    const s = await submit(p.sellerB, c.caseId);
    expect(s.status).toBe(200);
    c = s.body;
    expect(c.status).toBe('taxPending');
    expect(c.materials.find((m) => m.code === 'marriage')).toMatchObject({
      source: 'commitment',
      status: 'provided',
    });
    // each taxpayer pays their own lines
    c = await payOwnTaxes([p.sellerA, p.sellerB, p.buyer], c.caseId);
    expect(c.status).toBe('issued');

    // past signing no pledge is taken
    const late = await commit(p.sellerA, c.caseId, { personId: sellerAId, maritalStatus: '已婚' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('MARITAL_COMMITMENT_NOT_NEEDED');
  });

  it('a seller pledges 已婚 naming a spouse from the population register: she is added, must sign, then the sale completes', async () => {
    await setFault('civilAffairs', 'unavailable');
    const c = await draftWithContract();
    const sellerAId = partyId(c, SELLER_A.name);
    const wrongDigit = await commit(p.sellerA, c.caseId, {
      personId: sellerAId,
      maritalStatus: '已婚',
      spouse: { name: STRANGER.name, idNumber: '331003197508046481' },
    });
    expect(wrongDigit.status).toBe(400);
    expect(wrongDigit.body.message).toMatch(/配偶的公民身份号码有误/);
    expect(wrongDigit.body.code).toBe('VALIDATION_FAILED');
    const nobody = await commit(p.sellerA, c.caseId, {
      personId: sellerAId,
      maritalStatus: '已婚',
      spouse: { name: '王小明', idNumber: '331003198001011231' },
    });
    expect(nobody.status).toBe(422);
    expect(nobody.body.code).toBe('SPOUSE_NOT_FOUND');
    expect(nobody.body.message).toMatch(/人口信息中未查到该配偶/);
    const missing = await commit(p.sellerA, c.caseId, {
      personId: sellerAId,
      maritalStatus: '已婚',
    });
    expect(missing.status).toBe(400);

    const a = await commit(p.sellerA, c.caseId, {
      personId: sellerAId,
      maritalStatus: '已婚',
      spouse: { name: STRANGER.name, idNumber: STRANGER.idNumber },
    });
    expect(a.status).toBe(200);
    expect(a.body.parties).toContainEqual(
      // his wife's name masked for him in the parties, in full in his own pledge
      expect.objectContaining({ name: maskName(STRANGER.name), role: 'consentingSpouse' }),
    );
    expect(holder(a.body, SELLER_A.name)?.commitment).toMatchObject({
      maritalStatus: '已婚',
      spouseName: STRANGER.name,
    });
    await commit(p.sellerB, c.caseId, {
      personId: partyId(c, SELLER_B.name),
      maritalStatus: '丧偶',
    });
    // the pledge names his marital status and his wife: he and she read it in full; the
    // buyer and the co-seller receive its digest only (domain/signing/readers.ts), which their
    // signatures cover all the same
    const pledgeId = `maritalCommitment:${sellerAId}`;
    const pledgeIn = (b: BundleResponse) => b.documents.find((d) => d.id === pledgeId)!;
    const his = pledgeIn(await p.sellerA.get<BundleResponse>(`/cases/${c.caseId}/bundle`));
    const hers = pledgeIn(await p.stranger.get<BundleResponse>(`/cases/${c.caseId}/bundle`));
    for (const d of [his, hers]) {
      expect(JSON.stringify(d.rendering)).toMatch(/本人目前婚姻状况为已婚/);
      expect(d.body).toMatchObject({ maritalStatus: '已婚' });
      expect(d.digest).toBe(documentDigestOf(d.body, d.renderer));
      expect(d.withheld).toBeUndefined();
    }
    for (const who of [p.buyer, p.sellerB]) {
      const bundle = await who.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
      const d = pledgeIn(bundle);
      expect(d).toEqual({
        id: pledgeId,
        kind: 'commitment',
        title: `婚姻状况承诺书（${maskName(SELLER_A.name)}）`,
        renderer: his.renderer,
        digest: his.digest,
        withheld: '该文件仅对其当事人可见，您可核对其摘要',
      });
      // nothing of his marital status or his wife's ID number anywhere in what they receive
      // (the co-seller reads her own pledge, 丧偶, and only that)
      expect(JSON.stringify(bundle)).not.toMatch(
        who === p.buyer ? /已婚|maritalStatus|"spouse"/ : /已婚/,
      );
      expect(JSON.stringify(bundle)).not.toContain(STRANGER.idNumber);
      // the digest they sign is recomputed from the digests they received
      expect(bundle.coveredDocumentIds).toContain(pledgeId);
      const covered = bundle.documents.filter((x) => bundle.coveredDocumentIds.includes(x.id));
      expect(bundleDigestOf(covered)).toBe(bundle.bundleDigest);
    }

    await signAll(c);
    // the spouse has not signed yet
    expect((await submit(p.sellerB, c.caseId)).body.code).toBe('SIGNATURES_INCOMPLETE');
    await eSign(p.stranger, c.caseId);
    // the buyer checks her signature from what she received, over the digest-only pledge; the
    // seller's record names him masked, without his certificate (kept for the registry's check)
    const mine = await p.buyer.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    const records = (
      await p.buyer.get<{ items: SignatureRecord[] }>(`/cases/${c.caseId}/signatures`)
    ).items.filter((x) => x.current);
    const own = records.find((x) => x.signerName === BUYER.name)!;
    expect(own.certificate).toBeDefined();
    const verdict = await p.buyer.post<{ valid: boolean }>(
      '/signatures/verify',
      { record: own, bundleDigest: mine.bundleDigest },
      200,
    );
    expect(verdict.valid).toBe(true);
    const his2 = records.find((x) => x.partyId === sellerAId)!;
    expect(his2).toMatchObject({
      signerName: maskName(SELLER_A.name),
      withheld: expect.stringContaining('仅签署人本人可查看'),
    });
    expect(his2.certificate).toBeUndefined();
    expect(his2.faceCheck).toBeUndefined();
    expect(JSON.stringify(records)).not.toContain(SELLER_A.name);
    const s = await submit(p.sellerB, c.caseId);
    expect(s.status).toBe(200);
    expect(s.body.status).toBe('taxPending');
    const done = await payOwnTaxes([p.sellerA, p.sellerB, p.buyer], c.caseId);
    expect(done.status).toBe('issued');

    // the buyer's copy of the filed package: the pledge as its digest and the others'
    // signatures without certificate; the package as filed keeps both for the registry's check
    await untilFiled(h, c.caseId);
    await p.buyer.stepUp();
    const pkg = await p.buyer.get<ArchivePackageResponse>(`/cases/${c.caseId}/archive`);
    expect(JSON.stringify(pkg.items)).not.toMatch(/已婚|maritalStatus/);
    expect(JSON.stringify(pkg.items)).not.toContain(SELLER_A.name);
    const proofs = pkg.items
      .map((it) => it.json as SignatureProofsBody | undefined)
      .find((j) => j?.documentType === 'signatureProofs')!;
    expect(proofs.signedDocuments.find((d) => d.id === pledgeId)).toEqual(
      expect.objectContaining({ digest: his.digest, withheld: expect.any(String) }),
    );
    expect(proofs.signedDocuments.find((d) => d.id === pledgeId)).not.toHaveProperty('body');
    for (const x of proofs.signatures.filter((y) => y.partyId !== partyId(c, BUYER.name)))
      expect(x.certificate).toBeUndefined();
  });
});

describe('民政 answering', () => {
  it('no pledge is taken when 民政 answered for the holder', async () => {
    const c = await draftWithContract();
    expect((await holderAs(p.sellerA, c.caseId, SELLER_A.name))?.status).not.toBe('unknown');
    const r = await commit(p.sellerA, c.caseId, {
      personId: partyId(c, SELLER_A.name),
      maritalStatus: '未婚',
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('MARITAL_COMMITMENT_NOT_NEEDED');
    expect(r.body.message).toBe('民政已答复您的婚姻状况，无需再作承诺');
  });

  it('民政 answering later and contradicting the pledge sends the case to staff with the reason, keeping the pledge', async () => {
    await setFault('civilAffairs', 'unavailable');
    const c = await draftWithContract();
    // the seeded sellers are married to each other; each pledges 未婚
    await commit(p.sellerA, c.caseId, {
      personId: partyId(c, SELLER_A.name),
      maritalStatus: '未婚',
    });
    await commit(p.sellerB, c.caseId, {
      personId: partyId(c, SELLER_B.name),
      maritalStatus: '未婚',
    });
    await signAll(c);
    await setFault('civilAffairs', 'ok');
    const s = await submit(p.sellerB, c.caseId);
    expect(s.status).toBe(200);
    expect(s.body.status).not.toBe('taxPending');
    expect(s.body.manualQueue?.reasons.map((r) => r.code)).toContain('marriage.commitmentMatches');
    expect(
      s.body.manualQueue?.reasons.find((r) => r.code === 'marriage.commitmentMatches'),
    ).toMatchObject({
      explanation: expect.stringMatching(/婚姻状况承诺与民政随后提供的婚姻登记信息不一致/),
    });
    const a = await holderAs(p.sellerA, c.caseId, SELLER_A.name);
    expect(a).toMatchObject({
      status: 'unmarried',
      commitment: { maritalStatus: '未婚', contradicted: true },
    });
  });
});
