/**
 * The staff console API: its own login (scrypt), sessions separate from
 * citizens' (cookie + CSRF), the manual queue, decisions through the lifecycle with the staff
 * member's name on the timeline, sealed notices, counter intake, and the audit of every action.
 */
import type {
  CaseDetail,
  DocumentResponse,
  RegistryPublicKeyResponse,
  StaffCaseDecisionResponse,
  StaffCaseResponse,
  StaffQueueResponse,
} from '../../mock-server/src/contract';
import { BUREAU, SERVICE_CENTRE } from '../../mock-server/src/domain/cases';
import { verifySeal } from '../../mock-server/src/domain/documents';
import { startHarness, type Harness } from './support/registry';
import { client, eSign, eSignSpouses, login, payOwnTaxes } from './support/cases-client';
import { STAFF, staffClient, staffLogin } from './support/staff-client';

const BUYER = { idNumber: '331023196801208629', name: '应敏', role: 'rightHolder' as const };
const ANSWERS = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };
/** docs/personas.md: 九龙府4幢3单元602室 of 黄志强 carries an objection (manual queue). */
const OBJECTION = {
  unit: '331002005008GB07196F00040001',
  idNumber: '33102219561030043X',
  name: '黄志强',
};
/** 紫荆华庭6幢3单元2402室 of 周美华 carries a mortgage the bank has not consented to. */
const MORTGAGED = {
  unit: '331004001005GB04397F00060001',
  idNumber: '331024199402106780',
  name: '周美华',
};
/** 海韵花园6幢1单元1203室 of 郑静, nothing registered against it. */
const PLAIN = {
  unit: '331022002008GB00162F00060001',
  idNumber: '331004198603249569',
  name: '郑静',
};

type Who = { idNumber: string; name: string };

async function submitSale(h: Harness, unitCode: string, seller: Who) {
  const [st, bt] = await Promise.all([login(h, seller), login(h, BUYER)]);
  const sellerApi = client(h, st);
  const buyer = client(h, bt);
  // the seller opens the sale from their unit and names the buyer
  let c = await sellerApi.post<CaseDetail>(
    '/cases',
    {
      businessTypeCode: 'transfer.secondHandSale',
      unitCode,
      parties: [BUYER],
      newCoOwnership: 'sole',
      answers: ANSWERS,
    },
    201,
  );
  c = await sellerApi.post<CaseDetail>(`/cases/${c.caseId}/start-signing`);
  await eSign(sellerApi, c.caseId);
  await eSign(buyer, c.caseId);
  await eSignSpouses(h, c);
  c = await buyer.post<CaseDetail>(`/cases/${c.caseId}/submit`);
  return { c, buyer, seller: sellerApi, buyerToken: bt };
}

const auditRows = async (h: Harness, caseId?: string) =>
  (await h.registry.sql.all(
    `SELECT staff_id, staff_name, action, case_id, client_ip, outcome FROM staff_audit
        ${caseId ? 'WHERE case_id = ?' : ''} ORDER BY audit_id`,
    [...(caseId ? [caseId] : [])],
  )) as {
    staff_id: string | null;
    staff_name: string;
    action: string;
    case_id: string | null;
    client_ip: string;
    outcome: string;
  }[];

