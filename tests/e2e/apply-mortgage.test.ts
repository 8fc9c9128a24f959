/**
 * End to end: a mortgage (抵押权首次登记) applied for from a phone, with the spouse's consent
 * on her own phone. 杨永明 (P013) holds 阳光嘉园4幢2单元204室 alone, bought during his marriage to
 * 徐彩云 (P014): the marriage data makes it common property, so the parties step lists her as
 * consenting spouse. He names the bank and the mortgage, answers the mortgage 询问笔录, signs; the
 * bank signs by its system's e-seal; he invites her and she opens the invitation link the QR code
 * carries on her phone, answers her 询问笔录 and signs; he submits and the 不动产登记证明 is issued.
 */
import { maskName } from '../../mock-server/src/domain/masking';
import { waitForStationed } from './support/app';
import {
  APPLY,
  DETAIL,
  drawSignature,
  here,
  phone as phoneOf,
  readAllDocuments,
  SIGN,
  pickDate,
  signIn as signInAs,
  signWithFace,
  stepText,
} from './support/apply';
import { useE2E } from './support/harness';
import type { Page } from 'playwright-core';

const e2e = useE2E();
jest.setTimeout(300_000);

const YANG = { name: '杨永明', idNumber: '33100419820825953X' };
const SPOUSE = { name: '徐彩云', idNumber: '331002198111070607' };
const UNIT = '台州市天台县赤城街道阳光嘉园4幢2单元204室';
const BANK = { name: '中国建设银行股份有限公司台州分行', uscc: '9133100089D72YUU7K' };

const phone = () => phoneOf(e2e);
// both signed in over the API: the face login is login.test.ts's subject; each signature's
// step-up face check stays in the UI
const signIn = (page: Page, who: { name: string; idNumber: string }) => signInAs(e2e, page, who);

async function answer(page: Page, answers: Record<string, string>) {
  const q = (code: string) => page.locator(here(`[data-question="${code}"]`));
  await q('truthful').waitFor({ timeout: 30_000 });
  for (const [code, value] of Object.entries(answers))
    await q(code).getByRole('radio', { name: value }).click();
}

