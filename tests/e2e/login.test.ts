/**
 * Face login, 我的不动产 and step-up end to end: the real server (fresh SQLite, seeded) and the
 * real H5 build in chromium with a fake camera (a moving test pattern; see support/browser.ts).
 * Every page visited is checked with axe in both 普通版 and 长辈版 (support/harness.ts).
 */
import type { Page } from 'playwright-core';
import { signInPhone } from './support/api';
import { CURRENT_PAGE, waitForStationed } from './support/app';
import { withSensorNoise } from './support/camera';
import { useE2E } from './support/harness';

const e2e = useE2E();

const LOGIN = '/#/pages/login/index';
const FACE = '/#/pages/face/index';
const UNITS = '/#/pages/units/index';
const RECORD = '/#/pages/units/record';

/** docs/personas.md: P001 holds 紫荆华庭12幢3单元2303室 jointly with his wife. */
const P001 = { name: '李国平', idNumber: '331081198512258315', unit: '紫荆华庭12幢3单元2303室' };
/** docs/personas.md / identity simulator: P036's face never matches. */
const P036 = { name: '梁秀英', idNumber: '331082196502011527' };

const here = (sel: string) => `${CURRENT_PAGE} ${sel}`;

/** A phone whose (fake) front camera has sensor noise, like a real one (support/camera.ts). */
async function phoneWithCamera(): Promise<Page> {
  const { page } = await e2e.phone();
  await withSensorNoise(page);
  await recordFaceTitles(page);
  return page;
}

/**
 * Every text the face check's title (.face__title) shows, recorded inside the page as the DOM
 * changes (a MutationObserver from the document's start): each liveness prompt is on screen for
 * 0.6 s only (FACE_SIM_PROMPT_MS), and a test process polling from outside can miss one when the
 * machine is busy (two e2e files side by side on two cores, or other work).
 */
async function recordFaceTitles(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __faceTitles: string[] };
    w.__faceTitles = [];
    const note = () => {
      for (const el of Array.from(document.querySelectorAll('.face__title'))) {
        const t = (el.textContent ?? '').trim();
        if (t && w.__faceTitles[w.__faceTitles.length - 1] !== t) w.__faceTitles.push(t);
      }
    };
    new MutationObserver(note).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

async function fillIdentity(page: Page, who: { name: string; idNumber: string }) {
  await e2e.visit(page, LOGIN);
  await page.locator(here('.login-name input')).fill(who.name);
  await page.locator(here('.login-id input')).fill(who.idNumber);
  await expectText(page, here('#login-id-error'), '');
  await page.locator(here('[role="checkbox"]')).click();
  await page.locator(here('.login-submit')).click();
  await waitForStationed(page, FACE);
}

async function expectText(page: Page, selector: string, text: string | RegExp) {
  await page.waitForFunction(
    ({ selector, source, flags }) => {
      const el = document.querySelector(selector);
      const t = (el?.textContent ?? '').trim();
      return source === '' ? t === '' : new RegExp(source, flags).test(t);
    },
    {
      selector,
      source: typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source,
      flags: typeof text === 'string' ? '' : text.flags,
    },
    { timeout: 30_000 },
  );
}

/** Watches the face screen: the countdown and each prompt appear in turn. */
async function watchFaceCheck(page: Page): Promise<string[]> {
  await page.locator(here('.face__countdown')).waitFor({ timeout: 20_000 });
  expect(await page.locator(here('.face__countdown')).innerText()).toMatch(/剩余时间\s*[12]:\d\d/);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const title = page.locator(here('.face__title'));
    if ((await title.count()) === 0) break;
    await page.waitForTimeout(150);
  }
  // the prompts as recorded in the page (recordFaceTitles), taken for this face check
  const shown = await page.evaluate(() => {
    const w = window as unknown as { __faceTitles: string[] };
    return w.__faceTitles.splice(0);
  });
  return [...new Set(shown)];
}

/** The record and step-up requests the phone makes, as `status path` (the unit code elided). */
function watchRecordAndStepUp(page: Page): string[] {
  const asked: string[] = [];
  page.on('response', (r) => {
    if (/\/api\/v1\/(me\/units\/[^/]+\/record|auth\/step-up\/\w+)$/.test(r.url())) {
      asked.push(
        `${r.status()} ${new URL(r.url()).pathname.replace(/units\/[^/]+/, 'units/:code')}`,
      );
    }
  });
  return asked;
}

async function logInByFace(page: Page) {
  await fillIdentity(page, P001);
  const prompts = await watchFaceCheck(page);
  expect(prompts[0]).toBe('请正对屏幕');
  expect(prompts.length).toBeGreaterThanOrEqual(3);
  for (const p of prompts.slice(1))
    expect(['请眨眨眼', '请张张嘴', '请向左转头', '请向右转头']).toContain(p);
  await page.locator(here('.face__result--success')).waitFor({ timeout: 30_000 });
  expect(await page.locator(here('.face__result--success')).innerText()).toContain('李*平');
}