describe('staff console API', () => {
  let h: Harness;
  beforeAll(async () => {
    // the production cost of the password hashes (PASSWORD_SCRYPT_COST unset), not the
    // harnesses' cheaper one: the first test checks it
    h = await startHarness({ PASSWORD_SCRYPT_COST: '' });
    // the demo staff accounts are seeded when the app gets ready (their hashing is async)
    await h.app.ready();
  });
  afterAll(() => h.close());

  it('logs in with a scrypt-hashed password into an HttpOnly SameSite=Strict cookie; failures are audited', async () => {
    const stored = (await h.registry.sql.get(
      "SELECT password_hash FROM staff_accounts WHERE username = 'wangfang'",
    )) as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]{43}$/);
    expect(stored.password_hash).not.toContain(STAFF.password);

    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { username: 'wangfang', password: 'wrong' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();
    expect((await auditRows(h)).at(-1)).toMatchObject({
      action: 'loginFailed',
      outcome: 'refused',
    });

    const s = await staffLogin(h);
    expect(s.setCookie).toMatch(/HttpOnly/);
    expect(s.setCookie).toMatch(/SameSite=Strict/);
    expect(s.setCookie).toMatch(/Path=\//);
    const me = await staffClient(h, s).get<{ staff: { displayName: string }; csrfToken: string }>(
      '/session',
    );
    expect(me.staff.displayName).toBe('王芳');
    expect(me.csrfToken).toBe(s.csrf);
    expect((await auditRows(h)).at(-1)).toMatchObject({
      action: 'login',
      staff_name: '王芳',
      outcome: 'ok',
    });
    // only a hash of the session token is stored
    const tokens = (await h.registry.sql.all('SELECT token_hash FROM staff_sessions')) as {
      token_hash: string;
    }[];
    expect(tokens.map((t) => t.token_hash)).not.toContain(s.token);
  });

  it('citizen tokens do not open staff routes, and staff sessions do not open citizen routes', async () => {
    const citizen = await login(h, BUYER);
    const staff = await staffLogin(h);
    const asCitizenOnStaff = await h.app.inject({
      method: 'GET',
      url: '/api/v1/staff/queue',
      headers: { authorization: `Bearer ${citizen}` },
    });
    expect(asCitizenOnStaff.statusCode).toBe(401);
    const citizenTokenAsCookie = await h.app.inject({
      method: 'GET',
      url: '/api/v1/staff/queue',
      headers: { cookie: `hh_staff=${citizen}` },
    });
    expect(citizenTokenAsCookie.statusCode).toBe(401);
    for (const headers of [{ cookie: staff.cookie }, { authorization: `Bearer ${staff.token}` }]) {
      const r = await h.app.inject({ method: 'GET', url: '/api/v1/me/cases', headers });
      expect(r.statusCode).toBe(401);
    }
    // the citizen's own session still works, and so does the staff one
    expect(
      (
        await h.app.inject({
          method: 'GET',
          url: '/api/v1/me/cases',
          headers: { authorization: `Bearer ${citizen}` },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await h.app.inject({
          method: 'GET',
          url: '/api/v1/staff/queue',
          headers: { cookie: staff.cookie },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('a changing request without the session CSRF token is refused (403) and changes nothing', async () => {
    const s = await staffLogin(h);
    for (const headers of [
      { cookie: s.cookie },
      { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) },
    ]) {
      const r = await h.app.inject({
        method: 'POST',
        url: '/api/v1/staff/counter-intake',
        headers,
        payload: {
          businessTypeCode: 'transfer.secondHandSale',
          unitCode: PLAIN.unit,
          parties: [BUYER],
        },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('FORBIDDEN');
    }
    expect((await auditRows(h)).filter((a) => a.action === 'counterIntake')).toEqual([]);
  });

  it('objection case: queue → 王芳 approves (tax unpaid → 待缴税) → tax paid → back to her → approved, recorded and issued', async () => {
    const { c: submitted, buyer, seller } = await submitSale(h, OBJECTION.unit, OBJECTION);
    expect(submitted.manualQueue?.stage).toBe('review');
    const s = await staffLogin(h);
    const api = staffClient(h, s);

    const queue = await api.get<StaffQueueResponse>('/queue');
    const item = queue.items.find((i) => i.caseId === submitted.caseId)!;
    expect(item).toMatchObject({
      stage: 'review',
      location: '台州市椒江区下陈街道九龙府4幢3单元602室',
    });
    expect(item.reasons.map((r) => r.code)).toEqual(['restriction.objection']);

    const detail = await api.get<StaffCaseResponse>(`/cases/${submitted.caseId}`);
    const failed = detail.ruleResults.filter((r) => !r.passed).map((r) => r.code);
    expect(failed).toEqual(['restriction.objection', 'tax.paid']);
    expect(detail.taxOutstanding).toBe(true);
    expect(detail.decisions).toEqual(['approve', 'refuse']);
    // every material of the case in words, for the console's 申请材料 list
    for (const m of detail.case.materials)
      expect(detail.materialNames?.[m.code]).toMatch(/\p{Script=Han}/u);

    // a decision that does not fit the case is refused and audited
    await api.post(`/cases/${submitted.caseId}/decisions`, { decision: 'accept' }, 409);

    let c = (
      await api.post<StaffCaseDecisionResponse>(`/cases/${submitted.caseId}/decisions`, {
        decision: 'approve',
        note: '异议人已起诉，经核查不影响本次转移',
        version: detail.case.version,
      })
    ).case;
    expect(c.status).toBe('taxPending');
    expect(c.timeline.at(-1)).toMatchObject({
      step: '审核',
      to: 'taxPending',
      actor: { kind: 'staff', id: 'S001', displayName: '王芳' },
    });
    expect((await api.get<StaffQueueResponse>('/queue')).items.map((i) => i.caseId)).not.toContain(
      c.caseId,
    );

    // each taxpayer pays their own lines; the machine re-checks and hands it back to a person
    // (the objection stands)
    c = await payOwnTaxes([seller, buyer], c.caseId);
    expect(c.status).toBe('review');
    expect(c.manualQueue?.reasons.map((r) => r.code)).toEqual(['restriction.objection']);

    const again = await api.get<StaffCaseResponse>(`/cases/${c.caseId}`);
    expect(again.taxOutstanding).toBe(false);
    c = (
      await api.post<StaffCaseDecisionResponse>(`/cases/${c.caseId}/decisions`, {
        decision: 'approve',
      })
    ).case;
    expect(c.status).toBe('issued');

    // the party sees the same timeline: her name on her steps, the institutions on the machine's
    const mine = await buyer.get<CaseDetail>(`/cases/${c.caseId}`);
    const byStep = (step: string) =>
      mine.timeline.filter((t) => t.step === step).map((t) => t.actor.displayName);
    expect(byStep('核定')).toEqual(['王芳']);
    // 开始审核, 转人工, 王芳's review (待缴税), 转人工 again after the tax was paid
    expect(byStep('审核')).toEqual([
      SERVICE_CENTRE.displayName,
      SERVICE_CENTRE.displayName,
      '王芳',
      SERVICE_CENTRE.displayName,
    ]);
    expect(byStep('登簿')).toEqual([BUREAU.displayName]);
    expect(byStep('受理')).toEqual([SERVICE_CENTRE.displayName]);
    expect(mine.recording?.certificateNumber).toMatch(/^浙\(\d{4}\)台州市不动产权第\d{7}号$/);
    expect(
      mine.timeline.filter((t) => t.actor.kind === 'staff').every((t) => t.actor.id === 'S001'),
    ).toBe(true);

    expect((await auditRows(h, c.caseId)).map((a) => [a.action, a.outcome, a.staff_name])).toEqual([
      ['viewCase', 'ok', '王芳'],
      ['accept', 'refused', '王芳'],
      ['approve', 'ok', '王芳'],
      ['viewCase', 'ok', '王芳'],
      ['approve', 'ok', '王芳'],
    ]);
    expect((await auditRows(h, c.caseId)).every((a) => a.client_ip.length > 0)).toBe(true);
  });

  it('refusal needs reasons and yields a sealed 不予登记通知书 to every party', async () => {
    const { c: submitted, buyer } = await submitSale(h, MORTGAGED.unit, MORTGAGED);
    expect(submitted.manualQueue?.reasons.map((r) => r.code)).toEqual([
      'restriction.mortgageConsent',
    ]);
    const api = staffClient(
      h,
      await staffLogin(h, { username: 'chenjianguo', password: STAFF.password }),
    );
    const r = await api.post<{ code: string; message: string }>(
      `/cases/${submitted.caseId}/decisions`,
      { decision: 'refuse', reasons: ['  '] },
      400,
    );
    expect(r.message).toMatch(/必须写明理由/);
    const c = (
      await api.post<StaffCaseDecisionResponse>(`/cases/${submitted.caseId}/decisions`, {
        decision: 'refuse',
        reasons: ['抵押权人未同意转让，且未提交抵押权人同意书'],
      })
    ).case;
    expect(c.status).toBe('refused');
    expect(c.timeline.at(-1)).toMatchObject({ step: '审核', actor: { displayName: '陈建国' } });
    const notice = c.notices.find((n) => n.title === '不动产登记不予登记通知书')!;
    const doc = await buyer.get<DocumentResponse>(
      `/cases/${c.caseId}/documents/${notice.documentId}`,
    );
    const key = (
      (
        await h.app.inject({ method: 'GET', url: '/api/v1/registry/public-key' })
      ).json() as RegistryPublicKeyResponse
    ).publicKey;
    expect(verifySeal(doc.document as never, key)).toEqual({ valid: true });
    const body = doc.document.body as { reasons: { explanation: string }[]; addressees: string[] };
    expect(body.reasons.map((x) => x.explanation)).toEqual([
      '抵押权人未同意转让，且未提交抵押权人同意书',
    ]);
    expect(body.addressees).toEqual(expect.arrayContaining(['应敏', '周美华']));
    expect((await auditRows(h, c.caseId)).map((a) => [a.action, a.outcome])).toEqual([
      ['refuse', 'refused'],
      ['refuse', 'ok'],
    ]);
    // the party reads it rendered (other addressees masked); staff read the same renderer in full
    expect(doc.rendering?.kind).toBe('refusalNotice');
    const shown = JSON.stringify(doc.rendering);
    expect(shown).toContain('抵押权人未同意转让，且未提交抵押权人同意书');
    expect(shown).toContain('应敏');
    expect(shown).not.toContain('周美华');
    const detail = await api.get<StaffCaseResponse>(`/cases/${c.caseId}`);
    const forStaff = detail.documentRenderings?.find((x) => x.documentId === notice.documentId);
    expect(forStaff?.rendering.title).toBe('不动产登记不予登记通知书');
    expect(JSON.stringify(forStaff?.rendering)).toContain('周美华');
  });

  it('counter intake: 林晓燕 keys in a walk-in sale; it is processed like an online one', async () => {
    const api = staffClient(
      h,
      await staffLogin(h, { username: 'linxiaoyan', password: STAFF.password }),
    );
    const c = (
      await api.post<StaffCaseDecisionResponse>(
        '/counter-intake',
        {
          businessTypeCode: 'transfer.secondHandSale',
          unitCode: PLAIN.unit,
          parties: [BUYER, { idNumber: PLAIN.idNumber, name: PLAIN.name, role: 'obligor' }],
          newCoOwnership: 'sole',
          answers: ANSWERS,
          note: '申请人年事已高，不会使用手机',
        },
        201,
      )
    ).case;
    expect(c.caseNumber).toBeDefined();
    expect(c.status).toBe('taxPending');
    expect(c.timeline[0]).toMatchObject({
      step: '申请',
      actor: { kind: 'staff', displayName: '林晓燕' },
    });
    expect(
      c.timeline
        .filter((t) => t.action === 'sign')
        .map((t) => t.actor.displayName)
        .sort(),
      // 郑静's husband 颜晓东 consents at the counter too (common property)
    ).toEqual(['应敏', '郑静', '颜晓东'].sort());
    expect(c.timeline.find((t) => t.action === 'accept')?.actor).toEqual(SERVICE_CENTRE);
    expect(c.notices.map((n) => n.title)).toContain('不动产登记受理凭证');
    // the applicant sees it among their cases
    const mine = await client(h, await login(h, PLAIN)).get<{ items: CaseDetail[] }>('/me/cases');
    expect(mine.items.map((x) => x.caseId)).toContain(c.caseId);
    expect((await auditRows(h, c.caseId)).map((a) => [a.action, a.staff_name, a.outcome])).toEqual([
      ['counterIntake', '林晓燕', 'ok'],
    ]);
    // an applicant who is not in the population register is refused, and the attempt audited
    await api.post(
      '/counter-intake',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode: PLAIN.unit,
        parties: [{ ...BUYER, name: '应敏敏' }],
      },
      400,
    );
    expect((await auditRows(h)).at(-1)).toMatchObject({
      action: 'counterIntake',
      outcome: 'refused',
      case_id: null,
    });
  });

  it('logout ends the session; five wrong passwords lock the account name', async () => {
    const s = await staffLogin(h);
    await staffClient(h, s).post('/session/end', {}, 204);
    await staffClient(h, s).get('/session', 401);
    for (let i = 0; i < 5; i++) {
      const r = await h.app.inject({
        method: 'POST',
        url: '/api/v1/staff/session',
        payload: { username: 'linxiaoyan', password: `x${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await h.app.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { username: 'linxiaoyan', password: STAFF.password },
    });
    expect(locked.statusCode).toBe(429);
  });

  it('serves the console page with a strict CSP', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/staff' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('工作人员控制台');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const js = await h.app.inject({ method: 'GET', url: '/staff/console.js' });
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).not.toMatch(/innerHTML/);
    // the app's status words (one table, src/features/cases/labels.ts) and Beijing time
    expect(js.body).toContain('填写中');
    expect(js.body).not.toContain('草稿');
    expect(js.body).not.toMatch(/toLocale(Date|Time)?String/);
  });
});
