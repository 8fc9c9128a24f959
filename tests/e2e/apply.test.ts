/**
 * Issue 6 end to end: a second-hand sale applied for from two phones (two browser contexts) —
 * seller 潘晓东 (P035, sole holder of 书香府4幢1单元601室) starts it, the buyer 应敏 (P048) signs on
 * her own phone through the 6-character invitation code — from face login to the issued
 * certificate. Fake camera with sensor noise for every face check (login and the step-up before
 * each signature), a generated 12-megapixel photo for the materials (compressed on the phone),
 * signatures drawn with page.mouse, and a reload mid-way that loses nothing.
 */
import type { Page } from 'playwright-core';
import { CURRENT_PAGE, waitForStationed } from './support/app';
import { withSensorNoise } from './support/camera';
import { useE2E } from './support/harness';

const e2e = useE2E();
jest.setTimeout(300_000);

const LOGIN = '/#/pages/login/index';
const FACE = '/#/pages/face/index';
const APPLY = '/#/pages/apply/index';
const SIGN = '/#/pages/apply/sign';
const DETAIL = '/#/pages/cases/detail';

const SELLER = {
  name: '潘晓东',
  idNumber: '331083197105287272',
  unit: '台州市天台县赤城街道书香府4幢1单元601室',
};
const BUYER = { name: '应敏', idNumber: '331023196801208629', phone: '18856236963' };

const here = (sel: string) => `${CURRENT_PAGE} ${sel}`;

async function phone(): Promise<Page> {
  const { page } = await e2e.phone();
  await withSensorNoise(page);
  return page;
}

async function faceCheckPasses(page: Page) {
  await page.locator(here('.face__result--success')).waitFor({ timeout: 60_000 });
}

async function logIn(page: Page, who: { name: string; idNumber: string }) {
  await e2e.visit(page, LOGIN);
  await page.locator(here('.login-name input')).fill(who.name);
  await page.locator(here('.login-id input')).fill(who.idNumber);
  await page.locator(here('[role="checkbox"]')).click();
  await page.locator(here('.login-submit')).click();
  await waitForStationed(page, FACE);
  await faceCheckPasses(page);
}

async function stepText(page: Page, text: string) {
  await page.locator(here('.apply-stepper__now'), { hasText: text }).waitFor({ timeout: 30_000 });
}

async function clickButton(page: Page, name: string | RegExp) {
  await page.locator(CURRENT_PAGE).getByRole('button', { name }).first().click();
}

