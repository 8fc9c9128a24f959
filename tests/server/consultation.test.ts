/**
 * 在线咨询 — the FAQ (≥ 30 entries, each with its source) searched by Chinese
 * substrings, questions to the registry (general or about one's own case, else 404), staff list
 * and answer behind the staff session + CSRF, every answer audited and delivered to the asker's
 * message box.
 */
import type {
  CaseDetail,
  ConsultationQuestion,
  FaqResponse,
  MyQuestionsResponse,
  StaffQuestion,
  StaffQuestionsResponse,
} from '../../mock-server/src/contract';
import { FAQ, searchFaq } from '../../mock-server/src/domain/consultation';
import { startHarness, type Harness } from './support/registry';
import { client, login } from './support/cases-client';
import { staffClient, staffLogin } from './support/staff-client';

const ASKER = { idNumber: '331023196801208629', name: '应敏' };
const OTHER = { idNumber: '331004198603249569', name: '郑静' };
const PLAIN_UNIT = '331022002008GB00162F00060001'; // 郑静's, nothing registered against it

describe('在线咨询', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('has at least 30 FAQ entries in Chinese, each with tags and a source', () => {
    expect(FAQ.length).toBeGreaterThanOrEqual(30);
    expect(new Set(FAQ.map((e) => e.id)).size).toBe(FAQ.length);
    for (const e of FAQ) {
      expect(e.question).toMatch(/[\u4e00-\u9fff]/);
      expect(e.answer.length).toBeGreaterThan(10);
      expect(e.tags.length).toBeGreaterThan(0);
      expect(e.source).not.toBe('');
    }
    for (const topic of [
      '无纸化',
      '刷脸',
      '电子签名',
      '共享',
      '上传',
      '承诺',
      '契税',
      '工作日',
      '核验',
      '查询',
      '档案',
      '长辈版',
    ])
      expect(searchFaq(topic).length).toBeGreaterThan(0);
  });

  it('searches the FAQ by Chinese substrings, best match first', async () => {
    const all = await h.app.inject({ method: 'GET', url: '/api/v1/consultation/faq' });
    expect(all.statusCode).toBe(200);
    expect((all.json() as FaqResponse).items.length).toBe(FAQ.length);

    const get = async (q: string) => {
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/v1/consultation/faq?q=${encodeURIComponent(q)}`,
      });
      expect(res.statusCode).toBe(200);
      return res.json() as FaqResponse;
    };
    const tax = await get('契税');
    expect(tax.items.length).toBeGreaterThan(0);
    expect(
      tax.items.every((i) => `${i.question}${i.answer}${i.tags.join()}`.includes('契税')),
    ).toBe(true);
    expect(tax.total).toBe(FAQ.length);
    // a whole sentence still finds the entry by its pieces
    const face = await get('刷脸登录有效吗');
    expect(face.items[0].question).toContain('刷脸');
    // two words: the entry with both ranks first
    const e = await get('电子证书 核验');
    expect(e.items[0].id).toBe('faq-26');
    expect((await get('量子纠缠')).items).toEqual([]);
    const long = await h.app.inject({
      method: 'GET',
      url: `/api/v1/consultation/faq?q=${'查'.repeat(101)}`,
    });
    expect(long.statusCode).toBe(400);
  });

  it('a question asked in the app is answered by staff, audited, and reaches the asker', async () => {
    const asker = client(h, await login(h, ASKER, false));
    const other = client(h, await login(h, OTHER, false));
    const q = await asker.post<ConsultationQuestion>(
      '/consultation/questions',
      { topic: 'general', text: '  二手房过户后原来的纸质证书要交回吗？ ' },
      201,
    );
    expect(q).toMatchObject({
      topic: 'general',
      status: 'open',
      text: '二手房过户后原来的纸质证书要交回吗？',
    });
    // the question is the asker's only
    expect((await other.get<MyQuestionsResponse>('/consultation/questions/mine')).items).toEqual(
      [],
    );
    expect((await asker.get<MyQuestionsResponse>('/consultation/questions/mine')).items).toEqual([
      q,
    ]);

    // staff: without a session 401, without the CSRF token 403
    const unauth = await h.app.inject({
      method: 'GET',
      url: '/api/v1/staff/consultation/questions',
    });
    expect(unauth.statusCode).toBe(401);
    const s = await staffLogin(h);
    const staff = staffClient(h, s);
    const open = await staff.get<StaffQuestionsResponse>('/consultation/questions');
    expect(open.items.find((x) => x.questionId === q.questionId)).toMatchObject({
      askerName: '应敏',
      status: 'open',
    });
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: `/api/v1/staff/consultation/questions/${q.questionId}/answer`,
      headers: { cookie: s.cookie },
      payload: { answer: '不用交回。' },
    });
    expect(noCsrf.statusCode).toBe(403);
    // a citizen's Bearer token means nothing on the staff side
    const bearer = await h.app.inject({
      method: 'GET',
      url: '/api/v1/staff/consultation/questions',
      headers: { authorization: `Bearer ${await login(h, ASKER, false)}` },
    });
    expect(bearer.statusCode).toBe(401);

    const answered = await staff.post<StaffQuestion>(
      `/consultation/questions/${q.questionId}/answer`,
      { answer: '不用交回，原纸质证书由登记机构公告作废。' },
    );
    expect(answered).toMatchObject({ status: 'answered', answeredBy: '王芳' });
    await staff.post(`/consultation/questions/${q.questionId}/answer`, { answer: '再答一次' }, 409);
    await staff.post('/consultation/questions/QST-nope/answer', { answer: '答复' }, 404);
    expect(
      (await staff.get<StaffQuestionsResponse>('/consultation/questions')).items.some(
        (x) => x.questionId === q.questionId,
      ),
    ).toBe(false);

    const mine = await asker.get<MyQuestionsResponse>('/consultation/questions/mine');
    expect(mine.items[0]).toMatchObject({
      status: 'answered',
      answer: '不用交回，原纸质证书由登记机构公告作废。',
      answeredBy: '王芳',
    });
    const messages = await asker.get<{ items: { title: string; body: string }[] }>('/me/messages');
    const msg = messages.items.find((m) => m.title === '您的咨询已答复');
    expect(msg?.body).toContain('原纸质证书由登记机构公告作废');
    expect(msg?.body).toContain('纸质证书要交回吗');

    const audit = (await h.registry.sql
      .all(`SELECT staff_name, action, outcome, detail_json FROM staff_audit
          WHERE action = 'answerQuestion' ORDER BY audit_id`)) as {
      staff_name: string;
      outcome: string;
      detail_json: string;
    }[];
    expect(audit.map((a) => a.outcome)).toEqual(['ok', 'refused', 'refused']);
    expect(audit[0].staff_name).toBe('王芳');
    expect(JSON.parse(audit[0].detail_json).questionId).toBe(q.questionId);
    // the answer cannot be changed behind the application's back
    await expect(
      h.registry.sql.run("UPDATE consultation_questions SET answer = 'x' WHERE question_id = ?", [
        q.questionId,
      ]),
    ).rejects.toMatchObject({ message: expect.stringMatching(/answered once/) });
  });

  it('a question about a case must be about one of the caller’s own cases', async () => {
    const owner = client(h, await login(h, OTHER, false));
    const c = await owner.post<CaseDetail>(
      '/cases',
      {
        businessTypeCode: 'transfer.secondHandSale',
        unitCode: PLAIN_UNIT,
        parties: [{ ...ASKER, role: 'rightHolder' }],
        newCoOwnership: 'sole',
        answers: { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' },
      },
      201,
    );
    const q = await owner.post<ConsultationQuestion>(
      '/consultation/questions',
      { topic: 'case', caseId: c.caseId, text: '我的办件什么时候能办完？' },
      201,
    );
    expect(q).toMatchObject({ topic: 'case', caseId: c.caseId });
    // a stranger's question about that case: 404 like a case that does not exist
    const stranger = client(
      h,
      await login(h, { idNumber: '33100319750804648X', name: '许慧芳' }, false),
    );
    await stranger.post(
      '/consultation/questions',
      { topic: 'case', caseId: c.caseId, text: '这个办件怎么样了？' },
      404,
    );
    await stranger.post(
      '/consultation/questions',
      { topic: 'case', caseId: 'CASE-nope', text: '这个办件怎么样了？' },
      404,
    );
    await owner.post('/consultation/questions', { topic: 'case', text: '没有办件号' }, 400);
    await owner.post(
      '/consultation/questions',
      { topic: 'general', caseId: c.caseId, text: '一般咨询带办件' },
      400,
    );
    await owner.post('/consultation/questions', { topic: 'general', text: '   ' }, 400);
    await owner.post('/consultation/questions', { topic: 'general', text: '问'.repeat(501) }, 400);
    const anon = await h.app.inject({
      method: 'POST',
      url: '/api/v1/consultation/questions',
      payload: { topic: 'general', text: '未登录' },
    });
    expect(anon.statusCode).toBe(401);

    // staff answer a case question: the message points at the case, the audit names it
    const staff = staffClient(h, await staffLogin(h));
    const listed = await staff.get<StaffQuestionsResponse>('/consultation/questions');
    expect(listed.items.find((x) => x.questionId === q.questionId)).toMatchObject({
      topic: 'case',
      caseId: c.caseId,
      askerName: '郑静',
      businessTypeCode: 'transfer.secondHandSale',
    });
    await staff.post(`/consultation/questions/${q.questionId}/answer`, {
      answer: '草稿尚未提交，提交后 3 个工作日内办结。',
    });
    const msgs = await owner.get<{ items: { caseId?: string; title: string }[] }>('/me/messages');
    expect(msgs.items.find((m) => m.title === '您的咨询已答复')?.caseId).toBe(c.caseId);
    const row = (await h.registry.sql.get(
      "SELECT case_id FROM staff_audit WHERE action = 'answerQuestion' AND outcome = 'ok' ORDER BY audit_id DESC LIMIT 1",
    )) as { case_id: string };
    expect(row.case_id).toBe(c.caseId);
  });

  it('the staff console has the 咨询答复 section', async () => {
    const js = await h.app.inject({ method: 'GET', url: '/staff/console.js' });
    expect(js.body).toMatch(/title: ["']咨询答复["']/);
    expect(js.body).toContain('/consultation/questions');
  });
});
