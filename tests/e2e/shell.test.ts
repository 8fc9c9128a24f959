/**
 * The app shell end to end: the real server (fresh SQLite, seeded on first start) serving the
 * real H5 build, driven in Debian chromium on a phone viewport. Every page visited is also
 * checked with axe in both 普通版 and 长辈版 (see support/harness.ts).
 */
import type { CatalogueResponse, ErrorBody } from '@contract';
import {
  APP_PAGE,
  appPageFontSize,
  currentMode,
  CURRENT_PAGE,
  ELDER_MIN_FONT_PX,
  ROUTES,
  TABS,
  waitForStationed,
} from './support/app';
import { useE2E } from './support/harness';

const e2e = useE2E();

const CATALOGUE_ITEM = `${CURRENT_PAGE} .catalogue-item`;

test('首页 shows the service catalogue the server returns', async () => {
  const { items } = await e2e.getJson<CatalogueResponse>('/api/v1/catalogue');
  expect(items.length).toBeGreaterThan(0);

  const { page } = await e2e.phone();
  await e2e.visit(page, ROUTES.home);
  await page.locator(CATALOGUE_ITEM).first().waitFor({ timeout: 15_000 });
  const texts = await page.locator(CATALOGUE_ITEM).allInnerTexts();

  const missing = items.map((i) => i.name).filter((name) => !texts.some((t) => t.includes(name)));
  expect(missing).toEqual([]);
  expect(texts).toHaveLength(items.length);
});

test('长辈版 switch on 我的 raises the font size to ≥ 18 px and survives a reload', async () => {
  const { page } = await e2e.phone();
  await e2e.visit(page, ROUTES.mine);
  const fontSize = () =>
    page.evaluate((sel) => getComputedStyle(document.querySelector(sel)!).fontSize, APP_PAGE);

  const before = parseFloat(await fontSize());
  expect(before).toBeLessThan(ELDER_MIN_FONT_PX);

  await page.locator(`${CURRENT_PAGE} .elder-switch`).first().click();
  await page.waitForFunction(
    ({ sel, min }) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize) >= min,
    { sel: APP_PAGE, min: ELDER_MIN_FONT_PX },
    { timeout: 10_000 },
  );
  expect(parseFloat(await fontSize())).toBeGreaterThanOrEqual(ELDER_MIN_FONT_PX);
  await e2e.checkA11y(page);

  await page.reload({ waitUntil: 'load' });
  await waitForStationed(page, ROUTES.mine);
  expect(parseFloat(await fontSize())).toBeGreaterThanOrEqual(ELDER_MIN_FONT_PX);

  // The theme is app-wide: 首页 is in 长辈版 too.
  await e2e.visit(page, ROUTES.home);
  expect(await appPageFontSize(page)).toBeGreaterThanOrEqual(ELDER_MIN_FONT_PX);
});

test('an API failure shows the designed error state, and 重试 recovers', async () => {
  const failure: ErrorBody = {
    code: 'SERVICE_UNAVAILABLE',
    message: '登记服务暂时不可用，请稍后再试',
    requestId: 'e2e-fail-0001',
  };
  const { page } = await e2e.phone();
  await page.route('**/api/v1/catalogue', (r) =>
    r.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify(failure) }),
  );
  await page.goto(ROUTES.home);
  await waitForStationed(page, ROUTES.home);

  // The client may retry idempotent GETs with backoff before giving up.
  const errorView = page.locator(`${CURRENT_PAGE} .state-view--error`);
  await errorView.waitFor({ timeout: 30_000 });
  await expect(errorView.innerText()).resolves.toContain(failure.message);
  const retry = errorView.getByRole('button', { name: '重试' });
  await expect(retry.count()).resolves.toBe(1);
  expect(await page.locator(CATALOGUE_ITEM).count()).toBe(0);
  await e2e.checkA11y(page, '首页 · 错误状态');

  await page.unroute('**/api/v1/catalogue');
  await retry.click();
  await page.locator(CATALOGUE_ITEM).first().waitFor({ timeout: 15_000 });
  await expect(errorView.count()).resolves.toBe(0);
});

