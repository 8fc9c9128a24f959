/**
 * The apply journey's helpers, shared by the tests/e2e/apply*.test.ts files: routes,
 * the two people of the sale, logging in by face, the wizard's steps, a 12-megapixel photo,
 * reading documents, drawing a signature and signing with the step-up face check.
 */
import type { Page } from 'playwright-core';
import { signInPhone } from './api';
import { CURRENT_PAGE, waitForStationed } from './app';
import { withSensorNoise } from './camera';
import type { E2E } from './harness';

export const LOGIN = '/#/pages/login/index';
export const FACE = '/#/pages/face/index';
export const APPLY = '/#/pages/apply/index';
export const SIGN = '/#/pages/apply/sign';
export const DETAIL = '/#/pages/apply/detail';

export const SELLER = {
  name: '潘晓东',
  idNumber: '331083197105287272',
  unit: '台州市天台县赤城街道书香府4幢1单元601室',
};
export const BUYER = { name: '应敏', idNumber: '331023196801208629', phone: '18856236963' };

export const here = (sel: string) => `${CURRENT_PAGE} ${sel}`;

/** A fresh phone whose camera has sensor noise. */
export async function phone(e2e: E2E): Promise<Page> {
  const { page } = await e2e.phone();
  await withSensorNoise(page);
  return page;
}

export async function faceCheckPasses(page: Page) {
  await page.locator(here('.face__result--success')).waitFor({ timeout: 60_000 });
}

export async function logIn(e2e: E2E, page: Page, who: { name: string; idNumber: string }) {
  await e2e.visit(page, LOGIN);
  await page.locator(here('.login-name input')).fill(who.name);
  await page.locator(here('.login-id input')).fill(who.idNumber);
  await page.locator(here('[role="checkbox"]')).click();
  await page.locator(here('.login-submit')).click();
  await waitForStationed(page, FACE);
  await faceCheckPasses(page);
}

/**
 * Signed in without the login and face screens (support/api.ts signInPhone): for tests whose
 * subject comes after the login. The next `e2e.visit` loads the app signed in.
 */
export async function signIn(e2e: E2E, page: Page, who: { name: string; idNumber: string }) {
  await signInPhone(page, e2e.baseURL, who);
}

export async function stepText(page: Page, text: string) {
  await page.locator(here('.apply-stepper__now'), { hasText: text }).waitFor({ timeout: 30_000 });
}

export async function clickButton(page: Page, name: string | RegExp) {
  await page.locator(CURRENT_PAGE).getByRole('button', { name }).first().click();
}

/** a 4000×3000 JPEG with noise, made in the page (a phone camera's 12 MP photo) */
export async function bigPhoto(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 4000;
    c.height = 3000;
    const ctx = c.getContext('2d')!;
    const g = ctx.createLinearGradient(0, 0, 4000, 3000);
    g.addColorStop(0, '#d9c9a3');
    g.addColorStop(1, '#5a6b7c');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 4000, 3000);
    ctx.fillStyle = '#222';
    ctx.font = '160px sans-serif';
    for (let i = 0; i < 12; i++)
      ctx.fillText(`不动产买卖合同 第${i + 1}页 ${Math.random()}`, 120, 240 + i * 220);
    for (let i = 0; i < 40000; i++) {
      ctx.fillStyle = `rgba(${(i * 37) % 255},${(i * 91) % 255},${(i * 13) % 255},0.5)`;
      ctx.fillRect(Math.random() * 4000, Math.random() * 3000, 6, 6);
    }
    const blob: Blob = await new Promise((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.95));
    const buf = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000)
      s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

