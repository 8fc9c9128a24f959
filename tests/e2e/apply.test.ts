/**
 * End to end: a second-hand sale applied for from two phones (two browser contexts) —
 * seller 潘晓东 (P035, sole holder of 书香府4幢1单元601室) starts it, the buyer 应敏 (P048) signs on
 * her own phone through the 6-character invitation code — from the seller's face login to the
 * issued certificate (the buyer's phone is signed in over the API: a second face login would test
 * nothing new). Fake camera with sensor noise for every face check (the seller's login and the
 * step-up before each signature), materials all shared or committed (no photo needed in this sale),
 * signatures drawn with page.mouse, and a reload mid-way that loses nothing.
 */
import { waitForStationed } from './support/app';
import {
  answerInquiry,
  APPLY,
  BUYER,
  DETAIL,
  drawSignature,
  fillContract,
  here,
  logIn as logInAs,
  payOwnTax,
  phone as phoneOf,
  readAllDocuments,
  SELLER,
  SIGN,
  signIn as signInAs,
  signWithFace,
  stepText,
} from './support/apply';
import { useE2E } from './support/harness';
import type { Page } from 'playwright-core';

const e2e = useE2E();
jest.setTimeout(300_000);

const phone = () => phoneOf(e2e);
const logIn = (page: Page, who: { name: string; idNumber: string }) => logInAs(e2e, page, who);
const signIn = (page: Page, who: { name: string; idNumber: string }) => signInAs(e2e, page, who);

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

  // materials: in this sale every item is shared by a department or replaced by a commitment
  // ("零材料", 细则 二), so the screen offers no camera at all. Photo uploads and their ≤ 600 KB
  // compression are exercised by apply-correction.test.ts and `npm run bench:upload`.
  await stepText(seller, '申请材料');
  await seller.locator(here('.material')).first().waitFor({ timeout: 30_000 });
  expect(await seller.locator(here('.material--shared')).count()).toBeGreaterThan(0);
  expect(await seller.locator(here('.material__camera')).count()).toBe(0);
  const commits = seller.locator(here('.material__commit'));
  while ((await commits.count()) > 0) {
    await commits.first().click();
    await seller.waitForTimeout(300);
  }
  await e2e.checkA11y(seller, '我要申请 · 申请材料');

  // a reload mid-way loses nothing: same step, same case
  await seller.reload({ waitUntil: 'load' });
  await waitForStationed(seller, APPLY);
  await stepText(seller, '申请材料');
  await seller.locator(here('.material')).first().waitFor({ timeout: 30_000 });
  await seller.locator(here('.materials-next')).click();

  // preview every document, then start signing
  await stepText(seller, '预览文书');
  await fillContract(seller); // the 网签 contract's terms
  await readAllDocuments(seller, '.apply-preview');
  await seller.locator(here('.preview-next')).click();

  // the seller signs (a face check less than 5 minutes old: his face login counts while fresh)
  await stepText(seller, '签名');
  await readAllDocuments(seller, '.sign-panel');
  await drawSignature(seller);
  await e2e.checkA11y(seller, '我要申请 · 签名');
  await signWithFace(seller, APPLY, 'ifAsked');

  // invite the buyer: a 6-character code
  await stepText(seller, '提交');
  await seller.locator(here('.invite-button')).first().click();
  const code = (await seller.locator(here('.invitation')).first().getAttribute('data-code'))!;
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  await e2e.checkA11y(seller, '我要申请 · 邀请与提交');

  // the buyer, on her own phone
  await signIn(buyer, BUYER);
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

  // tax (simulated payment): each taxpayer pays their own lines on their own phone after
  // confirming the amount; then the certificate
  if (status === 'taxPending') {
    const caseId = new URL(seller.url().replace('/#/', '/')).searchParams.get('caseId')!;
    await seller.locator(here('.tax-line')).first().waitFor({ timeout: 30_000 });
    if (await seller.locator(here('.tax-pay')).count()) await payOwnTax(seller, SELLER);
    await e2e.visit(buyer, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
    await payOwnTax(buyer, BUYER);
    await buyer.locator(here('.certificate-link__number')).waitFor({ timeout: 30_000 });
    await e2e.visit(seller, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
  }
  await seller.locator(here('.certificate-link__number')).waitFor({ timeout: 30_000 });
  expect(await seller.locator(here('.certificate-link__number')).innerText()).toMatch(
    /不动产权第\d{7}号/,
  );
  // after the payment the page reads the case again: issued, or already filed in the archive
  expect(await seller.locator(here('.case-detail')).getAttribute('data-status')).toMatch(
    /^(issued|archived)$/,
  );
});
