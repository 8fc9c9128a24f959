/**
 * Nobody learns who holds a unit by naming it (docs/registry-facts.md §8): a signed-in citizen
 * who holds nothing opens a sale on somebody else's unit by its unit code and gets the answer a
 * made-up unit code gets — no draft, no holders, no spouse, no 民政 or 公安 asked about the
 * strangers, nothing in the holders' case lists; every path that names a unit counts against
 * the one per-person limit (records queries about units the caller does not hold too). A party reading the archive of their own case sees the other
 * parties' ID numbers masked and their 民政 records withheld.
 */
import type { ArchivePackageResponse, CaseListResponse } from '../../mock-server/src/contract';
import { SimulatedDataSource } from '../../mock-server/src/adapters/data-sources/simulatedSource';
import { maskName } from '../../mock-server/src/domain/masking';
import { CERTIFICATE_LOOKUPS_PER_WINDOW } from '../../mock-server/src/usecases/cases/certificateLookupLimit';
import { issuedSale, SELLER_A, SELLER_B, BUYER } from './support/archive-fixture';
import { client, login } from './support/cases-client';
import {
  PAN,
  PAN_CERT,
  PAN_UNIT,
  XU,
  XU_CAIYUN,
  XU_UNIT,
  YANG,
  YANG_UNIT,
  YING,
} from './support/business-types';
import { startHarness, type Harness } from './support/registry';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const cases = async () =>
  Number(((await h.registry.sql.get('SELECT COUNT(*) AS n FROM cases')) as { n: number }).n);

const open = (token: string, payload: object) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { authorization: `Bearer ${token}` },
    payload,
  });
const sale = (target: { unitCode?: string; certificateNumber?: string }) => ({
  businessTypeCode: 'transfer.secondHandSale',
  ...target,
  parties: [{ ...YING, role: 'rightHolder' }],
  newCoOwnership: 'sole',
  priceYuan: 1_000_000,
});
/** the answer without its request id: what the caller learns */
const answer = (r: { statusCode: number; json(): unknown }) => {
  const { requestId: _r, ...rest } = r.json() as { requestId: string };
  return { status: r.statusCode, ...rest };
};