export async function readAllDocuments(page: Page, scope: string) {
  const toggles = page.locator(here(`${scope} .bundle-doc__toggle`));
  await toggles.first().waitFor({ timeout: 30_000 });
  // the documents may be rendered again while they are read (a saved contract reloads the
  // bundle, and the contract form above it loads again): go over the unread ones until none is left
  for (let pass = 0; pass < 3; pass++) {
    // while the bundle loads again there are no documents at all: wait for them, never take
    // "nothing unread" from an empty list
    await toggles.first().waitFor({ timeout: 30_000 });
    const unread = page.locator(here(`${scope} .bundle-doc:not(.bundle-doc--read)`));
    const n = await unread.count();
    if (n === 0) return;
    for (let i = 0; i < n; i++) {
      const t = page
        .locator(here(`${scope} .bundle-doc:not(.bundle-doc--read)`))
        .first()
        .locator('.bundle-doc__toggle');
      if ((await t.count()) === 0) break;
      if ((await t.innerText()).includes('阅读')) await t.click();
      await page.waitForTimeout(100);
    }
  }
}

export async function drawSignature(page: Page) {
  const canvas = page.locator(here('.sig-pad__canvas'));
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const pts: Array<[number, number]> = [];
  for (let i = 0; i <= 30; i++) pts.push([0.1 + 0.8 * (i / 30), 0.5 + 0.3 * Math.sin(i / 3)]);
  await page.mouse.move(box.x + box.width * pts[0][0], box.y + box.height * pts[0][1]);
  await page.mouse.down();
  for (const [x, y] of pts.slice(1))
    await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 2 });
  await page.mouse.up();
}

/** The phone's own signature request (POST /cases/:id/signatures) answered with success. */
export const signatureAccepted = (page: Page, timeout = 120_000) =>
  page.waitForResponse(
    (r) =>
      /\/cases\/[^/]+\/signatures$/.test(new URL(r.url()).pathname) &&
      r.request().method() === 'POST' &&
      r.ok(),
    { timeout },
  );

/**
 * 确认签名 → signed. The server wants a face check less than 5 minutes old (STEP_UP_TTL_MS), and a
 * face login counts as one: `required` (a phone signed in over 浙里办, or long ago) expects the
 * step-up face page to open and return to `back`; `ifAsked` (a face login that may or may not
 * still be fresh, on a slow machine) goes through it only if it opens.
 */
export async function signWithFace(
  page: Page,
  back: string,
  faceCheck: 'required' | 'ifAsked' = 'required',
) {
  const signed = signatureAccepted(page);
  signed.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  await clickButton(page, '确认签名');
  const face = await Promise.race([
    waitForStationed(page, FACE, 30_000).then(
      () => true,
      () => false,
    ),
    signed.then(
      () => false,
      () => false,
    ),
  ]);
  if (faceCheck === 'required') expect(face).toBe(true);
  if (face) {
    await page.locator(here('.face__countdown')).waitFor({ timeout: 30_000 });
    await waitForStationed(page, back, 90_000);
  }
  await signed;
}

export async function answerInquiry(page: Page) {
  const q = (code: string) => page.locator(here(`[data-question="${code}"]`));
  await q('truthful').waitFor({ timeout: 30_000 });
  await q('truthful').getByRole('radio', { name: '是' }).click();
  if (await q('soleOrCoOwned').count())
    await q('soleOrCoOwned').getByRole('radio', { name: '单独所有' }).click();
  if (await q('disputeOrSeizure').count()) {
    // a blocking answer explains itself, then is corrected
    await q('disputeOrSeizure').getByRole('radio', { name: '是' }).click();
    await q('disputeOrSeizure').locator('.question__blocking').waitFor();
    await q('disputeOrSeizure').getByRole('radio', { name: '否' }).click();
  }
  await page.locator(here('.inquiry-save')).click();
}

/** 首页 → 我要申请 → 二手房买卖 → the seller's unit (logged in already) */
export async function startSale(e2e: E2E, seller: Page) {
  await e2e.visit(seller, '/#/pages/index/index');
  await seller.locator(here('.service-entry__button[data-key="apply"]')).click();
  await waitForStationed(seller, APPLY);
  await stepText(seller, '选择业务');
  await seller
    .locator(here('.apply-business__item'), { hasText: '二手房买卖转移登记' })
    .locator('[role="button"]')
    .click();
  await stepText(seller, '选择不动产');
  await seller
    .locator(here('.apply-unit'), { hasText: SELLER.unit })
    .locator('[role="button"]')
    .click();
}

