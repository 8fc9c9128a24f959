/**
 * 我的办件 is paged with a cursor: `limit` cases at a time, newest first, `nextCursor` while more
 * follow; following the cursors lists every case once. A cursor or limit that is not one of ours
 * is a 400 with a stable code and a Chinese message.
 */
import type { CaseListResponse } from '../../mock-server/src/contract';
import { client, login } from './support/cases-client';
import { startHarness, type Harness } from './support/registry';

const SELLER = { idNumber: '331081198512258315', name: '李国平' };
const BUYER = { idNumber: '331023196801208629', name: '应敏' };
const UNIT = '331004001005GB04397F00120001';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('我的办件 pages', () => {
  it('pages through every case once, newest first, and refuses a forged cursor', async () => {
    const token = await login(h, SELLER);
    const seller = client(h, token);
    const draft = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode: UNIT,
        parties: [{ ...BUYER, role: 'rightHolder' }],
        newCoOwnership: 'sole',
        priceYuan: 1_000_000,
      },
    });
    expect(draft.statusCode).toBe(201);
    const { caseId, createdAt } = draft.json() as { caseId: string; createdAt: string };
    // four earlier cases of the same person (copies of the draft's rows, as a register with a
    // history holds them), two of them created at the same instant
    const copies = ['A', 'B', 'C', 'D'];
    for (const [i, k] of copies.entries()) {
      const at = new Date(Date.parse(createdAt) - (1 + Math.floor(i / 2)) * 60_000).toISOString();
      const id = `${caseId}-${k}`;
      const row = await h.registry.sql.get<{ data_json: string }>(
        'SELECT data_json FROM cases WHERE case_id = ?',
        [caseId],
      );
      const data = { ...JSON.parse(row!.data_json), caseId: id, createdAt: at };
      await h.registry.sql.run(
        `INSERT INTO cases (case_id, case_number, business_type_code, status, unit_code, created_by,
           created_at, updated_at, manual_queue, version, data_json)
         SELECT ?, NULL, business_type_code, status, unit_code, created_by, ?, updated_at,
           manual_queue, version, ? FROM cases WHERE case_id = ?`,
        [id, at, JSON.stringify(data), caseId],
      );
      await h.registry.sql.run(
        'INSERT INTO case_parties (case_id, person_id, role) SELECT ?, person_id, role FROM case_parties WHERE case_id = ?',
        [id, caseId],
      );
    }
    const all = await seller.get<CaseListResponse>('/me/cases');
    expect(all.items).toHaveLength(5);
    expect(all.nextCursor).toBeUndefined();
    expect(all.items[0].caseId).toBe(caseId);

    const seen: string[] = [];
    let url = '/me/cases?limit=2';
    for (let page = 0; page < 5; page++) {
      const r = await seller.get<CaseListResponse>(url);
      expect(r.items.length).toBeLessThanOrEqual(2);
      seen.push(...r.items.map((x) => x.caseId));
      if (!r.nextCursor) break;
      url = `/me/cases?limit=2&cursor=${r.nextCursor}`;
    }
    expect(seen).toEqual(all.items.map((x) => x.caseId));

    for (const bad of ['cursor=bm90LWEtY3Vyc29y', 'cursor=%7B%7D', 'limit=0', 'limit=101']) {
      const r = await h.app.inject({
        method: 'GET',
        url: `/api/v1/me/cases?${bad}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((r.json() as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
