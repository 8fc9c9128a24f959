/**
 * Records query and consultation end to end: a right holder queries one of their units on 权属查询 and
 * downloads the sealed 查询结果证明; an interested party (purpose, a photo of the proof of interest, one
 * unit) sees only the four permitted facts; a question asked on 在线咨询 is answered by 王芳 in the
 * staff console and the answer reaches the asker. Each phone is signed in over the API (the face
 * login is login.test.ts's subject); axe on every page in both modes (support/harness.ts).
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { checkA11y } from './support/a11y';
import { signInPhone } from './support/api';
import { CURRENT_PAGE, waitForStationed } from './support/app';
import { withSensorNoise } from './support/camera';
import { useE2E } from './support/harness';

const e2e = useE2E();
jest.setTimeout(180_000);

const QUERY = '/#/pages/query/index';
const CONSULT = '/#/pages/consult/index';

/** docs/personas.md: P001 holds 紫荆华庭12幢3单元2303室 jointly with his wife 叶美华. */
const HOLDER = { name: '李国平', idNumber: '331081198512258315', unit: '紫荆华庭12幢3单元2303室' };
/** P048 应敏 holds nothing; she asks about a seized unit (tests/server/query.test.ts). */
const BUYER = { name: '应敏', idNumber: '331023196801208629' };
const SEIZED = '331023001004GB06142F00080001';

const here = (sel: string) => `${CURRENT_PAGE} ${sel}`;

/**
 * A phone signed in over the API (the face login is login.test.ts's subject, not this file's),
 * its camera with sensor noise for the step-up face check a query asks for.
 */
async function logIn(who: { name: string; idNumber: string }): Promise<Page> {
  const { page } = await e2e.phone();
  await withSensorNoise(page);
  await signInPhone(page, e2e.baseURL, who);
  return page;
}

/** a phone photo of a purchase intention letter, made in the page */
async function proofPhoto(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 1200;
    c.height = 900;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#f4efe2';
    ctx.fillRect(0, 0, 1200, 900);
    ctx.fillStyle = '#222';
    ctx.font = '60px sans-serif';
    ctx.fillText('购房意向书', 420, 200);
    const blob: Blob = await new Promise((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.9));
    const buf = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000)
      s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

const factKeys = (page: Page) =>
  page.locator(here('.rq-fact')).evaluateAll((els) => els.map((e) => e.getAttribute('data-fact')));

it('a right holder queries their unit and downloads the sealed result', async () => {
  const page = await logIn(HOLDER);
  await e2e.visit(page, '/#/pages/index/index');
  await page.locator(here('.service-entry__button[data-key="holdings"]')).click();
  await waitForStationed(page, QUERY);
  const unit = page.locator(here('.rq-unit'), { hasText: HOLDER.unit });
  await unit.waitFor({ timeout: 30_000 });
  await e2e.checkA11y(page, '权属查询 · 选择不动产');
  await unit.locator('.rq-unit__query').click();
  const result = page.locator(here('.rq-result'));
  await result.waitFor({ timeout: 30_000 });
  expect(await result.innerText()).toMatch(/台不动产查〔\d{4}〕第\d{7}号/);
  const keys = await factKeys(page);
  expect(keys).toEqual(expect.arrayContaining(['location', 'holders', 'history', 'files']));
  expect(await page.locator(here('.rq-fact[data-fact="holders"]')).innerText()).toContain('李国平');
  await e2e.checkA11y(page, '权属查询 · 查询结果（权利人）');

  const download = page.waitForEvent('download');
  await page.locator(here('.rq-result__download')).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^查询结果证明-.+\.json$/);
  const doc = JSON.parse(fs.readFileSync((await file.path())!, 'utf8')) as {
    body: { facts: { holders: { name: string }[] }; unit: { location: string } };
    seal: { algorithm: string; signature: string };
  };
  expect(doc.seal.algorithm).toBe('SM2-with-SM3');
  expect(doc.body.unit.location).toContain(HOLDER.unit);
  expect(doc.body.facts.holders.map((h) => h.name)).toContain('李国平');
  await page.locator(here('.rq-result__status'), { hasText: '已下载' }).waitFor();
});