/** 当事人: the buyer and the price, then 下一步 */
export async function fillBuyer(seller: Page, priceYuan = '1680000') {
  await stepText(seller, '当事人');
  await seller.locator(here('.holder-name input')).fill(BUYER.name);
  await seller.locator(here('.holder-id input')).fill(BUYER.idNumber);
  await seller.locator(here('.holder-phone input')).fill(BUYER.phone);
  await seller.locator(here('.apply-price input')).fill(priceYuan);
  await seller.locator(here('.apply-next')).click();
}

/** 申请材料: commits every promise offered (unless `keep` lists codes to leave), then 下一步 */
export async function finishMaterials(page: Page, keep: string[] = []) {
  await stepText(page, '申请材料');
  await page.locator(here('.material')).first().waitFor({ timeout: 30_000 });
  const open = () =>
    page
      .locator(here('.material'))
      .filter({ has: page.locator('.material__commit') })
      .filter({
        hasNot: page.locator(keep.map((k) => `[data-material="${k}"]`).join(',') || 'x-none'),
      });
  for (let n = await open().count(); n > 0; n = await open().count()) {
    const code = await open().first().getAttribute('data-material');
    await open().first().locator('.material__commit').click();
    await page
      .locator(here(`.material[data-material="${code}"] .material__committed`))
      .waitFor({ timeout: 30_000 });
  }
  await page.locator(here('.materials-next')).click();
}

/** A date `days` from today in Beijing, YYYY-MM-DD. */
export const beijingDateIn = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

export const CONTRACT = {
  priceYuan: '1680000',
  method: '商业贷款',
  handoverDate: beijingDateIn(45),
  fixtures: '空调两台、整体橱柜',
};

/**
 * A date chosen in a DateField (the platform's date picker): the picker reports the date as
 * its change event does when the user confirms the wheel. `field` is the field's class.
 */
export async function pickDate(page: Page, field: string, value: string) {
  await page.locator(here(`${field} taro-picker-core`)).evaluate((picker, v) => {
    picker.dispatchEvent(new CustomEvent('change', { detail: { value: v }, bubbles: true }));
  }, value);
}

/**
 * 预览文书 of a sale: the 网签 contract's terms, filled and saved when the form is open
 * (a saved contract shows as a summary and is left alone). The price comes from the 当事人 step
 * (never typed twice), the date from the date picker.
 */
export async function fillContract(page: Page, terms = CONTRACT) {
  const form = page.locator(here('.sale-contract'));
  await form.first().waitFor({ timeout: 30_000 });
  if ((await page.locator(here('.contract-save')).count()) === 0) return;
  expect(
    await page.locator(here('.sale-contract input[aria-label="成交价格（元）"]')).count(),
  ).toBe(0);
  await page.locator(here('.sale-contract [role="radio"]'), { hasText: terms.method }).click();
  await pickDate(page, '.contract-handover', terms.handoverDate);
  await page.locator(here('.sale-contract textarea')).fill(terms.fixtures);
  await page.locator(here('.contract-save')).click();
  await page.locator(here('.contract-edit')).waitFor({ timeout: 30_000 });
}

/** 预览文书 → 签名: (a sale's contract,) read all, start signing, draw, sign with a fresh face check */
export async function previewAndSign(page: Page) {
  await stepText(page, '预览文书');
  await fillContract(page);
  await readAllDocuments(page, '.apply-preview');
  await page.locator(here('.preview-next')).click();
  await stepText(page, '签名');
  await readAllDocuments(page, '.sign-panel');
  await drawSignature(page);
  await signWithFace(page, APPLY);
}

/** On 提交: invites the buyer and returns the 6-character code */
export async function inviteBuyer(seller: Page): Promise<string> {
  await stepText(seller, '提交');
  await seller.locator(here('.invite-button')).first().click();
  await seller.locator(here('.invitation')).first().waitFor({ timeout: 30_000 });
  return (await seller.locator(here('.invitation')).first().getAttribute('data-code'))!;
}

