/** Debian chromium through playwright-core, and a phone-sized browser context. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from './env';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // getUserMedia answers with a 640×480 test pattern and no permission prompt (face screens)
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** A phone: 390×844 CSS px, DPR 3, touch, Chinese locale. */
export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown by the app in this phone's pages. */
  pageErrors: string[];
}

export async function newPhone(browser: Browser, baseURL: string): Promise<Phone> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
  return { context, page, pageErrors };
}
