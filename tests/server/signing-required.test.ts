/**
 * Online signing is an e-signature or nothing (电子签名法 §13–14): the old
 * plain `POST /cases/:id/sign` is gone, `sign` is offered only as the e-signature step, and a
 * case is submitted only with a current e-signature from every party — refused with
 * SIGNATURES_INCOMPLETE otherwise, changing nothing.
 */
import type { CaseDetail } from '../../mock-server/src/contract';
import { maskName } from '../../mock-server/src/domain/masking';
import { eSign } from './support/cases-client';
import {
  answer,
  count,
  openSale,
  parties,
  SELLER_A,
  startSigningHarness,
  type Client,
  type SigningHarness,
} from './support/signing';

let h: SigningHarness;
let p: Awaited<ReturnType<typeof parties>>;

beforeAll(async () => {
  h = await startSigningHarness();
  await h.app.ready();
  p = await parties(h);
});
afterAll(() => h.close());

const inject = (who: Client, method: 'GET' | 'POST', url: string, payload?: object) =>
  h.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${who.token}` },
    ...(payload ? { payload } : {}),
  });

const row = async (caseId: string) =>
  (await h.registry.sql.get(
    'SELECT status, version, case_number, data_json FROM cases WHERE case_id = ?',
    [caseId],
  )) as {
    status: string;
    version: number;
    case_number: string | null;
    data_json: string;
  };

describe('online signing only through an e-signature', () => {
  it('the plain sign route is gone for every party and records nothing', async () => {
    const c = await openSale(p.buyer);
    await answer(p.sellerA, c, SELLER_A.name);
    const before = await row(c.caseId);
    for (const who of [p.buyer, p.sellerA, p.sellerB]) {
      await who.post(`/cases/${c.caseId}/sign`, {}, 404);
      // also with a fresh step-up: still no such action
      const r = await inject(who, 'POST', `/cases/${c.caseId}/sign`, { version: c.version });
      expect(r.statusCode).toBe(404);
    }
    expect(await row(c.caseId)).toEqual(before);
    const seen = await p.buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    expect(seen.parties.every((x) => !x.signedAt)).toBe(true);
    expect(seen.timeline.some((t) => t.action === 'sign')).toBe(false);
  });

  it('submit without any e-signature is refused with SIGNATURES_INCOMPLETE and changes nothing', async () => {
    const c = await openSale(p.buyer);
    const before = await row(c.caseId);
    const events = await count(h, 'case_events');
    const r = await inject(p.buyer, 'POST', `/cases/${c.caseId}/submit`, {});
    expect([r.statusCode, r.json().code]).toEqual([409, 'SIGNATURES_INCOMPLETE']);
    // names who has not signed, masked for whoever submits (domain/masking.ts)
    expect(r.json().message).toContain(maskName(SELLER_A.name));
    expect(r.json().message).not.toContain(SELLER_A.name);
    expect(await row(c.caseId)).toEqual(before);
    expect(await count(h, 'case_events')).toBe(events);
  });

  it('a case whose parties are marked signed but hold no e-signature cannot be submitted', async () => {
    // e.g. a 'sign' recorded by the retired route: no exception for "no e-signatures at all"
    const c = await openSale(p.buyer);
    const data = JSON.parse((await row(c.caseId)).data_json) as CaseDetail;
    const at = new Date().toISOString();
    data.parties = data.parties.map((x) => ({ ...x, signedAt: at }));
    await h.registry.sql.run('UPDATE cases SET data_json = ? WHERE case_id = ?', [
      JSON.stringify(data),
      c.caseId,
    ]);
    const before = await row(c.caseId);
    const r = await inject(p.buyer, 'POST', `/cases/${c.caseId}/submit`, {});
    expect([r.statusCode, r.json().code]).toEqual([409, 'SIGNATURES_INCOMPLETE']);
    expect(await row(c.caseId)).toEqual(before);
    expect((await row(c.caseId)).case_number).toBeNull();
  });

  it('with every party’s current e-signature the same submit goes through', async () => {
    const c = await openSale(p.buyer);
    let seen = await eSign(p.buyer, c.caseId);
    expect(seen.availableActions).not.toContain('submit');
    const early = await inject(p.buyer, 'POST', `/cases/${c.caseId}/submit`, {});
    expect([early.statusCode, early.json().code]).toEqual([409, 'SIGNATURES_INCOMPLETE']);
    await eSign(p.sellerA, c.caseId, {
      answers: { truthful: '是', soleOrCoOwned: '共有', disputeOrSeizure: '否' },
    });
    seen = await eSign(p.sellerB, c.caseId);
    expect(seen.availableActions).toContain('submit');
    const done = await p.buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    expect(done.caseNumber).toBeDefined();
    expect(done.status).not.toBe('signing');
  });
});
