/**
 * 归档 is shown apart from the outcome for every finished case: an issued case (status
 * archived once filed), a refused one and a withdrawn one each answer `outcome` and `archive`
 * (filed, with its archive number) — the refused and withdrawn ones keep their status, so the
 * status alone never said they were filed. A case still in process has neither.
 */
import type { CaseDetail } from '../../mock-server/src/contract';
import { startHarness, type Harness } from './support/registry';
import { client, eSign, eSignSpouses, isNamed, login, payOwnTaxes } from './support/cases-client';

const BUYER = { idNumber: '331023196801208629', name: '应敏', role: 'rightHolder' as const };
const ANSWERS = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };
const ARCHIVE_NUMBER = /^台不动产档〔\d{4}〕第\d{6}号$/;
type Who = { idNumber: string; name: string };

describe('archive state of finished cases', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  async function submitted(unitCode: string, sellers: Who[], extra: object = {}) {
    const tokens = await Promise.all([...sellers, BUYER].map((w) => login(h, w)));
    const people = tokens.map((t) => client(h, t));
    const buyer = people.at(-1)!;
    // the (first) seller opens the sale from their unit and names the buyer
    let c = await people[0].post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode,
        parties: [BUYER],
        newCoOwnership: 'sole',
        answers: ANSWERS,
        ...extra,
      },
      201,
    );
    c = await people[0].post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
    const signers = c.parties.map((p) => p.name);
    for (const [i, w] of [...sellers, BUYER].entries())
      if (signers.some((n) => isNamed(n, w.name))) c = await eSign(people[i], c.caseId);
    await eSignSpouses(h, c);
    c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
    return { c, buyer, people };
  }

  /** the case once the archive has filed it (filing runs right after the case finishes) */
  async function filed(buyer: ReturnType<typeof client>, caseId: string): Promise<CaseDetail> {
    for (;;) {
      const c = await buyer.get<CaseDetail>(`/cases/${caseId}`);
      if (c.archive?.filed) return c;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('a refused case: outcome refused, filed with its archive number, status still refused', async () => {
    const sellers = [
      { idNumber: '331081198903289936', name: '李伟' },
      { idNumber: '331022198706033560', name: '卢丹' },
    ];
    const { c, buyer } = await submitted('331023001004GB06142F00080001', sellers);
    expect(c.status).toBe('refused');
    expect(c.outcome).toBe('refused');
    const f = await filed(buyer, c.caseId);
    expect(f.status).toBe('refused');
    expect(f.archive).toEqual({
      filed: true,
      archiveNumber: expect.stringMatching(ARCHIVE_NUMBER),
      filedAt: expect.any(String),
    });
  });

  it('a withdrawn case and an issued one: each its outcome and its filing', async () => {
    const seller = { idNumber: '331004198603249569', name: '郑静' }; // P010, sole owner
    const { c, buyer } = await submitted('331022002008GB00162F00060001', [seller], {
      materials: [{ code: 'filedContract', source: 'scan', status: 'unclear' }],
    });
    // still in process: no outcome, no archive state
    expect(c.status).toBe('correctionRequested');
    expect(c.outcome).toBeUndefined();
    expect(c.archive).toBeUndefined();
    const w = await buyer.post<CaseDetail>(`/cases/${c.caseId}/withdraw`);
    expect(w.status).toBe('withdrawn');
    expect(w.outcome).toBe('withdrawn');
    const wf = await filed(buyer, c.caseId);
    expect(wf.status).toBe('withdrawn');
    expect(wf.archive?.archiveNumber).toMatch(ARCHIVE_NUMBER);

    const again = await submitted('331022002008GB00162F00060001', [seller]);
    let d = again.c;
    // each taxpayer pays their own lines
    if (d.status === 'taxPending') d = await payOwnTaxes(again.people, d.caseId);
    expect(d.status).toBe('issued');
    expect(d.outcome).toBe('issued');
    const df = await filed(again.buyer, d.caseId);
    expect(df.status).toBe('archived');
    expect(df.outcome).toBe('issued');
    expect(df.archive?.archiveNumber).toMatch(ARCHIVE_NUMBER);
    expect(df.archive?.archiveNumber).not.toBe(wf.archive?.archiveNumber);
  });
});
