/**
 * The family business types applied for online over HTTP, each from draft to its recorded result
 * (docs/registry-facts.md §15): 赠与 (the gift contract in the bundle both sides sign), 夫妻加名
 * (the holder adds the spouse), 离婚析产 (the divorced holders give the unit to one of them) and
 * 继承 (heirs from 公安's shared data; one heir renounces, which the counter confirms under
 * 电子签名法 §3; the 继承公告 lapses by itself on an injected clock, working-day aware).
 */
import type { CaseDetail } from '../../mock-server/src/contract';
import { client, eSign, eSignSpouses, login } from './support/cases-client';
import { startSigningHarness, type SigningHarness } from './support/signing';
import { PAN, PAN_UNIT, YING } from './support/business-types';

let h: SigningHarness;
beforeAll(async () => {
  h = await startSigningHarness({ MACHINE_SWEEP_SECONDS: '1' });
});
afterAll(() => h.close());

type Who = { idNumber: string; name: string };
const as = async (who: Who) => client(h, await login(h, who));
const holdersOf = async (unitCode: string) =>
  (
    (await h.registry.sql.all(
      `SELECT p.name FROM rights r JOIN right_holders x ON x.right_id = r.right_id
       JOIN persons p ON p.person_id = x.person_id
       WHERE r.unit_code = ? AND r.status = 'current' ORDER BY p.name`,
      [unitCode],
    )) as { name: string }[]
  ).map((r) => r.name);

/** signs as every party (each on their own session), pays the tax when asked, and submits */
async function signAndSubmit(c: CaseDetail, signers: Who[]): Promise<CaseDetail> {
  const first = await as(signers[0]);
  c = await first.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  for (const who of signers) c = await eSign(await as(who), c.caseId);
  c = await eSignSpouses(h, c);
  return first.post<CaseDetail>(`/cases/${c.caseId}/submit`);
}

describe('赠与', () => {
  it('the donor gives the unit to the donee; both sign the gift contract; recorded in the donee’s name', async () => {
    const pan = await as(PAN);
    let c = await pan.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.gift',
        unitCode: PAN_UNIT,
        parties: [{ ...YING, role: 'rightHolder' }],
        newCoOwnership: 'sole',
        answers: {
          truthful: '是',
          giftWithoutPayment: '是',
          donorRelation: '其他',
          soleOrCoOwned: '单独所有',
          disputeOrSeizure: '否',
        },
      },
      201,
    );
    expect(c.parties.map((p) => [p.name, p.role])).toEqual(
      expect.arrayContaining([
        [PAN.name, 'obligor'],
        [YING.name, 'rightHolder'],
      ]),
    );
    // the gift contract is in the bundle and both sides' signatures cover it
    const bundle = await (await as(YING)).get<{
      documents: { id: string; title: string; body: { text: string } }[];
      coveredDocumentIds: string[];
    }>(`/cases/${c.caseId}/bundle`);
    const gift = bundle.documents.find((d) => d.id === 'giftContract')!;
    expect(gift.title).toBe('赠与合同');
    expect(gift.body.text).toContain('无偿赠与');
    expect(bundle.coveredDocumentIds).toContain('giftContract');
    c = await signAndSubmit(c, [PAN, YING]);
    expect(c.status).toBe('taxPending');
    c = await (await as(YING)).post<CaseDetail>(`/cases/${c.caseId}/tax-payment`);
    expect(c.status).toBe('issued');
    expect(await holdersOf(PAN_UNIT)).toEqual([YING.name]);
  });
});
