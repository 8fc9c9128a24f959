/**
 * Applying from a phone, the decline path: the seller starts a sale and signs, the buyer opens it
 * by code on her own phone and declines with a reason; the seller's phone shows the case back in
 * draft with the reason (on the signing progress and on the case page).
 */
import { waitForStationed } from './support/app';
import {
  APPLY,
  answerInquiry,
  buyerOpensByCode,
  DETAIL,
  draftCaseId,
  fillBuyer,
  finishMaterials,
  here,
  inviteBuyer,
  signIn,
  phone,
  previewAndSign,
  SELLER,
  startSale,
  stepText,
} from './support/apply';
import { useE2E } from './support/harness';

const e2e = useE2E();
jest.setTimeout(300_000);

const REASON = '成交价格与约定不符';

test('the buyer declines with a reason on her phone; the seller sees the case back in draft with it', async () => {
  const seller = await phone(e2e);
  const buyer = await phone(e2e);
  await signIn(e2e, seller, SELLER);
  await startSale(e2e, seller);
  await fillBuyer(seller);
  await stepText(seller, '询问笔录');
  await answerInquiry(seller);
  await finishMaterials(seller);
  await previewAndSign(seller);
  const code = await inviteBuyer(seller);
  const caseId = await draftCaseId(seller);

  await buyerOpensByCode(e2e, buyer, code);
  await buyer.locator(here('.decline-open')).click();
  await buyer.locator(here('.decline-submit')).click(); // no reason yet: says so
  await buyer.locator(here('.decline-reason .apply-field__error')).waitFor();
  await buyer.locator(here('.decline-reason input')).fill(REASON);
  await buyer.locator(here('.decline-submit')).click();
  await buyer.getByText('已拒绝签名').waitFor({ timeout: 30_000 });
  await e2e.checkA11y(buyer, '签署申请 · 已拒签');

  // the seller's phone: back in draft, with the reason (polled, no reload)
  await seller.locator(here('.signing-status[data-status="draft"]')).waitFor({ timeout: 15_000 });
  const declined = seller.locator(
    here('.signing-party[data-party] .signing-party__state[data-state="declined"]'),
  );
  await declined.first().waitFor();
  expect(await seller.locator(here('.signing-party__reason')).first().innerText()).toContain(
    REASON,
  );
  await e2e.checkA11y(seller, '我要申请 · 已退回');

  // the case page says 草稿 and the timeline carries the reason
  await e2e.visit(seller, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
  await seller.locator(here('.case-detail[data-status="draft"]')).waitFor({ timeout: 30_000 });
  expect(await seller.locator(here('.timeline')).innerText()).toContain(REASON);
  // and 继续申请 takes the seller back into the wizard to change it
  await seller.locator(here('.case-continue')).click();
  await waitForStationed(seller, APPLY, 30_000);
  await seller.locator(here('.apply-stepper__now')).waitFor({ timeout: 30_000 });
});
