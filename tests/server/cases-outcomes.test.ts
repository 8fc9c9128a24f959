/**
 * Each kind of automatic outcome through the API: 补正通知书 then a corrected case, 不予受理通知书,
 * 不予登记通知书 (seizure; not all co-owners), and the manual queue (objection). Every notice is
 * sealed and delivered to every party.
 */
import type {
  CaseDetail,
  DocumentResponse,
  MessagesResponse,
  RegistryPublicKeyResponse,
} from '../../mock-server/src/contract';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { startHarness, type Harness } from './support/registry';
import { client, eSign, eSignSpouses, isNamed, login, payOwnTaxes } from './support/cases-client';

const BUYER = { idNumber: '331023196801208629', name: '应敏', role: 'rightHolder' as const };
const ANSWERS = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };
type Who = { idNumber: string; name: string };

describe('automatic outcomes through the API', () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    h = await startHarness();
    key = (
      (
        await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
      ).json() as RegistryPublicKeyResponse
    ).publicKey;
  });
  afterAll(() => h.close());

  async function submitted(unitCode: string, sellers: Who[], extra: object = {}, obligors?: Who[]) {
    const tokens = await Promise.all([...sellers, BUYER].map((w) => login(h, w)));
    const people = tokens.map((t) => client(h, t));
    const buyer = people.at(-1)!;
    // the (first) seller opens the sale from their unit and names the buyer
    let c = await people[0].post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode,
        parties: [BUYER, ...(obligors ?? []).map((o) => ({ ...o, role: 'obligor' }))],
        newCoOwnership: 'sole',
        answers: ANSWERS,
        ...extra,
      },
      201,
    );
    c = await people[0].post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    const signers = c.parties.map((p) => p.name);
    for (const [i, w] of [...sellers, BUYER].entries()) {
      if (signers.some((n) => isNamed(n, w.name))) c = await eSign(people[i], c.caseId);
    }
    await eSignSpouses(h, c);
    c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    return { c, buyer, people };
  }

  async function expectNotice(
    c: CaseDetail,
    who: ReturnType<typeof client>,
    title: string,
    reason: RegExp,
  ) {
    const n = c.notices.find((x) => x.title === title)!;
    expect(n).toBeDefined();
    const doc = await who.get<DocumentResponse>(`/cases/${c.caseId}/documents/${n.documentId}`);
    expect(verifySeal(doc.document as never, key)).toEqual({ valid: true });
    const body = doc.document.body as { reasons: { explanation: string }[]; addressees: string[] };
    expect(body.reasons.map((r) => r.explanation).join()).toMatch(reason);
    // the notice is addressed to every party by name (the reader sees the others masked in the case)
    for (const p of c.parties) expect(body.addressees.some((a) => isNamed(p.name, a))).toBe(true);
    const box = await who.get<MessagesResponse>('/me/messages');
    expect(box.items.some((m) => m.documentId === n.documentId)).toBe(true);
  }

  it('missing material → 补正通知书; answering the correction lets it through to the certificate', async () => {
    const sellers = [
      { idNumber: '331004198603249569', name: '郑静' }, // P010, sole owner, paper certificate
    ];
    const { c, buyer, people } = await submitted('331022002008GB00162F00060001', sellers, {
      materials: [{ code: 'filedContract', source: 'scan', status: 'unclear' }],
    });
    expect(c.status).toBe('correctionRequested');
    expect(c.correction!.items[0].explanation).toMatch(/无法辨认：网签买卖合同/);
    await expectNotice(c, people[0], '不动产登记补正材料通知书', /网签买卖合同/);
    let d = await buyer.post<CaseDetail>(`/cases/${c.caseId}/correction-answer`, {
      materials: [
        { code: 'filedContract', source: 'sharedData', status: 'provided', ref: '住建:网签' },
      ],
      note: '已授权共享网签合同',
    });
    expect(d.status).toBe('taxPending');
    // each taxpayer pays their own lines: the buyer's 契税, the seller's own where she owes
    d = await payOwnTaxes(people, c.caseId);
    expect(d.status).toBe('issued');
    expect(d.recording!.certificateNumber).toMatch(/^浙\(\d{4}\)三门县不动产权第\d{7}号$/);
  });

  it('seized unit → 不予登记通知书', async () => {
    const sellers = [
      { idNumber: '331081198903289936', name: '李伟' },
      { idNumber: '331022198706033560', name: '卢丹' },
    ];
    const { c, people } = await submitted('331023001004GB06142F00080001', sellers);
    expect(c.status).toBe('refused');
    expect(c.timeline.at(-1)!.actor.displayName).toBe('台州市不动产登记服务中心');
    await expectNotice(c, people[0], '不动产登记不予登记通知书', /查封/);
  });

  it('not all co-owners apply → 不予登记通知书', async () => {
    const seller = { idNumber: '331081198512258315', name: '李国平' };
    const { c, people } = await submitted('331004001005GB04397F00120001', [seller], {}, [seller]);
    // the buyer reads her own name in full and the seller's masked
    expect(c.parties.map((p) => p.name)).toEqual(['应敏', '李*平']);
    expect(c.status).toBe('refused');
    await expectNotice(c, people[0], '不动产登记不予登记通知书', /全部共有人/);
  });

  it('objection → manual queue, no notice, waiting for a staff member', async () => {
    const seller = { idNumber: '33102219561030043X', name: '黄志强' };
    const { c } = await submitted('331002005008GB07196F00040001', [seller]);
    expect(c.status).toBe('review');
    expect(c.manualQueue).toMatchObject({
      stage: 'review',
      reasons: [expect.objectContaining({ code: 'restriction.objection' })],
    });
    expect(c.notices.map((n) => n.title)).toEqual(['不动产登记受理凭证']);
    expect(c.availableActions).toEqual(['withdraw']);
  });

  it('unit outside Taizhou: not in the register, so online it answers like anybody else’s unit', async () => {
    // the 不予受理 rule itself (unit.inTaizhou) is covered in tests/unit/server/review.test.ts;
    // online nobody opens a case on a unit they do not stand on (docs/registry-facts.md §8)
    const seller = { idNumber: '331081198512258315', name: '李国平' };
    const token = await login(h, seller);
    const as = (unitCode: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          businessTypeCode: 'transfer.secondHandSale',
          unitCode,
          parties: [BUYER, { ...seller, role: 'obligor' }],
          newCoOwnership: 'sole',
          answers: ANSWERS,
        },
      });
    const outside = await as('330102001001GB00001F00010001');
    const others = await as('331002005008GB07196F00110001');
    expect(outside.statusCode).toBe(404);
    expect(others.statusCode).toBe(404);
    const body = (r: typeof outside) => {
      const { requestId: _r, ...rest } = r.json() as { requestId: string };
      return rest;
    };
    expect(body(outside)).toEqual(body(others));
    expect(body(outside)).toMatchObject({ code: 'UNIT_NOT_AVAILABLE' });
  });

  it('a party may withdraw before recording; afterwards nothing is offered', async () => {
    const seller = { idNumber: '331002196302095277', name: '应晓东' }; // P005 sole, 九龙府11幢204室
    const { c, buyer } = await submitted('331002005008GB07196F00110001', [seller]);
    expect(c.status).toBe('taxPending');
    const w = await buyer.post<CaseDetail>(`/cases/${c.caseId}/withdraw`);
    expect(w.status).toBe('withdrawn');
    expect(w.availableActions).toEqual([]);
    await buyer.post(`/cases/${c.caseId}/tax-payment`, {}, 409);
  });
});
