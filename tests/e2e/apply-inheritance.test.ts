/**
 * End to end: 继承 with two heirs on separate phones, one renouncing. 郑静 (P010), sole holder of
 * 海韵花园6幢1单元1203室, has died; 公安's household register (set up below, as 公安 would hold it)
 * lists her husband 颜晓东 (P009, from the marriage register) and her mother 应敏 (P048). 颜晓东
 * opens the case over the API (the app has no entry for a deceased relative's unit yet); the
 * mother, on her own phone, taps 放弃继承 and reads what 电子签名法 §3 still asks; both answer
 * their 询问笔录 and sign on their own phones; he submits. The renunciation goes to the counter
 * (staff approve once she signed it in person); each taxpayer sees their own tax on their own
 * phone (he confirms his, she has none); then the 继承公告 shows on his phone.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { maskName } from '../../mock-server/src/domain/masking';
import { apiLogin } from './support/api';
import {
  DETAIL,
  SIGN,
  drawSignature,
  here,
  payOwnTax,
  phone as phoneOf,
  readAllDocuments,
  signIn as signInAs,
  signWithFace,
} from './support/apply';
import { useE2E } from './support/harness';
import type { Page } from 'playwright-core';

const e2e = useE2E();
jest.setTimeout(300_000);

const SPOUSE = { name: '颜晓东', idNumber: '331023198210175692' };
const MOTHER = { name: '应敏', idNumber: '331023196801208629' };
const UNIT = '331022002008GB00162F00060001';
const STAFF = { username: 'wangfang', password: 'Taizhou-staff-2026' };

const phone = () => phoneOf(e2e);
const signIn = (page: Page, who: { name: string; idNumber: string }) => signInAs(e2e, page, who);

async function answer(page: Page, answers: Record<string, string>) {
  const q = (code: string) => page.locator(here(`[data-question="${code}"]`));
  await q('truthful').waitFor({ timeout: 30_000 });
  for (const [code, value] of Object.entries(answers))
    await q(code).getByRole('radio', { name: value }).click();
  await page.locator(here('.inquiry-save')).click();
}

/**
 * an heir answers (`inquiry`: unless they answered when opening the case) and signs on their
 * own phone
 */
async function signOnPhone(page: Page, caseId: string, inquiry: boolean) {
  await e2e.visit(page, `${SIGN}?caseId=${encodeURIComponent(caseId)}`);
  if (!inquiry) {
    // the applicant answered with the application: straight to reading and signing
    await page.locator(here('.sign-panel')).waitFor({ timeout: 30_000 });
    expect(await page.locator(here('[data-question="truthful"]')).count()).toBe(0);
  } else
    await answer(page, {
      truthful: '是',
      allHeirsListed: '是',
      willOrAgreement: '否',
      heirsDispute: '否',
      soleOrCoOwned: '单独所有',
      disputeOrSeizure: '否',
    });
  await readAllDocuments(page, '.sign-panel');
  await drawSignature(page);
  await signWithFace(page, SIGN);
  await page.locator(here('.cosign-done')).waitFor({ timeout: 30_000 });
}

test('继承 with two heirs on their own phones: the mother renounces (counter confirms, 电子签名法 §3), the 继承公告 shows', async () => {
  // 公安's household register: 郑静 died, 应敏 is her mother
  const db = new Database(path.join(e2e.server.dataDir, 'registry.sqlite'));
  try {
    db.prepare("INSERT INTO deaths (person_id, died_on) VALUES ('P010', '2026-10-01')").run();
    db.prepare("INSERT INTO kinships (parent_id, child_id) VALUES ('P048', 'P010')").run();
  } finally {
    db.close();
  }

  const api = await apiLogin(e2e.baseURL, SPOUSE);
  const created = await api.call<{ caseId: string; parties: { name: string; role: string }[] }>(
    'POST',
    '/cases',
    {
      businessTypeCode: 'transfer.inheritance',
      unitCode: UNIT,
      newCoOwnership: 'joint',
      answers: {
        truthful: '是',
        allHeirsListed: '是',
        willOrAgreement: '否',
        heirsDispute: '否',
        soleOrCoOwned: '共有',
        coOwnershipKind: '共同共有',
        disputeOrSeizure: '否',
      },
    },
  );
  const caseId = created.caseId;
  // the spouse reads her own name in full and the mother's masked (domain/masking.ts)
  expect(created.parties.map((p) => p.name)).toEqual([SPOUSE.name, maskName(MOTHER.name)]);

  // her phone: the case offers 放弃继承 and says what 电子签名法 §3 still asks
  const mother = await phone();
  await signIn(mother, MOTHER);
  await e2e.visit(mother, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
  const note = mother.locator(here('.inheritance-choice__note'));
  await note.waitFor({ timeout: 30_000 });
  expect(await note.innerText()).toContain('电子签名法');
  await mother.locator(here('.case-renounce-inheritance')).click();
  await mother.locator(here('.case-accept-inheritance')).waitFor({ timeout: 30_000 });
  await e2e.checkA11y(mother, '继承 · 放弃继承');

  // he starts the signing; each signs on their own phone
  await api.call('POST', `/cases/${caseId}/start-signing`, {});
  const spouse = await phone();
  await signIn(spouse, SPOUSE);
  await signOnPhone(spouse, caseId, false);
  await signOnPhone(mother, caseId, true);

  // he submits (over the API: the submit screen is the sale tests' subject)
  await api.call('POST', `/cases/${caseId}/submit`, {});

  // the counter: she signed the 放弃继承声明 in person; staff approve (tax paid when asked,
  // each taxpayer on their own phone)
  const login = await fetch(`${e2e.baseURL}/api/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(STAFF),
  });
  const cookie = `hh_staff=${/hh_staff=([^;]+)/.exec(String(login.headers.get('set-cookie')))![1]}`;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const detail = `${DETAIL}?caseId=${encodeURIComponent(caseId)}`;
  for (let i = 0; i < 6; i++) {
    const c = await api.call<{ status: string; manualQueue?: unknown; version: number }>(
      'GET',
      `/cases/${caseId}`,
    );
    if (c.status === 'approved') break;
    if (c.status === 'taxPending') {
      // each taxpayer pays their own lines on their own phone: she renounced and owes nothing;
      // he confirms his (a statutory heir's, exempt: 契税法 §6) after a fresh face check
      await e2e.visit(mother, detail);
      await mother.locator(here('.tax-none')).waitFor({ timeout: 30_000 });
      expect(await mother.locator(here('.tax-pay')).count()).toBe(0);
      await e2e.visit(spouse, detail);
      await payOwnTax(spouse, SPOUSE);
      continue;
    }
    if (!c.manualQueue) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    const res = await fetch(`${e2e.baseURL}/api/v1/staff/cases/${caseId}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({
        decision: 'approve',
        note: '放弃继承的继承人应敏已到窗口当面签署放弃继承声明',
        version: c.version,
      }),
    });
    expect(res.status).toBe(200);
  }

  // his phone shows the 继承公告 and when it ends
  await e2e.visit(spouse, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
  const notice = spouse.locator(here('.announcement__due'));
  await notice.waitFor({ timeout: 30_000 });
  expect(await notice.innerText()).toMatch(/公告期至\d{4}-\d{2}-\d{2}/);
  expect(await spouse.locator(here('.case-detail')).getAttribute('data-status')).toBe('approved');
});