test('a seeded citizen logs in by face and sees their units', async () => {
  const page = await phoneWithCamera();
  await logInByFace(page);
  await e2e.checkA11y(page, '刷脸验证 · 成功');

  await page.locator(here('.face__to-units')).click();
  await waitForStationed(page, UNITS);
  await page.locator(here('.unit')).first().waitFor({ timeout: 15_000 });
  const units = await page.locator(here('.unit')).allInnerTexts();
  const mine = units.find((t) => t.includes(P001.unit));
  expect(mine).toBeDefined();
  expect(mine).toContain('共同共有');
  expect(mine).toMatch(/叶\*华/);
  expect(mine).not.toContain('331083198405037966');
  await e2e.checkA11y(page, '我的不动产');

  // the login face check counts as the fresh face check a 登记记录 needs (less than 5 minutes
  // old): the record opens without a second face scan
  const asked = watchRecordAndStepUp(page);
  await page.locator(here('.unit__record')).first().click();
  await waitForStationed(page, RECORD, 30_000);
  await page.locator(here('.record-event')).first().waitFor({ timeout: 30_000 });
  expect(asked).toEqual(['200 /api/v1/me/units/:code/record']);
  await page.locator(here('.ui-navbar__back')).click();
  await waitForStationed(page, UNITS);

  // 返回 never lands on the sign-in pages: they were opened directly here, so back goes to 首页
  await page.locator(here('.ui-navbar__back')).click();
  await waitForStationed(page, '/#/pages/index/index');

  // 首页 greets them by their masked name; 我的 lists this device
  await e2e.visit(page, '/#/pages/index/index');
  await expectText(page, here('.home__user'), '您好，李*平');
  await e2e.visit(page, '/#/pages/mine/index');
  await page.locator(here('.device--current')).waitFor({ timeout: 15_000 });
  expect(await page.locator(here('.device--current')).innerText()).toContain('本机');
});

test('without a real camera, the simulator’s 演示摄像头 passes one face check after another', async () => {
  // chromium's plain fake camera (no sensor noise): it replays its picture, so only the demo
  // camera, whose every frame is new, gets past the simulator's replay check twice
  for (let i = 0; i < 2; i++) {
    const { page } = await e2e.phone();
    await fillIdentity(page, P001);
    await page.locator(here('.face__demo-start')).click({ timeout: 20_000 });
    await expectText(page, here('.face__status--demo'), /演示摄像头（演示）/);
    expect(await page.locator(here('.face__demo-badge')).innerText()).toContain('演示');
    await page.locator(here('.face__result--success')).waitFor({ timeout: 30_000 });
  }
});

test('the always-failing persona sees the mismatch message and can retry', async () => {
  const page = await phoneWithCamera();
  await fillIdentity(page, P036);
  const error = page.locator(here('.face__result--error'));
  await error.waitFor({ timeout: 40_000 });
  expect(await error.innerText()).toContain('人脸比对未通过');
  await e2e.checkA11y(page, '刷脸验证 · 未通过');

  await error.getByRole('button', { name: '重试' }).click();
  await page.locator(here('.face__countdown')).waitFor({ timeout: 20_000 });
  await error.waitFor({ timeout: 40_000 });
  expect(await page.locator(here('.face__result--error')).innerText()).toContain('人脸比对未通过');
});

test('without a fresh face check a unit’s 登记记录 asks for one, satisfied by face, and the record shows', async () => {
  const page = await phoneWithCamera();
  const asked = watchRecordAndStepUp(page);
  // signed in over 浙里办's ticket (support/api.ts): a sign-in with no face check in this session,
  // as a face login is once its 5 minutes have passed
  await signInPhone(page, e2e.baseURL, P001);
  await e2e.visit(page, UNITS);
  await page.locator(here('.unit__record')).first().click();
  // the record request answers STEP_UP_REQUIRED and the face page opens on top — often before
  // the record page has finished sliding in, so wait for the face page, not for the record page
  await waitForStationed(page, FACE);
  await e2e.checkA11y(page, '刷脸验证 · 查看登记记录前');
  await watchFaceCheck(page);
  // … and after the face check the same request resumes and the record shows
  await waitForStationed(page, RECORD, 40_000);
  await page.locator(here('.record-event')).first().waitFor({ timeout: 30_000 });
  expect(await page.locator(here('.record__unit')).innerText()).toContain(P001.unit);
  expect(asked).toEqual([
    '403 /api/v1/me/units/:code/record',
    '200 /api/v1/auth/step-up/start',
    '200 /api/v1/auth/step-up/complete',
    '200 /api/v1/me/units/:code/record',
  ]);
  await e2e.checkA11y(page, '登记记录');
});