/** The buyer on her phone: log in, open the case by code */
export async function buyerOpensByCode(e2e: E2E, buyer: Page, code: string) {
  await logIn(e2e, buyer, BUYER);
  await e2e.visit(buyer, '/#/pages/cases/index');
  await buyer.locator(here('.invite-code input')).fill(code.toLowerCase());
  await buyer.locator(here('.invite-box__submit')).click();
  await waitForStationed(buyer, SIGN);
}

/** The case id of the wizard's draft, from the device cache */
export async function draftCaseId(page: Page): Promise<string> {
  const id = await page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (!k.includes('he.apply.draft')) continue;
      const raw = localStorage.getItem(k) ?? '';
      const m = /"caseId":"([^"]+)"/.exec(raw.replace(/\\"/g, '"'));
      if (m) return m[1];
    }
    return null;
  });
  if (!id) throw new Error('设备上没有草稿的办件编号');
  return id;
}

/** Polls `read` until `ok` holds for its value (or fails with the last value after `timeout`). */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeout = 30_000,
): Promise<T> {
  const end = Date.now() + timeout;
  let last: T;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > end) throw new Error(`等待超时，最后的值：${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * 缴税 on the taxpayer's own phone (docs/registry-facts.md §13): their own lines only, 缴纳税款
 * opens the confirmation that shows the amount (the same as the page's own total, line by line
 * with its rule), 确认并缴纳 asks for a fresh face check (STEP_UP_REQUIRED → the face page →
 * back; `faceCheck: 'required'` where the phone has had none in the last 5 minutes), and their
 * own sealed 完税证明 naming them is shown. `back` is the page the face check
 * returns to. `double` taps 确认并缴纳 twice (a double tap charges once). Returns the amount shown.
 */
export async function payOwnTax(
  page: Page,
  who: { name: string },
  options: { back?: string; double?: boolean; faceCheck?: 'required' | 'ifAsked' } = {},
): Promise<string> {
  const back = options.back ?? DETAIL;
  const pay = page.locator(here('.tax-pay'));
  await pay.waitFor({ timeout: 30_000 });
  for (const head of await page.locator(here('.tax-line__head')).allInnerTexts())
    expect(head).toContain(`纳税人 ${who.name}`);
  const total = /本人应缴合计\s*(¥[\d,]+\.\d{2})/.exec(
    await page.locator(here('.tax-total')).innerText(),
  )?.[1];
  expect(total).toBeDefined();
  expect(await pay.innerText()).toContain(total!);
  await pay.click();
  const confirm = page.locator(here('.tax-confirm'));
  await confirm.waitFor({ timeout: 10_000 });
  expect(await confirm.locator('.tax-confirm__total').innerText()).toContain(`本次缴纳：${total}`);
  const owed = await page.locator(here('.tax-line')).count();
  const exempt = await page.locator(here('.tax-line'), { hasText: '免征' }).count();
  expect(await confirm.locator('.tax-confirm__line').count()).toBe(owed - exempt);
  for (const rule of await confirm.locator('.tax-confirm__rule').allInnerTexts())
    expect(rule).toMatch(/^依据：.{8,}/);
  // 返回 leaves without paying; the pay button is there again
  await confirm.locator('.tax-confirm__back').click();
  await confirm.waitFor({ state: 'detached', timeout: 10_000 });
  await pay.click();
  await confirm.waitFor({ timeout: 10_000 });
  const ok = confirm.locator('.tax-confirm__ok');
  if (options.double) await ok.dblclick();
  else await ok.click();
  // the server wants a face check less than 5 minutes old (STEP_UP_TTL_MS): without one the face
  // page opens, then the same request goes again; one just taken for signing still counts
  const receipt = page.locator(here('.tax-receipt-view'));
  const face = await Promise.race([
    waitForStationed(page, FACE, 30_000).then(() => true),
    receipt.waitFor({ timeout: 30_000 }).then(() => false),
  ]);
  if (options.faceCheck === 'required') expect(face).toBe(true);
  if (face) {
    await page.locator(here('.face__countdown')).waitFor({ timeout: 30_000 });
    await waitForStationed(page, back, 90_000);
  }
  await receipt.waitFor({ timeout: 30_000 });
  expect(await receipt.locator('.tax-receipt-taxpayer').innerText()).toContain(who.name);
  return total!;
}
