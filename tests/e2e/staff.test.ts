/**
 * The staff console in chromium: a sale that the automatic review sent to
 * the manual queue (the unit carries an objection) is approved by a staff member in /staff;
 * the case's timeline — read by the buyer through the API and shown in the console — names
 * her for the steps she took. axe checks the console's login, queue and case pages.
 */
import type { Locator, Page } from 'playwright-core';
import type { CaseDetail } from '../../mock-server/src/contract';
import { eSign, httpParty } from '../server/support/cases-client';
import { checkA11y } from './support/a11y';
import { useE2E } from './support/harness';

const e2e = useE2E();

const BUYER = { idNumber: '331023196801208629', name: '应敏' };
/** docs/personas.md: 九龙府4幢3单元602室 of 黄志强 carries an objection. */
const SELLER = { idNumber: '33102219561030043X', name: '黄志强' };
const UNIT = '331002005008GB07196F00040001';
/** his wife: the home was bought during the marriage, so she consents */
const SPOUSE = { idNumber: '331004195501018846', name: '徐丽娟' };
const STAFF = { username: 'wangfang', password: 'Taizhou-staff-2026', name: '王芳' };

async function api<T>(path: string, init: { method?: string; token?: string; body?: object } = {}) {
  const res = await fetch(`${e2e.baseURL}/api/v1${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** 浙里办 simulator login with step-up, as tests/server/support/cases-client.ts does. */
async function citizen(who: { idNumber: string; name: string }): Promise<string> {
  const { ticketId } = await api<{ ticketId: string }>('/sim/zlb/tickets', {
    body: { idNumber: who.idNumber },
  });
  const s = await api<{ session: { token: string } }>('/auth/zlb/ticket', { body: { ticketId } });
  const token = s.session.token;
  const { passId } = await api<{ passId: string }>('/sim/zlb/zm-auth', {
    body: { certNo: who.idNumber, certName: who.name },
  });
  await api('/auth/zlb/step-up', { token, body: { passId } });
  return token;
}

/** A fresh face check on the session (paying tax asks for one, as signing does). */
async function stepUp(token: string, who: { idNumber: string; name: string }) {
  const { passId } = await api<{ passId: string }>('/sim/zlb/zm-auth', {
    body: { certNo: who.idNumber, certName: who.name },
  });
  await api('/auth/zlb/step-up', { token, body: { passId } });
}

interface OwnTax {
  canPay: boolean;
  assessment: { lines: { taxpayerId?: string; taxpayerName?: string }[]; totals: { all: number } };
}

/**
 * 缴税 per taxpayer (docs/registry-facts.md §13): each pays only their own lines, confirming whose
 * and how much, after a fresh face check. Answers whether this person owed anything.
 */
async function payOwnTax(
  caseId: string,
  token: string,
  who: { idNumber: string; name: string },
): Promise<boolean> {
  const tax = await api<OwnTax>(`/cases/${caseId}/tax`, { token });
  if (!tax.canPay) return false;
  for (const l of tax.assessment.lines) expect(l.taxpayerName).toBe(who.name);
  await stepUp(token, who);
  await api(`/cases/${caseId}/tax-payment`, {
    token,
    body: { taxpayerId: tax.assessment.lines[0].taxpayerId, amountFen: tax.assessment.totals.all },
  });
  return true;
}

async function queuedSale(): Promise<{
  caseId: string;
  buyer: string;
  seller: string;
  spouse: string;
}> {
  const [seller, buyer, spouse] = await Promise.all([
    citizen(SELLER),
    citizen(BUYER),
    citizen(SPOUSE),
  ]);
  // the seller opens the sale from their unit and names the buyer
  let c = await api<CaseDetail>('/cases', {
    token: seller,
    body: {
      businessTypeCode: 'transfer.secondHandSale',
      unitCode: UNIT,
      parties: [{ ...BUYER, role: 'rightHolder' }],
      newCoOwnership: 'sole',
      answers: { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' },
    },
  });
  await api(`/cases/${c.caseId}/start-signing`, { token: buyer, body: {} });
  await eSign(httpParty(e2e.baseURL, seller, SELLER), c.caseId);
  await eSign(httpParty(e2e.baseURL, buyer, BUYER), c.caseId);
  await eSign(httpParty(e2e.baseURL, spouse, SPOUSE), c.caseId);
  c = await api<CaseDetail>(`/cases/${c.caseId}/submit`, { token: buyer, body: {} });
  expect(c.status).toBe('review');
  expect(c.manualQueue?.reasons.map((r) => r.code)).toEqual(['restriction.objection']);
  return { caseId: c.caseId, buyer, seller, spouse };
}

async function openCaseFromQueue(page: Page, caseNumber: string) {
  await page.getByRole('link', { name: '人工审核队列' }).click();
  await page.getByRole('link', { name: caseNumber }).click();
  await page.getByRole('heading', { name: '办理决定' }).waitFor();
}

it('a case the automatic review sent to a person is approved in the console, under her name', async () => {
  const { caseId, buyer, seller, spouse } = await queuedSale();
  const caseNumber = (await api<CaseDetail>(`/cases/${caseId}`, { token: buyer })).caseNumber!;

  const context = await e2e.browser.newContext({
    baseURL: e2e.baseURL,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto('/staff');
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
    await checkA11y(page, '控制台登录');

    // wrong password first: a message, still on the login form
    await page.getByLabel('用户名').fill(STAFF.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expectStatus(page, '用户名或密码不正确');

    await page.getByLabel('密码').fill(STAFF.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('王芳（受理审核岗）').waitFor();
    // the session cookie is HttpOnly and SameSite=Strict
    const cookie = (await context.cookies()).find((c) => c.name === 'hh_staff')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    const row = page.getByRole('row').filter({ hasText: caseNumber });
    await containsText(row.getByRole('cell').nth(4), '异议');
    await checkA11y(page, '人工审核队列');

    await openCaseFromQueue(page, caseNumber);
    await checkA11y(page, '办件详情');
    await page.getByRole('button', { name: /审核通过/ }).click();
    await expectStatus(page, '已审核通过。办件状态：待缴税');

    // each taxpayer pays their own lines (the buyer owes 契税); the case waits for every one
    // of them; the objection then sends the case back to a person
    expect(await payOwnTax(caseId, buyer, BUYER)).toBe(true);
    for (const [token, who] of [
      [seller, SELLER],
      [spouse, SPOUSE],
    ] as const) {
      const before = await api<CaseDetail>(`/cases/${caseId}`, { token: buyer });
      if (await payOwnTax(caseId, token, who)) expect(before.status).toBe('taxPending');
    }
    await openCaseFromQueue(page, caseNumber);
    await page.getByLabel('备注').fill('异议人已起诉，经核查不影响本次转移登记');
    await page.getByRole('button', { name: '审核通过（核准）' }).click();
    // the app's words for the status: 已发证, or 已办结并归档 when already filed
    await expectStatus(page, /已审核通过。办件状态：已(发证|办结并归档)/);
    const timeline = page.locator('#timeline');
    await containsText(timeline, '核定 王芳');
    await containsText(timeline, '登簿 台州市自然资源和规划局');
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);

  // what the buyer sees: 王芳 on the steps she took, the institutions on the machine's
  const c = await api<CaseDetail>(`/cases/${caseId}`, { token: buyer });
  // issued, or already archived when the archive files completed cases at once
  expect(['issued', 'archived']).toContain(c.status);
  const staffSteps = c.timeline.filter((t) => t.actor.kind === 'staff');
  expect(staffSteps.map((t) => [t.step, t.to, t.actor.displayName])).toEqual([
    ['审核', 'taxPending', '王芳'],
    ['核定', 'approved', '王芳'],
  ]);
  expect(c.timeline.find((t) => t.step === '登簿')?.actor.displayName).toBe(
    '台州市自然资源和规划局',
  );
  expect(c.recording?.certificateNumber).toMatch(/^浙\(\d{4}\)台州市不动产权第\d{7}号$/);
});

async function expectStatus(page: Page, text: string | RegExp) {
  await page.locator('#status', { hasText: text }).waitFor({ timeout: 10_000 });
}

/** Waits until the locator's text contains `text` (playwright-core has no expect). */
async function containsText(loc: Locator, text: string) {
  await loc.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}
