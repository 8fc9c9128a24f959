/**
 * E-certificates end to end: two phones. The holder, signed in (over the API: the face login is
 * login.test.ts's subject), opens 证照,
 * presents a minimal view after a step-up face check; the verifier — no app, no login — opens
 * /verify and reads the QR code from a screenshot of the holder's screen: current. A mortgage is
 * recorded; the next verification shows it mortgaged. The first screenshot, used after its
 * expiry, is refused with a clear message. The presentation lifetime is shortened to 20 s for
 * this file (PRESENTATION_TTL_SECONDS) so that expiry can be waited for.
 */
import type { Page } from 'playwright-core';
import { checkA11y } from './support/a11y';
import { signInPhone } from './support/api';
import { CURRENT_PAGE, waitForStationed } from './support/app';
import { withSensorNoise } from './support/camera';
import { useE2E } from './support/harness';

const TTL_SECONDS = 20;
const e2e = useE2E({ env: { PRESENTATION_TTL_SECONDS: String(TTL_SECONDS) } });

const FACE = '/#/pages/face/index';
const WALLET = '/#/pages/certificates/index';
const DETAIL = '/#/pages/wallet/detail';
const PRESENT = '/#/pages/wallet/present';
const VERIFY_IN_APP = '/#/pages/verify/index';

/** docs/personas.md: P013 杨永明 holds 阳光嘉园4幢2单元204室 alone (electronic, no restriction). */
const HOLDER = { name: '杨永明', idNumber: '33100419820825953X' };
const UNIT = '331023001004GB06142F00040001';
const LOCATION = '阳光嘉园4幢2单元204室';

const here = (sel: string) => `${CURRENT_PAGE} ${sel}`;

async function faceCheck(page: Page) {
  await page.locator(here('.face__countdown')).waitFor({ timeout: 20_000 });
  await page
    .locator(here('.face__title'))
    .waitFor({ state: 'detached', timeout: 40_000 })
    .catch(() => undefined);
}

const logIn = (page: Page) => signInPhone(page, e2e.baseURL, HOLDER);

/** The verifier's browser: /verify, a picture of the QR code chosen from the photo library. */
async function verifyPicture(verifier: Page, png: Buffer): Promise<string> {
  await verifier.locator('#result').evaluate((el) => el.setAttribute('hidden', ''));
  await verifier.locator('#scan-file').setInputFiles({
    name: 'holder-screen.png',
    mimeType: 'image/png',
    buffer: png,
  });
  await verifier.waitForFunction(
    () => {
      const v = document.getElementById('verdict')?.textContent ?? '';
      return v !== '' && v !== '正在核验…' && !document.getElementById('result')!.hidden;
    },
    undefined,
    { timeout: 20_000 },
  );
  return verifier.locator('#result').innerText();
}

test('minimal presentation verified from a screenshot, mortgage shows at once, a stale screenshot is refused, /verify needs no login', async () => {
  // ---------------------------------------------------------------- holder
  const { page: holder } = await e2e.phone();
  await withSensorNoise(holder);
  await logIn(holder);
  await e2e.visit(holder, WALLET);
  const card = holder.locator(here('.wallet-card'), { hasText: LOCATION });
  await card.waitFor({ timeout: 20_000 });
  expect(await holder.locator(here('.wallet-card')).allInnerTexts()).toEqual(
    expect.arrayContaining([expect.stringContaining('共有')]),
  );
  await card.locator('.wallet-card__body').click();
  await waitForStationed(holder, DETAIL);
  await holder.locator(here('.cert-form__row')).first().waitFor({ timeout: 15_000 });
  expect(await holder.locator(here('.cert-form')).innerText()).toContain('证照标识');
  await e2e.checkA11y(holder, '证照详情');

  await holder.locator(here('.certificate__present')).click();
  await waitForStationed(holder, PRESENT);
  await e2e.checkA11y(holder, '亮证 · 选择');
  await holder.locator(here('.present__choose--minimal')).click();
  // the presentation demands a fresh face check: the face page opens on top, then returns
  await waitForStationed(holder, FACE, 20_000);
  await faceCheck(holder);
  await waitForStationed(holder, PRESENT, 40_000);
  await holder.locator(here('.present__qr')).waitFor({ timeout: 20_000 });
  const code = (await holder.locator(here('.present__code-digits')).innerText()).trim();
  expect(code).toMatch(/^\d{6}$/);
  await holder.waitForTimeout(400); // the QR image has decoded and painted
  const firstShot = await holder.screenshot();
  const firstAt = Date.now();
  await e2e.checkA11y(holder, '亮证 · 二维码');

  // ---------------------------------------------------------------- verifier, no login
  const { page: verifier } = await e2e.phone();
  await verifier.goto(`${e2e.baseURL}/verify`);
  await verifier.locator('#scan-file').waitFor({ state: 'attached' });
  await checkA11y(verifier, '/verify（网页核验）');
  await e2e.scanText(verifier, '/verify（网页核验）');
  const first = await verifyPicture(verifier, firstShot);
  expect(first).toContain('核验通过：现势');
  expect(first).toContain(LOCATION);
  expect(first).toContain('杨*明');
  expect(first).not.toContain('杨永明');
  expect(first).not.toContain('㎡');
  expect(first).toContain('最小披露');
  expect(first).toContain('已在本机用登记机构公钥核验'); // the seal was checked on the page first
  await checkA11y(verifier, '/verify（核验结果）');
  await e2e.scanText(verifier, '/verify（核验结果）');

  // ---------------------------------------------------------------- a mortgage is recorded
  const recorded = await fetch(`${e2e.baseURL}/api/v1/sim/register/mortgages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ unitCode: UNIT }),
  });
  expect(recorded.status).toBe(201);
  const secondShot = await holder.screenshot();
  const second = await verifyPicture(verifier, secondShot);
  expect(second).toContain('核验通过：现势；已抵押');

  // the 6-digit code works too, in the app's 扫码核验 page (another phone, not logged in)
  const { page: other } = await e2e.phone();
  await e2e.visit(other, VERIFY_IN_APP);
  await other.locator(here('.verify__code input')).fill(code);
  await other.locator(here('.verify__submit')).click();
  await other.locator(here('.verify-result')).waitFor({ timeout: 15_000 });
  const byCode = await other.locator(here('.verify-result')).innerText();
  if (Date.now() - firstAt < TTL_SECONDS * 1000 - 2000) {
    expect(byCode).toContain('已抵押');
  }
  await e2e.checkA11y(other, '扫码核验 · 结果');

  // ---------------------------------------------------------------- the stale screenshot
  const wait = firstAt + TTL_SECONDS * 1000 + 1500 - Date.now();
  if (wait > 0) await verifier.waitForTimeout(wait);
  const stale = await verifyPicture(verifier, firstShot);
  expect(stale).toContain('核验不通过');
  expect(stale).toMatch(/已过期|已达到可核验次数/);
  expect(stale).toContain('截图');

  // the holder sees who verified, and when
  await e2e.visit(holder, `${DETAIL}?id=${encodeURIComponent(await currentItemId(holder))}`);
  await holder.locator(here('.certificate__verifications')).waitFor({ timeout: 15_000 });
  expect(await holder.locator(here('.certificate__verifications')).innerText()).toContain(
    '网页核验',
  );
}, 180_000);

/** The wallet item the holder presented (from the present page's URL in history). */
async function currentItemId(page: Page): Promise<string> {
  const id = await page.evaluate(() => {
    const m = /[?&]id=([^&]+)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : '';
  });
  if (!id) throw new Error('no item id in the current route');
  return id;
}
