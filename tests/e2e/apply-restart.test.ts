/**
 * Applying from a phone, a browser context restart mid-way loses nothing: the seller chooses the
 * sale, enters the buyer and the price and answers the 询问笔录; the context (the phone's storage with
 * it) is closed; on a new context the seller logs in again and the draft resumes at 申请材料 with the
 * entered data (the business and unit, the buyer, the price, the answers).
 */
import { maskName } from '../../mock-server/src/domain/masking';
import { waitForStationed } from './support/app';
import {
  APPLY,
  answerInquiry,
  BUYER,
  eventually,
  fillBuyer,
  here,
  logIn,
  signIn,
  phone,
  SELLER,
  startSale,
  stepText,
} from './support/apply';
import { useE2E } from './support/harness';

const e2e = useE2E();
jest.setTimeout(300_000);

test('closing the seller’s browser context mid-way and logging in on a new one resumes the draft at the same step', async () => {
  const first = await phone(e2e);
  await signIn(e2e, first, SELLER);
  await startSale(e2e, first);
  await fillBuyer(first, '1750000');
  await stepText(first, '询问笔录');
  await answerInquiry(first);
  await stepText(first, '申请材料');
  await first.locator(here('.apply-saved')).waitFor();
  await first.context().close();

  // a new context: nothing on the device, log in again, open 我要申请
  const second = await phone(e2e);
  await logIn(e2e, second, SELLER);
  await e2e.visit(second, '/#/pages/index/index');
  await second.locator(here('.service-entry__button[data-key="apply"]')).click();
  await waitForStationed(second, APPLY);
  await stepText(second, '申请材料');
  const summary = await second.locator(here('.apply-summary')).innerText();
  expect(summary).toContain('二手房买卖转移登记');
  expect(summary).toContain(SELLER.unit);
  await second.locator(here('.material')).first().waitFor({ timeout: 30_000 });

  // the answers are there
  await second.locator(here('.apply-back')).click();
  await stepText(second, '询问笔录');
  const truthful = second.locator(here('[data-question="truthful"]'));
  await truthful.waitFor({ timeout: 30_000 });
  await eventually(
    () => truthful.getByRole('radio', { name: '是' }).getAttribute('aria-checked'),
    (v) => v === 'true',
  );
  // and the buyer (on a new device, as the server shows another person: masked) and the price
  await second.locator(here('.apply-back')).click();
  await stepText(second, '当事人');
  await eventually(
    () => second.locator(here('.holder-name input')).inputValue(),
    (v) => v === maskName(BUYER.name),
  );
  expect(await second.locator(here('.apply-price input')).inputValue()).toBe('1750000');
});
