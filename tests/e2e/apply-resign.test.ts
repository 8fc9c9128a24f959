/**
 * Applying from a phone, a change after one signature forces re-signing: the seller signs, goes
 * back and adds an answer to their 询问笔录 (a document of the bundle they signed); the server voids
 * the signature, the app says what changed and asks to sign again, and re-signing (fresh face
 * check) brings the seller back to 提交 as signed.
 */
import { waitForStationed } from './support/app';
import {
  answerInquiry,
  APPLY,
  drawSignature,
  fillBuyer,
  finishMaterials,
  here,
  signIn,
  phone,
  previewAndSign,
  readAllDocuments,
  SELLER,
  clickButton,
  FACE,
  startSale,
  stepText,
} from './support/apply';
import { useE2E } from './support/harness';

const e2e = useE2E();
jest.setTimeout(300_000);

test('an answer changed after the seller signed voids the signature; the app asks to re-sign and re-signing works', async () => {
  const seller = await phone(e2e);
  await signIn(e2e, seller, SELLER);
  await startSale(e2e, seller);
  await fillBuyer(seller);
  await stepText(seller, '询问笔录');
  await answerInquiry(seller);
  await finishMaterials(seller);
  await previewAndSign(seller);
  await stepText(seller, '提交');
  const me = seller.locator(here('.signing-party'), { hasText: '本人' });
  await me.locator('.signing-party__state[data-state="signed"]').waitFor({ timeout: 15_000 });

  // back to the 询问笔录: the seller adds an answer after signing (a signed document changes)
  for (const title of ['签名', '预览文书', '申请材料', '询问笔录']) {
    await seller.locator(here('.apply-back')).click();
    await stepText(seller, title);
  }
  const other = seller.locator(here('[data-question="other"] input'));
  await other.waitFor({ timeout: 30_000 });
  await other.fill('房屋内家具家电随房转让');
  await seller.locator(here('.inquiry-save')).click();
  await stepText(seller, '申请材料');
  await seller.locator(here('.material')).first().waitFor({ timeout: 30_000 });
  await seller.locator(here('.materials-next')).click();

  // the new bundle is read again; signing says the content changed
  await stepText(seller, '预览文书');
  await readAllDocuments(seller, '.apply-preview');
  await seller.locator(here('.preview-next')).click();
  await stepText(seller, '签名');
  const changed = seller.locator(here('.sign-changed'));
  await changed.waitFor({ timeout: 30_000 });
  expect(await changed.innerText()).toMatch(/变更/);
  await e2e.checkA11y(seller, '我要申请 · 内容变更后重新签名');

  // re-signing works
  await readAllDocuments(seller, '.sign-panel');
  await drawSignature(seller);
  // a face check is asked for unless the last one is still fresh (the server's step-up window)
  await clickButton(seller, '确认签名');
  const next = await Promise.race([
    waitForStationed(seller, FACE, 30_000).then(() => 'face' as const),
    stepText(seller, '提交').then(() => 'signed' as const),
  ]);
  if (next === 'face') await waitForStationed(seller, APPLY, 90_000);
  await stepText(seller, '提交');
  await me.locator('.signing-party__state[data-state="signed"]').waitFor({ timeout: 15_000 });
  // the progress page still tells everyone what changed
  expect(await seller.locator(here('.signing-status')).innerText()).toMatch(/已变更/);
});