it('an interested party sees only the permitted facts', async () => {
  const page = await logIn(BUYER);
  await e2e.visit(page, QUERY);
  await page.locator(here('.rq-radio[data-value="interested"]')).click();
  await page.locator(here('.rq-form')).waitFor();
  await page.locator(here('.rq-radio[data-value="purchase"]')).click();
  await page.locator(here('.rq-radio[data-value="unitCode"]')).click();
  await page.locator(here('#rq-unit')).fill(SEIZED);
  // without proof: refused on the phone with the reason
  await page.locator(here('.rq-submit')).click();
  await page.locator(here('.rq-error'), { hasText: '利害关系证明' }).waitFor();
  await e2e.checkA11y(page, '权属查询 · 利害关系人');

  const photo = await proofPhoto(page);
  const chooser = page.waitForEvent('filechooser');
  await page.locator(here('.rq-proof__camera')).click();
  await (await chooser).setFiles({ name: 'proof.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator(here('.rq-proof__done')).waitFor({ timeout: 30_000 });
  await page.locator(here('.rq-submit')).click();
  const result = page.locator(here('.rq-result'));
  await result.waitFor({ timeout: 30_000 });
  const keys = await factKeys(page);
  expect(keys).not.toContain('holders');
  expect(keys).not.toContain('history');
  expect(keys).not.toContain('files');
  expect(keys).not.toContain('certificateNumber');
  expect(keys).toEqual(
    expect.arrayContaining(['location', 'coOwnership', 'mortgage', 'objection', 'seized']),
  );
  expect(await page.locator(here('.rq-fact[data-fact="seized"]')).innerText()).toContain('已查封');
  const text = await result.innerText();
  expect(text).not.toMatch(/李伟|卢丹|\d{17}[\dX]/);
  expect(text).toContain('拟购买该不动产');
  await e2e.checkA11y(page, '权属查询 · 查询结果（利害关系人）');
});

it('a question asked in the app is answered from the staff console and reaches the user', async () => {
  const page = await logIn(BUYER);
  await e2e.visit(page, '/#/pages/index/index');
  await page.locator(here('.service-entry__button[data-key="consultation"]')).click();
  await waitForStationed(page, CONSULT);
  await page.locator(here('.faq')).first().waitFor({ timeout: 30_000 });
  await page.locator(here('#faq-q')).fill('契税');
  await page.locator(here('.consult__search-button')).click();
  const first = page.locator(here('.faq')).first();
  await first.waitFor();
  await first.locator('.faq__question').click();
  expect(await first.locator('.faq__answer').innerText()).toContain('契税');
  await e2e.checkA11y(page, '在线咨询 · 搜索结果');

  const question = `过户后原来的纸质房产证还要交回吗？${Date.now()}`;
  await page.locator(here('#ask-text')).fill(question);
  await page.locator(here('.consult__ask')).click();
  await page.locator(here('.consult__note'), { hasText: '已提交' }).waitFor({ timeout: 15_000 });
  const mine = page.locator(here('.question'), { hasText: question });
  await mine.locator('.question__open').waitFor();

  const answer = '不用交回，原纸质证书由登记机构公告作废，不再收回。';
  const context = await e2e.browser.newContext({
    baseURL: e2e.baseURL,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const errors: string[] = [];
  try {
    const staff = await context.newPage();
    staff.on('pageerror', (err) => errors.push(err.message));
    await staff.goto('/staff');
    await staff.getByLabel('用户名').fill('wangfang');
    await staff.getByLabel('密码').fill('Taizhou-staff-2026');
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByText('王芳（受理审核岗）').waitFor();
    await staff.getByRole('link', { name: '咨询答复' }).click();
    const item = staff.locator('li.question', { hasText: question });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.innerText()).toContain('应敏');
    await checkA11y(staff, '控制台 · 咨询答复');
    await item.getByLabel('答复').fill(answer);
    await item.getByRole('button', { name: '发送答复' }).click();
    await staff.locator('#status', { hasText: '已答复 应敏' }).waitFor({ timeout: 10_000 });
    await staff.locator('li.question', { hasText: question }).waitFor({ state: 'detached' });
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);

  // the asker: the answer under 我的提问 …
  await page.locator(here('.consult__refresh')).click();
  await mine.locator('.question__answer', { hasText: answer }).waitFor({ timeout: 15_000 });
  expect(await mine.locator('.question__answer').innerText()).toContain('王芳');
  await e2e.checkA11y(page, '在线咨询 · 已答复');
  // … and in her message box
  const token = await page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const v = localStorage.getItem(localStorage.key(i)!) ?? '';
      const m = /"token":"([A-Za-z0-9_-]{16,128})"/.exec(v);
      if (m) return m[1];
    }
    return '';
  });
  const res = await fetch(`${e2e.baseURL}/api/v1/me/messages`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const box = (await res.json()) as { items: { title: string; body: string }[] };
  expect(box.items.find((m) => m.title === '您的咨询已答复')?.body).toContain(answer);
});