/** a 4000×3000 JPEG with noise, made in the page (a phone camera's 12 MP photo) */
async function bigPhoto(page: Page): Promise<Buffer> {
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

async function readAllDocuments(page: Page, scope: string) {
  const toggles = page.locator(here(`${scope} .bundle-doc__toggle`));
  await toggles.first().waitFor({ timeout: 30_000 });
  const n = await toggles.count();
  for (let i = 0; i < n; i++) {
    const t = page
      .locator(here(`${scope} .bundle-doc`))
      .nth(i)
      .locator('.bundle-doc__toggle');
    if ((await t.innerText()).includes('阅读')) await t.click();
  }
}

async function drawSignature(page: Page) {
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

/** 确认签名 → the step-up face check opens → back, signed */
async function signWithFace(page: Page, back: string) {
  await clickButton(page, '确认签名');
  await waitForStationed(page, FACE, 30_000);
  await page.locator(here('.face__countdown')).waitFor({ timeout: 30_000 });
  await waitForStationed(page, back, 90_000);
}

async function answerInquiry(page: Page) {
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

test('a second-hand sale from two phones: seller applies, buyer co-signs by code, submitted, tax paid, certificate issued', async () => {
  const seller = await phone();
  const buyer = await phone();
  await logIn(seller, SELLER);

  // 首页 → 我要申请
  await e2e.visit(seller, '/#/pages/index/index');
  await seller.locator(here('.service-entry__button[data-key="apply"]')).click();
  await waitForStationed(seller, APPLY);
  await stepText(seller, '选择业务');
  await e2e.checkA11y(seller, '我要申请 · 选择业务');
  await seller
    .locator(here('.apply-business__item'), { hasText: '二手房买卖转移登记' })
    .locator('[role="button"]')
    .click();
  await stepText(seller, '选择不动产');
  await seller
    .locator(here('.apply-unit'), { hasText: SELLER.unit })
    .locator('[role="button"]')
    .click();

  // parties: the buyer, validated as typed
  await stepText(seller, '当事人');
  await seller.locator(here('.holder-id input')).fill('331023196801208620'); // bad check digit
  await seller
    .locator(here('.holder-id .apply-field__error'), { hasText: /校验|有误|不正确/ })
    .waitFor();
  await seller.locator(here('.holder-name input')).fill(BUYER.name);
  await seller.locator(here('.holder-id input')).fill(BUYER.idNumber);
  await seller.locator(here('.holder-phone input')).fill(BUYER.phone);
  await seller.locator(here('.apply-price input')).fill('1680000');
  await e2e.checkA11y(seller, '我要申请 · 当事人');
  await seller.locator(here('.apply-next')).click();

  // 询问笔录 (own)
  await stepText(seller, '询问笔录');
  await e2e.checkA11y(seller, '我要申请 · 询问笔录');
  await answerInquiry(seller);

  // materials: shared ones say so; photos for the rest, compressed on the phone
  await stepText(seller, '申请材料');
  await seller.locator(here('.material')).first().waitFor({ timeout: 30_000 });
  const uploads = seller.locator(here('.material--upload'));
  const photo = await bigPhoto(seller);
  expect(photo.length).toBeGreaterThan(1_000_000);
  const sent: number[] = [];
  seller.on('request', (r) => {
    if (/\/materials\/[^/]+\/files$/.test(r.url()) && r.method() === 'POST')
      sent.push(r.postDataBuffer()?.length ?? 0);
  });
  for (let i = 0; i < (await uploads.count()); i++) {
    const item = uploads.nth(i);
    if ((await item.locator('.material__camera').count()) === 0) continue;
    const chooser = seller.waitForEvent('filechooser');
    await item.locator('.material__camera').click();
    await (
      await chooser
    ).setFiles({ name: `photo-${i}.jpg`, mimeType: 'image/jpeg', buffer: photo });
    await item.locator('.upload-task[data-status="done"]').waitFor({ timeout: 60_000 });
  }
  const commits = seller.locator(here('.material__commit'));
  while ((await commits.count()) > 0) {
    await commits.first().click();
    await seller.waitForTimeout(300);
  }
  for (const bytes of sent) expect(bytes).toBeLessThanOrEqual(600 * 1024);
  await e2e.checkA11y(seller, '我要申请 · 申请材料');

  // a reload mid-way loses nothing: same step, same case
  await seller.reload({ waitUntil: 'load' });
  await waitForStationed(seller, APPLY);
  await stepText(seller, '申请材料');
  await seller.locator(here('.material')).first().waitFor({ timeout: 30_000 });
  await seller.locator(here('.materials-next')).click();

  // preview every document, then start signing
  await stepText(seller, '预览文书');
  await readAllDocuments(seller, '.apply-preview');
  await seller.locator(here('.preview-next')).click();

  // the seller signs (fresh face check)
  await stepText(seller, '签名');
  await readAllDocuments(seller, '.sign-panel');
  await drawSignature(seller);
  await e2e.checkA11y(seller, '我要申请 · 签名');
  await signWithFace(seller, APPLY);

  // invite the buyer: a 6-character code
  await stepText(seller, '提交');
  await seller.locator(here('.invite-button')).first().click();
  const code = (await seller.locator(here('.invitation')).first().getAttribute('data-code'))!;
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  await e2e.checkA11y(seller, '我要申请 · 邀请与提交');

  // the buyer, on her own phone
  await logIn(buyer, BUYER);
  await e2e.visit(buyer, '/#/pages/cases/index');
  await buyer.locator(here('.to-sign__item')).first().waitFor({ timeout: 30_000 }); // 待我签署
  await buyer.locator(here('.invite-code input')).fill(code.toLowerCase());
  await buyer.locator(here('.invite-box__submit')).click();
  await waitForStationed(buyer, SIGN);
  await answerInquiry(buyer);
  await readAllDocuments(buyer, '.sign-panel');
  await drawSignature(buyer);
  await e2e.checkA11y(buyer, '签署申请');
  await signWithFace(buyer, SIGN);
  await buyer.locator(here('.cosign-done')).waitFor({ timeout: 30_000 });

  // the seller's screen shows it within 2 s of the buyer's action
  const t0 = Date.now();
  await seller
    .locator(here(`.signing-party .signing-party__state[data-state="signed"]`))
    .nth(1)
    .waitFor({ timeout: 5_000 });
  expect(Date.now() - t0).toBeLessThan(2_500);

  // submit (a double tap submits once), then the case page
  const submits: number[] = [];
  seller.on('response', (r) => {
    if (/\/cases\/[^/]+\/submit$/.test(r.url())) submits.push(r.status());
  });
  await seller.locator(here('.apply-submit')).dblclick();
  await waitForStationed(seller, DETAIL, 30_000);
  expect(submits.filter((s) => s < 300)).toHaveLength(1);
  await seller.locator(here('.case-detail__status')).waitFor();
  await e2e.checkA11y(seller, '办件详情');
  const status = await seller.locator(here('.case-detail')).getAttribute('data-status');
  expect(['taxPending', 'issued', 'review', 'approved', 'recorded']).toContain(status);
  await seller.locator(here('.timeline__entry')).first().waitFor();
  expect(await seller.locator(here('.timeline')).innerText()).toContain('台州市不动产登记服务中心');
  expect(await seller.locator(here('.case-detail__due')).innerText()).toMatch(
    /承诺办结：\d{4}-\d{2}-\d{2}/,
  );

  // the notice has a read receipt
  await seller.locator(here('.notice__open')).first().click();
  await seller
    .locator(here('.notice__receipt'), { hasText: '已读' })
    .first()
    .waitFor({ timeout: 15_000 });

  // tax (simulated payment), then the certificate
  if (status === 'taxPending') {
    await seller.locator(here('.tax-pay')).click();
  }
  await seller.locator(here('.certificate-link__number')).waitFor({ timeout: 30_000 });
  expect(await seller.locator(here('.certificate-link__number')).innerText()).toMatch(
    /不动产权第\d{7}号/,
  );
  expect(await seller.locator(here('.case-detail')).getAttribute('data-status')).toBe('issued');
});