test('offline, every tab and a deep link show the offline state; online again they load without a reload', async () => {
  const { page, context } = await e2e.phone();
  await e2e.visit(page, ROUTES.home);
  let reloads = 0;
  page.on('load', () => (reloads += 1));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.setOffline(true);

  const offline = page.locator('#he-chunk-offline');
  for (const tab of TABS.slice(1)) {
    await page.locator('.weui-tabbar__item', { hasText: tab.text }).first().click();
    await offline.waitFor({ timeout: 10_000 });
    expect(await offline.innerText()).toContain(`无法打开“${tab.text}”`);
    expect(await offline.getByRole('button', { name: '重试' }).count()).toBe(1);
    await e2e.checkA11y(page, `离线 · ${tab.text}`);
  }
  // a deep link (a hash change, as a link inside the app would do)
  await page.evaluate(() => {
    window.location.hash = '#/pages/verify/index';
  });
  await page.waitForFunction(() =>
    /页面未能打开/.test(document.getElementById('he-chunk-offline')?.textContent ?? ''),
  );

  // online again: the page that was asked for opens by itself, and the tabs load, no reload
  await context.setOffline(false);
  await waitForStationed(page, '/#/pages/verify/index', 20_000);
  expect(await offline.count()).toBe(0);
  // a page outside the tab bar: its own 首页 button (a plain browser has no other way home)
  await page.locator(`${CURRENT_PAGE} .ui-navbar__home`).click();
  await waitForStationed(page, ROUTES.home);
  for (const tab of TABS.slice(1)) {
    await page.locator('.weui-tabbar__item', { hasText: tab.text }).first().click();
    await waitForStationed(page, tab.route);
    expect(await offline.count()).toBe(0);
  }
  expect(reloads).toBe(0);
  expect(errors.filter((m) => /chunk/i.test(m))).toEqual([]);
});

test('a case link opened signed out leads to the login page, which says it returns to that case', async () => {
  const { page } = await e2e.phone();
  const caseLink = '/#/pages/apply/detail?caseId=CASE-E2E-LINK';
  await e2e.visit(page, caseLink);
  await page.locator(`${CURRENT_PAGE} .state-view--empty`, { hasText: '请先登录' }).waitFor();
  // the one thing to do is to log in: no failed panel beside it
  expect(await page.locator(`${CURRENT_PAGE} .state-view--error`).count()).toBe(0);
  await page.locator(`${CURRENT_PAGE} .case-detail__login`).click();
  await waitForStationed(page, '/#/pages/login/index');
  const context = page.locator(`${CURRENT_PAGE} .login__context`);
  await expect(context.innerText()).resolves.toContain('登录后将回到“办件详情”');
  // 返回 from the login page goes back to the case link, not to a dead end
  await page.locator(`${CURRENT_PAGE} .ui-navbar__back`).click();
  await waitForStationed(page, caseLink);
});

describe.each(['normal', 'elder'] as const)('all four tabs in %s mode', (mode) => {
  test('each tab opens by direct link and by the tab bar, and passes axe', async () => {
    const { page } = await e2e.phone();
    await e2e.setMode(page, mode);
    for (const tab of TABS) {
      await e2e.visit(page, tab.route);
      expect(await currentMode(page)).toBe(mode);
    }
    for (const tab of [...TABS.slice(1), TABS[0]]) {
      await e2e.tapTab(page, tab.text);
      expect(await currentMode(page)).toBe(mode);
    }
  });

  test(`every tab has an icon and a tap height of at least ${mode === 'elder' ? 60 : 48} px`, async () => {
    const { page } = await e2e.phone();
    await e2e.setMode(page, mode);
    await e2e.visit(page, ROUTES.home);
    const tabs = await page.locator('.weui-tabbar__item').evaluateAll((items) =>
      items.map((a) => {
        const box = a.getBoundingClientRect();
        const icon = a.querySelector('img.weui-tabbar__icon') as HTMLImageElement | null;
        return {
          text: a.textContent?.trim(),
          height: box.height,
          width: box.width,
          icon:
            icon && icon.complete && icon.naturalWidth > 0
              ? icon.getBoundingClientRect().height
              : 0,
        };
      }),
    );
    expect(tabs.map((t) => t.text)).toEqual(TABS.map((t) => t.text));
    const min = mode === 'elder' ? 60 : 48;
    for (const t of tabs) {
      expect(t.height).toBeGreaterThanOrEqual(min);
      expect(t.width).toBeGreaterThanOrEqual(min);
      expect(t.icon).toBeGreaterThan(0);
    }
  });

  test('input text sits in the vertical middle of its field', async () => {
    const { page } = await e2e.phone();
    await e2e.setMode(page, mode);
    await e2e.visit(page, '/#/pages/login/index');
    const field = page.locator(`${CURRENT_PAGE} .login-name`).first();
    await field.waitFor();
    const [outer, inner] = await field.evaluate((host) => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, height: r.height };
      };
      return [box(host), box(host.querySelector('input')!)];
    });
    const centre = (b: { top: number; height: number }) => b.top + b.height / 2;
    expect(Math.abs(centre(outer) - centre(inner))).toBeLessThanOrEqual(2);
    expect(outer.height).toBeGreaterThanOrEqual(mode === 'elder' ? 60 : 44);
  });
});
