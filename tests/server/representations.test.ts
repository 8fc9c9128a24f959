/**
 * Acting for a party (委托代理人, 监护人; docs/registry-facts.md §15): a seller's agent and a minor
 * buyer's guardian each answer and sign as themselves for their principal through to submission,
 * the rendered documents and signature records saying on whose behalf; the principal revokes
 * (before submission the agent's signature stops counting, after it the application stands);
 * acting without standing, an agent on the other side and a guardian 公安 does not show are refused
 * with nothing changed.
 */
import type {
  BundleResponse,
  CaseDetail,
  RepresentationsResponse,
  RepresentationView,
  SignatureRecord,
  SignaturesResponse,
  StaffRepresentationsResponse,
} from '../../mock-server/src/contract';
import { citizenIdCheckChar } from '../../mock-server/src/domain/identifiers';
import type { RenderedDocument } from '../../mock-server/src/domain/documents/rendering';
import { png } from './support/png';
import { staffClient, staffLogin } from './support/staff-client';
import {
  answer,
  BUYER,
  count,
  handwriting,
  openSale,
  parties,
  partyId,
  SELLER_A,
  SELLER_ANSWERS,
  SELLER_B,
  sign,
  startSigningHarness,
  STRANGER,
  UNIT,
  type Client,
  type SigningHarness,
} from './support/signing';

let h: SigningHarness;
let p: Awaited<ReturnType<typeof parties>>;
beforeAll(async () => {
  h = await startSigningHarness();
  p = await parties(h);
});
afterAll(() => h.close());

const BUYER_ANSWERS = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };

async function call(
  who: Client,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return h.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${who.token}`, ...headers },
    ...(payload ? { payload } : {}),
  });
}

/** Every text a rendered document shows (rows, tables, signature lines, answers). */
const textOf = (d: RenderedDocument): string => JSON.stringify(d.sections);
const rendered = (b: BundleResponse, id: string) =>
  b.documents.find((d) => d.id === id)!.rendering as RenderedDocument;

/** The agent reads the principal's bundle and signs it as themself. */
async function signFor(agent: Client, r: RepresentationView, seed = 7) {
  const b = await agent.get<BundleResponse>(`/representations/${r.representationId}/bundle`);
  return agent.post<SignatureRecord>(
    `/representations/${r.representationId}/signatures`,
    { handwriting: handwriting(seed), bundleDigest: b.bundleDigest },
    201,
  );
}

const submit = (who: Client, caseId: string, key: string) =>
  call(who, 'POST', `/cases/${caseId}/submit`, {}, { 'idempotency-key': key });

describe('a 委托代理人 signs for a seller', () => {
  it('signs as themself for the principal through to submission, shown on whose behalf; revoked after submission the application stands', async () => {
    const c = await openSale(p.buyer);
    await answer(p.sellerA, c, SELLER_A.name);
    // 叶美华 appoints 许慧芳, signing the 授权委托书 online on her fresh face check
    const appointed = await p.sellerB.post<RepresentationView>(
      `/cases/${c.caseId}/representations`,
      { agent: STRANGER, basis: 'onlinePowerOfAttorney' },
      201,
    );
    expect(appointed).toMatchObject({
      kind: 'agent',
      status: 'active',
      statement: `委托代理人 ${STRANGER.name} 代 委托人 ${SELLER_B.name}`,
      canRevoke: true,
    });
    expect(appointed.document.title).toBe('授权委托书');
    expect(appointed.document.text).toContain('代理人无转委托权');
    // the agent opens it with the code they were handed, answers and signs for her
    const opened = await p.stranger.post<RepresentationView>('/representations/accept', {
      code: appointed.invitation!.code,
    });
    expect(opened.representationId).toBe(appointed.representationId);
    await p.stranger.put(`/representations/${opened.representationId}/inquiry`, {
      answers: SELLER_ANSWERS,
    });
    const record = await signFor(p.stranger, opened);
    expect(record.partyId).toBe(partyId(c, SELLER_B.name));
    expect(record.signerName).toBe(STRANGER.name);
    expect(record.onBehalfOf).toMatchObject({
      capacity: '委托代理人',
      statement: `委托代理人 ${STRANGER.name} 代 委托人 ${SELLER_B.name}`,
    });
    await sign(p.buyer, c.caseId);
    await sign(p.sellerA, c.caseId);

    // every rendering names the agent and the principal: the buyer reads the names masked
    const seen = await p.buyer.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    expect(textOf(rendered(seen, 'applicationForm'))).toContain('委托代理人 许*芳 代 委托人 叶*华');
    expect(textOf(rendered(seen, 'contract'))).toContain('委托代理人 许*芳 代 委托人 叶*华');
    const agentRead = await p.stranger.get<BundleResponse>(
      `/representations/${opened.representationId}/bundle`,
    );
    const sellerBId = partyId(c, SELLER_B.name);
    expect(textOf(rendered(agentRead, `inquiry:${sellerBId}`))).toContain(
      `委托代理人 ${STRANGER.name} 代 委托人 ${SELLER_B.name}`,
    );
    const records = await p.buyer.get<SignaturesResponse>(`/cases/${c.caseId}/signatures`);
    expect(records.items.find((s) => s.partyId === sellerBId)?.onBehalfOf?.statement).toBe(
      '委托代理人 许*芳 代 委托人 叶*华',
    );

    const done = await submit(p.buyer, c.caseId, 'rep-submit-1');
    expect(done.statusCode).toBe(200);

    // after submission: the authority ends for what is to come, the application stands
    const revoked = await p.sellerB.post<RepresentationView>(
      `/representations/${opened.representationId}/revoke`,
    );
    expect(revoked.status).toBe('revoked');
    expect(revoked.revocationNote).toContain('已提交的申请继续有效');
    const after = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(after.status).not.toBe('withdrawn');
    expect(after.caseNumber).toBeTruthy();
    const again = await call(
      p.stranger,
      'PUT',
      `/representations/${opened.representationId}/inquiry`,
      { answers: SELLER_ANSWERS },
    );
    expect([again.statusCode, again.json().code]).toEqual([403, 'NO_STANDING']);
  });

  it('revoked before submission: the agent’s signature stops counting and they can act no more', async () => {
    const c = await openSale(p.buyer);
    await answer(p.sellerA, c, SELLER_A.name);
    const r = await p.sellerB.post<RepresentationView>(
      `/cases/${c.caseId}/representations`,
      { agent: STRANGER, basis: 'onlinePowerOfAttorney' },
      201,
    );
    await p.stranger.put(`/representations/${r.representationId}/inquiry`, {
      answers: SELLER_ANSWERS,
    });
    const made = await signFor(p.stranger, r);
    await sign(p.buyer, c.caseId);
    await sign(p.sellerA, c.caseId);
    // the principal sees it and revokes it
    const listed = await p.sellerB.get<RepresentationsResponse>(
      `/cases/${c.caseId}/representations`,
    );
    expect(listed.items.map((x) => [x.representationId, x.canRevoke])).toEqual([
      [r.representationId, true],
    ]);
    const revoked = await p.sellerB.post<RepresentationView>(
      `/representations/${r.representationId}/revoke`,
    );
    expect(revoked.status).toBe('revoked');
    const sigs = await p.sellerB.get<SignaturesResponse>(`/cases/${c.caseId}/signatures`);
    expect(sigs.items.find((s) => s.signatureId === made.signatureId)?.current).toBe(false);
    const early = await submit(p.buyer, c.caseId, 'rep-submit-2');
    expect([early.statusCode, early.json().code]).toEqual([409, 'SIGNATURES_INCOMPLETE']);
    const refused = await call(p.stranger, 'GET', `/representations/${r.representationId}/bundle`);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'NO_STANDING']);
    expect(refused.json().message).toMatch(/撤销/);
    // revoking twice changes nothing; the principal then signs herself
    await p.sellerB.post(`/representations/${r.representationId}/revoke`);
    await answer(p.sellerB, c, SELLER_B.name);
    const status = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    for (const [who, name] of [
      [p.buyer, BUYER.name],
      [p.sellerA, SELLER_A.name],
      [p.sellerB, SELLER_B.name],
    ] as const)
      if (!status.parties.find((x) => x.personId === partyId(status, name))?.signedAt)
        await sign(who, c.caseId);
    expect((await submit(p.buyer, c.caseId, 'rep-submit-3')).statusCode).toBe(200);
  });

  it('refuses without standing, an agent on the other side and a double agent, with nothing changed', async () => {
    const c = await openSale(p.buyer);
    const before = await count(h, 'case_representations');
    // the buyer as the seller's agent: 民法典 §168
    const other = await call(p.sellerB, 'POST', `/cases/${c.caseId}/representations`, {
      agent: BUYER,
      basis: 'onlinePowerOfAttorney',
    });
    expect([other.statusCode, other.json().code]).toEqual([422, 'REPRESENTATION_NOT_ALLOWED']);
    expect(other.json().message).toContain('第一百六十八条');
    // someone who is no party cannot appoint anyone (404: the case reveals nothing)
    const outsider = await call(p.stranger, 'POST', `/cases/${c.caseId}/representations`, {
      agent: SELLER_A,
      basis: 'onlinePowerOfAttorney',
    });
    expect(outsider.statusCode).toBe(404);
    expect(await count(h, 'case_representations')).toBe(before);

    // a notarised 委托书 waits for staff: until then the agent has no standing
    const notarised = await p.sellerB.post<RepresentationView>(
      `/cases/${c.caseId}/representations`,
      {
        agent: STRANGER,
        basis: 'notarisedPowerOfAttorney',
        upload: {
          contentType: 'image/png',
          dataBase64: Buffer.from(png(64, 48, 3)).toString('base64'),
        },
      },
      201,
    );
    expect(notarised.status).toBe('pendingReview');
    expect(notarised.reviewReasons.map((x) => x.explanation).join()).toContain('公证');
    const signaturesBefore = await count(h, 'case_signatures');
    const bundle = await p.sellerB.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    const attempt = await call(
      p.stranger,
      'POST',
      `/representations/${notarised.representationId}/signatures`,
      { handwriting: handwriting(9), bundleDigest: bundle.bundleDigest },
    );
    expect([attempt.statusCode, attempt.json().code]).toEqual([403, 'NO_STANDING']);
    expect(attempt.json().message).toContain('人工审核');
    expect(await count(h, 'case_signatures')).toBe(signaturesBefore);
    // staff review the notarised 委托书 and accept it: from then on the agent may act
    const staff = staffClient(h, await staffLogin(h));
    const listed = await staff.get<StaffRepresentationsResponse>(
      `/cases/${c.caseId}/representations`,
    );
    expect(listed.items[0]).toMatchObject({
      status: 'pendingReview',
      agentName: STRANGER.name,
      principalName: SELLER_B.name,
    });
    expect(listed.items[0].uploadSm3).toMatch(/^[0-9a-f]{64}$/);
    await staff.post(`/representations/${notarised.representationId}/decision`, {
      approve: true,
      note: '公证书经核验',
    });
    const nowStands = await call(
      p.stranger,
      'GET',
      `/representations/${notarised.representationId}/bundle`,
    );
    expect(nowStands.statusCode).toBe(200);
    // a second authority for the same party while one is live
    const twice = await call(p.sellerB, 'POST', `/cases/${c.caseId}/representations`, {
      agent: STRANGER,
      basis: 'onlinePowerOfAttorney',
    });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'REPRESENTATION_EXISTS']);
    // the agent of a seller may not act for the buyer as well
    const dual = await call(p.buyer, 'POST', `/cases/${c.caseId}/representations`, {
      agent: STRANGER,
      basis: 'onlinePowerOfAttorney',
    });
    expect([dual.statusCode, dual.json().code]).toEqual([422, 'REPRESENTATION_NOT_ALLOWED']);
    // someone else's authority is not found
    const foreign = await call(
      p.sellerA,
      'GET',
      `/representations/${notarised.representationId}/bundle`,
    );
    expect(foreign.statusCode).toBe(404);
    expect(await count(h, 'case_representations')).toBe(before + 1);
  });
});

describe('a 监护人 signs for a minor buyer', () => {
  /** a minor born 2015-06-01, whose mother (per 公安's household register) is 许慧芳 */
  const MINOR = (() => {
    const first17 = '33100220150601122';
    return { idNumber: first17 + citizenIdCheckChar(first17), name: '许小满' };
  })();

  beforeAll(async () => {
    await h.registry.sql.run(
      `INSERT INTO persons (person_id, kind, name, id_type, id_number) VALUES ('PMINOR1', 'natural', ?, 'citizenId', ?)`,
      [MINOR.name, MINOR.idNumber],
    );
    const mother = await h.registry.sql.get<{ person_id: string }>(
      'SELECT person_id FROM persons WHERE id_number = ?',
      [STRANGER.idNumber],
    );
    await h.registry.sql.run('INSERT INTO kinships (parent_id, child_id) VALUES (?, ?)', [
      mother!.person_id,
      'PMINOR1',
    ]);
  });

  it('the parent from the household register answers and signs for the minor through to submission', async () => {
    let c = await p.sellerA.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode: UNIT,
        parties: [{ ...MINOR, role: 'rightHolder' }],
        priceYuan: 1_500_000,
        newCoOwnership: 'sole',
        answers: SELLER_ANSWERS,
      },
      201,
    );
    const minorId = partyId(c, MINOR.name);
    const inv = await p.sellerA.post<{ code: string }>(
      `/cases/${c.caseId}/invitations`,
      { partyId: minorId },
      201,
    );
    // someone 公安 does not show as a parent is refused, nothing stored
    const before = await count(h, 'case_representations');
    const notParent = await call(p.buyer, 'POST', '/representations/guardianship', {
      code: inv.code,
    });
    expect([notParent.statusCode, notParent.json().code]).toEqual([422, 'GUARDIANSHIP_NOT_SHOWN']);
    expect(await count(h, 'case_representations')).toBe(before);

    const g = await p.stranger.post<RepresentationView>(
      '/representations/guardianship',
      { code: inv.code },
      201,
    );
    expect(g).toMatchObject({ kind: 'guardian', basis: 'householdRegister', status: 'active' });
    await p.stranger.put(`/representations/${g.representationId}/inquiry`, {
      answers: BUYER_ANSWERS,
    });
    c = await p.sellerA.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    await answer(p.sellerB, c, SELLER_B.name);
    const record = await signFor(p.stranger, g, 11);
    expect(record.onBehalfOf?.statement).toBe(`监护人 ${STRANGER.name} 代 被监护人 ${MINOR.name}`);
    await sign(p.sellerA, c.caseId);
    await sign(p.sellerB, c.caseId);

    const read = await p.stranger.get<BundleResponse>(
      `/representations/${g.representationId}/bundle`,
    );
    expect(textOf(rendered(read, 'applicationForm'))).toContain(
      `监护人 ${STRANGER.name} 代 被监护人 ${MINOR.name}`,
    );
    expect(textOf(rendered(read, `inquiry:${minorId}`))).toContain('监护人');
    const sellerRead = await p.sellerA.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
    expect(textOf(rendered(sellerRead, 'applicationForm'))).toContain(
      '监护人 许*芳 代 被监护人 许*满',
    );

    expect((await submit(p.sellerA, c.caseId, 'rep-submit-minor')).statusCode).toBe(200);
    // a guardianship arises by law: not revoked from the phone
    const rev = await call(p.stranger, 'POST', `/representations/${g.representationId}/revoke`);
    expect([rev.statusCode, rev.json().code]).toEqual([403, 'FORBIDDEN']);
  });
});
