/**
 * 窗口受理: the applicant's 询问笔录 is asked and recorded as given, witnessed by the staff member,
 * never filled in; and a joint purchase (two buyers, 共同共有) can be taken. An answer that is not
 * one of its question's choices, or a required question left unanswered, refuses the intake (422,
 * nothing stored) instead of being replaced by an answer the applicant never gave.
 */
import type { CaseDetail, StaffCaseDecisionResponse } from '../../mock-server/src/contract';
import { startHarness, type Harness } from './support/registry';
import { STAFF, staffClient, staffLogin } from './support/staff-client';
import { YANG, YING } from './support/business-types';

/** 海韵花园6幢1单元1203室 of 郑静, nothing registered against it. */
const PLAIN = {
  unit: '331022002008GB00162F00060001',
  idNumber: '331004198603249569',
  name: '郑静',
};

let h: Harness;
let api: ReturnType<typeof staffClient>;
beforeAll(async () => {
  h = await startHarness();
  api = staffClient(h, await staffLogin(h, { username: 'linxiaoyan', password: STAFF.password }));
});
afterAll(() => h.close());

const cases = async () =>
  ((await h.registry.sql.get('SELECT count(*) AS n FROM cases')) as { n: number }).n;

const jointPurchase = (answers?: Record<string, string>) => ({
  businessTypeCode: 'transfer.secondHandSale',
  unitCode: PLAIN.unit,
  parties: [
    { ...YING, role: 'rightHolder' },
    { ...YANG, role: 'rightHolder' },
    { idNumber: PLAIN.idNumber, name: PLAIN.name, role: 'obligor' },
  ],
  newCoOwnership: 'joint',
  ...(answers ? { answers } : {}),
});

it('refuses answers that are not one of the choices, and never fills in an unanswered 询问笔录', async () => {
  const before = await cases();
  // what the console used to send for joint buyers: 共同共有 is not a choice of 共有/单独所有
  const wrong = await api.post<{ code: string; message: string }>(
    '/counter-intake',
    jointPurchase({ truthful: '是', soleOrCoOwned: '共同共有', disputeOrSeizure: '否' }),
    422,
  );
  expect(wrong).toMatchObject({ code: 'INQUIRY_INVALID' });
  expect(wrong.message).toMatch(/单独所有、共有/);
  const unasked = await api.post<{ code: string; message: string }>(
    '/counter-intake',
    jointPurchase(),
    422,
  );
  expect(unasked).toMatchObject({ code: 'INQUIRY_INVALID' });
  expect(unasked.message).toMatch(/请回答询问/);
  expect(await cases()).toBe(before);
});

it('takes a joint purchase with the applicant answers as given, witnessed by the staff member', async () => {
  const given = {
    truthful: '是',
    soleOrCoOwned: '共有',
    coOwnershipKind: '共同共有',
    disputeOrSeizure: '否',
    mortgaged: '否',
  };
  const c: CaseDetail = (
    await api.post<StaffCaseDecisionResponse>('/counter-intake', jointPurchase(given), 201)
  ).case;
  expect(c.newCoOwnership).toBe('joint');
  expect(c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.name)).toEqual([
    YING.name,
    YANG.name,
  ]);
  expect(c.answers).toEqual(given);
  expect(c.timeline.find((t) => t.action === 'startSigning')?.note).toMatch(
    /询问笔录由申请人当面作答，经办人林晓燕见证并如实记录/,
  );
  const kept = (await h.registry.sql.all(
    // snake_case columns: PostgreSQL folds an unquoted alias to lower case
    'SELECT party_id, answers_json FROM signing_inquiries WHERE case_id = ?',
    [c.caseId],
  )) as { party_id: string; answers_json: string }[];
  expect(kept.map((k) => [k.party_id, JSON.parse(k.answers_json)])).toEqual([
    [c.parties[0].personId, given],
  ]);
});