test("a mortgage from a phone: bank by e-seal, the spouse consents on her own phone through the invitation's QR link, 不动产登记证明 issued", async () => {
  const yang = await phone();
  const spouse = await phone();
  await signIn(yang, YANG);

  await e2e.visit(yang, '/#/pages/index/index');
  await yang.locator(here('.service-entry__button[data-key="apply"]')).click();
  await waitForStationed(yang, APPLY);
  await stepText(yang, '选择业务');
  // exactly this type: 转移+抵押 and 带押过户 also name 抵押权首次登记
  await yang
    .locator(here('.apply-business__item'))
    .getByRole('button', { name: '选择 抵押权首次登记', exact: true })
    .click();
  await stepText(yang, '选择不动产');
  await yang.locator(here('.apply-certificate-number')).waitFor();
  await e2e.checkA11y(yang, '抵押 · 选择不动产（可输入证书号）');
  await yang.locator(here('.apply-unit'), { hasText: UNIT }).locator('[role="button"]').click();

  // 当事人: the bank and the mortgage, validated as the user goes
  await stepText(yang, '当事人');
  await yang.locator(here('.apply-next')).click();
  await yang
    .locator(here('.mortgagee-name .apply-field__error'), { hasText: '请填写抵押权人' })
    .waitFor();
  await yang.locator(here('.mortgagee-name input')).fill(BANK.name);
  await yang.locator(here('.mortgagee-uscc input')).fill(BANK.uscc);
  await yang.locator(here('.mortgage-type')).getByRole('radio', { name: '一般抵押' }).click();
  await yang.locator(here('.mortgage-amount input')).fill('800000');
  await pickDate(yang, '.mortgage-start', '2026-12-01');
  await pickDate(yang, '.mortgage-end', '2046-12-01');
  await e2e.checkA11y(yang, '抵押 · 当事人');
  await yang.locator(here('.apply-next')).click();

  // the mortgage variant of the 询问笔录; a co-owner not applying blocks
  await stepText(yang, '询问笔录');
  await answer(yang, { truthful: '是', signedVoluntarily: '是', otherCoOwners: '是' });
  await yang
    .locator(here('[data-question="otherCoOwners"] .question__blocking'))
    .waitFor({ timeout: 10_000 });
  await answer(yang, { otherCoOwners: '否' });
  await yang.locator(here('.inquiry-save')).click();

  // everything is shared (the bank's contract from 银行): straight on
  await stepText(yang, '申请材料');
  await yang.locator(here('.material')).first().waitFor({ timeout: 30_000 });
  await yang.locator(here('.materials-next')).click();

  // 预览文书 (no sale contract here) → 签名 with a fresh face check
  await stepText(yang, '预览文书');
  await readAllDocuments(yang, '.apply-preview');
  await yang.locator(here('.preview-next')).click();
  await stepText(yang, '签名');
  await readAllDocuments(yang, '.sign-panel');
  await drawSignature(yang);
  await signWithFace(yang, APPLY);
  await stepText(yang, '提交');
  const row = (name: string) => yang.locator(here('.signing-party'), { hasText: name });
  await row(BANK.name)
    .locator('.signing-party__org', { hasText: '已由本机构系统电子签章' })
    .waitFor();
  // the role as the catalogue names it on forms and screens (docs/glossary.md: 同意处分的配偶);
  // her name masked for him like every other person's (domain/masking.ts)
  await row(`${maskName(SPOUSE.name)}（同意处分的配偶）`).waitFor();
  expect(await yang.locator(here('.apply-submit')).count()).toBe(0);

  // invite her: QR code, link and code
  await row(maskName(SPOUSE.name)).locator('.invite-button').click();
  const qr = yang.locator(here('img.invitation__qr'));
  await qr.waitFor({ timeout: 30_000 });
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
  const link = (await qr.getAttribute('data-url'))!;
  const code = (await yang.locator(here('.invitation')).first().getAttribute('data-code'))!;
  expect(link).toMatch(new RegExp(`#/pages/invite/index\\?code=${code}$`));
  // the full link the QR carries, as text, and 复制链接 puts it on the clipboard
  expect((await yang.locator(here('.invitation__link')).first().innerText()).trim()).toBe(link);
  await yang
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.baseURL });
  await yang.locator(here('.invitation__copy')).first().click();
  await yang.locator(here('.invitation__note'), { hasText: '邀请链接已复制' }).waitFor();
  expect(await yang.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await e2e.checkA11y(yang, '抵押 · 邀请配偶（二维码）');

  // her phone: log in, open the link the QR carries
  await signIn(spouse, SPOUSE);
  await spouse.goto(link);
  await waitForStationed(spouse, SIGN, 30_000);
  await answer(spouse, { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' });
  await spouse.locator(here('.inquiry-save')).click();
  await readAllDocuments(spouse, '.sign-panel');
  await drawSignature(spouse);
  await signWithFace(spouse, SIGN);
  await spouse.locator(here('.cosign-done')).waitFor({ timeout: 30_000 });

  // his screen shows everyone signed; submit; the registration proof is issued
  await yang.locator(here('.apply-submit')).waitFor({ timeout: 10_000 });
  await yang.locator(here('.apply-submit')).click();
  await waitForStationed(yang, DETAIL, 30_000);
  await yang.locator(here('.certificate-link__number')).waitFor({ timeout: 30_000 });
  expect(await yang.locator(here('.certificate-link__number')).innerText()).toMatch(
    /不动产登记证明号.*不动产证明第\d{7}号/,
  );
  // issued, and filed in the archive right after
  expect(['issued', 'archived']).toContain(
    await yang.locator(here('.case-detail')).getAttribute('data-status'),
  );
});