describe('a unit code names nothing the caller does not stand on', () => {
  it("someone else's unit answers exactly like a made-up one: no draft, no holders, no outside source asked", async () => {
    const token = await login(h, YING);
    const yang = client(h, await login(h, YANG));
    const before = await cases();
    const yangsCases = (await yang.get<CaseListResponse>('/me/cases')).items.length;
    const asked = jest.spyOn(SimulatedDataSource.prototype, 'fetch');
    try {
      const married = await open(token, sale({ unitCode: YANG_UNIT }));
      const unknown = await open(token, sale({ unitCode: '331023001004GB06142F99990001' }));
      const others = await open(token, sale({ unitCode: PAN_UNIT }));
      expect(answer(married)).toEqual(answer(unknown));
      expect(answer(others)).toEqual(answer(unknown));
      expect(answer(married)).toMatchObject({ status: 404, code: 'UNIT_NOT_AVAILABLE' });
      for (const r of [married, unknown, others]) {
        expect(r.body).not.toContain(YANG.name);
        expect(r.body).not.toContain(XU_CAIYUN.name);
        expect(r.body).not.toContain(PAN.name);
        expect(r.body).not.toMatch(/\d{17}[\dX]/);
      }
      // the registry asked no outside source (民政, 公安, …) on the stranger's behalf
      expect(asked).not.toHaveBeenCalled();
    } finally {
      asked.mockRestore();
    }
    expect(await cases()).toBe(before);
    // nothing appears in the holder's case list
    expect((await yang.get<CaseListResponse>('/me/cases')).items).toHaveLength(yangsCases);
  });

  it("the holder opens their own unit by its code and sees their spouse from 民政's answer", async () => {
    const yang = await login(h, YANG);
    const r = await open(yang, {
      ...sale({ unitCode: YANG_UNIT }),
      parties: [{ ...PAN, role: 'rightHolder' }],
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().parties.map((p: { name: string }) => p.name)).toEqual(
      // the holder in full; the spouse and the buyer named masked (domain/masking.ts)
      expect.arrayContaining([YANG.name, maskName(XU_CAIYUN.name), maskName(PAN.name)]),
    );
  });

  it('certificate numbers and unit codes share one per-person limit, counted in the store', async () => {
    // a fresh person: 应敏 already spent lookups above; 蒋慧芳 holds only an advance notice
    const JIANG = { idNumber: '331022196111150080', name: '蒋慧芳' };
    const token = await login(h, JIANG);
    const by = (i: number) =>
      i % 2 === 0
        ? sale({ certificateNumber: `浙(2023)天台县不动产权第${String(9_800_000 + i)}号` })
        : sale({
            unitCode: i === 1 ? PAN_UNIT : `331023001004GB06142F9${String(i).padStart(3, '0')}0001`,
          });
    for (let i = 0; i < CERTIFICATE_LOOKUPS_PER_WINDOW; i++) {
      const r = await open(token, { ...by(i), parties: [{ ...JIANG, role: 'rightHolder' }] });
      expect(r.statusCode).toBe(404);
    }
    const stored = Number(
      (
        (await h.registry.sql.get(
          `SELECT COUNT(*) AS n FROM certificate_lookups WHERE person_id = (SELECT person_id FROM persons WHERE id_number = ?)`,
          [JIANG.idNumber],
        )) as { n: number }
      ).n,
    );
    expect(stored).toBe(CERTIFICATE_LOOKUPS_PER_WINDOW);
    for (const target of [{ unitCode: YANG_UNIT }, { certificateNumber: PAN_CERT }]) {
      const r = await open(token, {
        ...sale(target),
        parties: [{ ...JIANG, role: 'rightHolder' }],
      });
      expect(r.statusCode).toBe(429);
      expect(r.json()).toMatchObject({ code: 'RATE_LIMITED' });
      expect(r.body).not.toContain(YANG.name);
    }
  });
});

describe('records queries name units too', () => {
  it('a query about a unit the caller does not hold counts against the same limit as opening a case', async () => {
    const token = await login(h, XU);
    const query = (unitCode: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/records-queries',
        headers: { authorization: `Bearer ${token}` },
        payload: { role: 'interestedParty', purpose: 'purchase', unitCode },
      });
    // her own unit is not a lookup of somebody else's
    expect((await query(XU_UNIT)).statusCode).toBeLessThan(429);
    for (let i = 0; i < CERTIFICATE_LOOKUPS_PER_WINDOW; i++)
      expect((await query(i % 2 ? PAN_UNIT : YANG_UNIT)).statusCode).not.toBe(429);
    const limited = await query(PAN_UNIT);
    expect(limited.statusCode).toBe(429);
    const opened = await open(token, {
      ...sale({ unitCode: YANG_UNIT }),
      parties: [{ ...XU, role: 'rightHolder' }],
    });
    expect([opened.statusCode, opened.json().code]).toEqual([429, 'RATE_LIMITED']);
  });
});

describe('the archive of a case, read by one of its parties', () => {
  it("masks the other parties' ID numbers and withholds their 民政 and 公安 records", async () => {
    const { c, buyer } = await issuedSale(h);
    // issuedSale waits until the case is filed
    const read = await buyer.get<ArchivePackageResponse>(`/cases/${c.caseId}/archive`);
    const text = JSON.stringify(read.items);
    for (const other of [SELLER_A, SELLER_B]) expect(text).not.toContain(other.idNumber);
    // her own records stay whole: she reads her own ID number and her own 民政 answer
    expect(text).toContain(BUYER.idNumber);
    type Rec = { query: { kind: string; idNumber?: string }; data: unknown };
    const records = read.items
      .map((x) => (x.json as { body?: { record?: Rec } } | undefined)?.body?.record)
      .filter((r): r is Rec => !!r && r.query.kind === 'marriage');
    const others = records.filter((r) => r.query.idNumber !== BUYER.idNumber);
    expect(others.length).toBeGreaterThanOrEqual(2);
    for (const r of others) expect(r.data).toBeNull();
    const mine = read.items.filter((x) => JSON.stringify(x.json ?? '').includes(BUYER.idNumber));
    expect(mine.length).toBeGreaterThan(0);
    expect(read.items.some((x) => x.masked)).toBe(true);
  });
});
