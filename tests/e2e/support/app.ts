/**
 * Knowledge of the Taro H5 app: hash routes, the page that is on screen, the 长辈版 mode.
 *
 * Taro H5 keeps visited tab pages in the DOM (hidden with .taro_page_shade) and slides a new
 * page in over ~300 ms, adding .taro_page_stationed when it has arrived. The page on screen is
 * therefore `.taro_page.taro_page_stationed:not(.taro_page_shade)`.
 */
import type { Page } from 'playwright-core';

export const ROUTES = {
  home: '/#/pages/index/index',
  cases: '/#/pages/cases/index',
  certificates: '/#/pages/certificates/index',
  mine: '/#/pages/mine/index',
} as const;
export type Route = (typeof ROUTES)[keyof typeof ROUTES] | `/#/${string}`;

export const TABS = [
  { text: '首页', route: ROUTES.home },
  { text: '办件', route: ROUTES.cases },
  { text: '证照', route: ROUTES.certificates },
  { text: '我的', route: ROUTES.mine },
] as const;

export const CURRENT_PAGE = '.taro_page.taro_page_stationed:not(.taro_page_shade)';
export const APP_PAGE = `${CURRENT_PAGE} .app-page`;

/** Elder mode means body text of at least 18 px (docs/registry-facts.md §11). */
export const ELDER_MIN_FONT_PX = 18;
export type Mode = 'normal' | 'elder';

/** '/#/pages/mine/index?x=1' → 'pages/mine/index' (Taro's page path, also the container id). */
export function pagePathOf(route: string): string {
  return route.replace(/^\/?#?\/?/, '').replace(/\?.*$/, '');
}

/** Waits until the page for `route` has slid in and the network has gone quiet. */
export async function waitForStationed(page: Page, route: string, timeout = 15_000): Promise<void> {
  const pagePath = pagePathOf(route);
  await page.waitForFunction(
    ({ selector, pagePath: want }) => {
      const el = document.querySelector(selector);
      if (!el) return false;
      // Page containers carry the page path as their id: '/pages/mine/index?stamp=AA'.
      return !want || el.id.replace(/^\//, '').replace(/\?.*$/, '') === want;
    },
    { selector: CURRENT_PAGE, pagePath },
    { timeout },
  );
  await page.waitForLoadState('networkidle', { timeout }).catch(() => undefined);
}

/** Full load of `route` (e.g. ROUTES.mine), then wait for the page to settle. */
export async function gotoRoute(page: Page, route: string): Promise<void> {
  // A hash-only change would be a same-document navigation; load afresh for a clean start.
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(route, { waitUntil: 'load' });
  await waitForStationed(page, route);
}

/** Which tab page is on screen, as a route, from the stationed container's id. */
export async function currentRoute(page: Page): Promise<string> {
  const id = await page.locator(CURRENT_PAGE).first().getAttribute('id');
  return `/#/${pagePathOf(id ?? '')}`;
}

/** Computed font size (px) of the on-screen page's `.app-page` root. */
export async function appPageFontSize(page: Page): Promise<number> {
  // A page may be sliding in (or another opening on top, e.g. the face check a step-up asks for):
  // wait for a stationed page rather than measuring mid-transition.
  await page
    .waitForSelector(APP_PAGE, { state: 'attached', timeout: 10_000 })
    .catch(() => undefined);
  const size = await page.evaluate((selector) => {
    const el = document.querySelector(selector);
    return el ? getComputedStyle(el).fontSize : null;
  }, APP_PAGE);
  if (size === null) {
    throw new Error(
      `页面上没有 ${APP_PAGE}：每个页面的根元素应带 .app-page（主题字号挂在它上面）。`,
    );
  }
  return parseFloat(size);
}

export async function currentMode(page: Page): Promise<Mode> {
  return (await appPageFontSize(page)) >= ELDER_MIN_FONT_PX ? 'elder' : 'normal';
}

/** Taps the tab bar item with this text and waits for its page. */
export async function tapTab(page: Page, text: string): Promise<string> {
  const tab = TABS.find((t) => t.text === text);
  if (!tab) throw new Error(`没有名为「${text}」的标签页`);
  await page.locator('.weui-tabbar__item', { hasText: text }).first().click();
  await waitForStationed(page, tab.route);
  return tab.route;
}

/** On 我的, taps .elder-switch until the app is in `mode`; waits for the theme to apply. */
export async function switchMode(page: Page, mode: Mode): Promise<void> {
  if ((await currentMode(page)) === mode) return;
  await page.locator(`${CURRENT_PAGE} .elder-switch`).first().click();
  await page.waitForFunction(
    ({ selector, elder, min }) => {
      const el = document.querySelector(selector);
      if (!el) return false;
      const px = parseFloat(getComputedStyle(el).fontSize);
      return elder ? px >= min : px < min;
    },
    { selector: APP_PAGE, elder: mode === 'elder', min: ELDER_MIN_FONT_PX },
    { timeout: 10_000 },
  );
}
