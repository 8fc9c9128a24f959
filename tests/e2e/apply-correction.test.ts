/**
 * Applying from a phone, a correction notice answered by a new photo. The sale is driven to
 * submission through the API (seller 潘晓东 and buyer 应敏 both sign with e-signatures), with the 网签买卖合同
 * the registry could not read — the automatic review turns that into a 不动产登记补正材料通知书. The
 * answer goes through the app: the seller opens the notice, photographs the contract (12 MP,
 * compressed on the phone), resubmits, and the case proceeds to tax (each taxpayer pays their own
 * lines on their own phone) and the certificate.
 */
import { saleInCorrection } from './support/api';
import {
  BUYER,
  bigPhoto,
  DETAIL,
  eventually,
  here,
  payOwnTax,
  signIn,
  phone,
  SELLER,
} from './support/apply';
import { useE2E } from './support/harness';

const e2e = useE2E();
jest.setTimeout(300_000);

test('a 补正通知书 answered in the app by a new photo of the material; the case proceeds', async () => {
  const caseId = await saleInCorrection(e2e.baseURL, SELLER, BUYER, SELLER.unit);

  const seller = await phone(e2e);
  await signIn(e2e, seller, SELLER);
  await e2e.visit(seller, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
  await seller
    .locator(here('.case-detail[data-status="correctionRequested"]'))
    .waitFor({ timeout: 30_000 });
  expect(await seller.locator(here('.correction')).innerText()).toContain('网签买卖合同');

  // read the notice (with a read receipt)
  const notice = seller.locator(here('.notice'), { hasText: '补正' }).first();
  await notice.locator('.notice__open').click();
  await notice.locator('.notice__body').waitFor({ timeout: 30_000 });
  await notice.locator('.notice__receipt', { hasText: '已读' }).waitFor({ timeout: 15_000 });

  // add a photo of the contract
  await seller.locator(here('.correction-start')).click();
  const item = seller.locator(here('.material[data-material="filedContract"]'));
  await item.locator('.material__unclear').waitFor({ timeout: 30_000 });
  // the 询问笔录 may be re-answered too: wait for it to render fully before axe
  await seller.locator(here('.apply-inquiry .inquiry-save')).waitFor({ timeout: 30_000 });
  await seller.locator(here('#q-other-input-label')).waitFor({ state: 'visible' });
  await seller.waitForLoadState('networkidle').catch(() => undefined);
  await e2e.checkA11y(seller, '办件详情 · 补正');
  const photo = await bigPhoto(seller);
  const sent: number[] = [];
  seller.on('request', (r) => {
    if (/\/materials\/filedContract\/files$/.test(r.url()) && r.method() === 'POST')
      sent.push(r.postDataBuffer()?.length ?? 0);
  });
  const chooser = seller.waitForEvent('filechooser');
  await item.locator('.material__camera').click();
  await (await chooser).setFiles({ name: 'contract.jpg', mimeType: 'image/jpeg', buffer: photo });
  await item.locator('.upload-task[data-status="done"]').waitFor({ timeout: 90_000 });
  await item.locator('.material__files').waitFor({ timeout: 30_000 });
  expect(sent.length).toBeGreaterThan(0);
  for (const bytes of sent) expect(bytes).toBeLessThanOrEqual(600 * 1024);

  // resubmit: the case leaves 补正 and goes on
  await seller.locator(here('.materials-next')).click();
  await eventually(
    () => seller.locator(here('.case-detail')).getAttribute('data-status'),
    (s) => s !== 'correctionRequested',
  );
  const status = await seller.locator(here('.case-detail')).getAttribute('data-status');
  expect(['taxPending', 'review', 'approved', 'recorded', 'issued']).toContain(status);
  if (status === 'taxPending') {
    // each taxpayer pays their own lines on their own phone, after confirming the amount and a
    // fresh face check (neither phone has had one: both signed over the API)
    await seller.locator(here('.tax-line')).first().waitFor({ timeout: 30_000 });
    if (await seller.locator(here('.tax-pay')).count())
      await payOwnTax(seller, SELLER, { faceCheck: 'required' });
    const buyer = await phone(e2e);
    await signIn(e2e, buyer, BUYER);
    await e2e.visit(buyer, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
    await payOwnTax(buyer, BUYER, { faceCheck: 'required' });
    await buyer.locator(here('.certificate-link__number')).waitFor({ timeout: 30_000 });
    await e2e.visit(seller, `${DETAIL}?caseId=${encodeURIComponent(caseId)}`);
  }
  await seller.locator(here('.certificate-link__number')).waitFor({ timeout: 30_000 });
});
