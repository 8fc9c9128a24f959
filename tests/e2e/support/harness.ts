/**
 * The end-to-end harness. Call `const e2e = useE2E();` at the top of a test file: it builds
 * nothing, but checks dist/h5 and chromium (failing, never skipping), starts the real server on
 * a free port, launches chromium, and gives each test phones to drive.
 *
 * Accessibility is inherited: `e2e.visit()` and `e2e.tapTab()` run axe on every page they land
 * on, in the mode the app is in, and record it. The scan of what a citizen reads
 * (support/visibleText.ts: a machine time, an English error code, a leaked null/undefined or an
 * amount in fen) is `e2e.scanText(page, label)`, called where a flow's pages are already clean
 * (documents-readable.test.ts runs it on every open document before signing): run on every page
 * it still finds the reason codes of /verify, which are open work. After the file's tests, every page visited is
 * checked in whichever of 普通版 / 长辈版 it was not yet checked in, so a new test that visits a
 * new page gets both modes checked without asking.
 */
import type { Browser, Page } from 'playwright-core';
import { checkA11y } from './a11y';
import { currentMode, currentRoute, gotoRoute, ROUTES, switchMode, tapTab, type Mode } from './app';
import { launchChromium, newPhone, type Phone } from './browser';
import { findChromium, requireH5Build } from './env';
import { startServer, type RunningServer } from './server';
import { scanVisibleText } from './visibleText';

export interface E2E {
  readonly baseURL: string;
  readonly browser: Browser;
  readonly server: RunningServer;
  /** A fresh phone (own storage); closed after the test. */
  phone(): Promise<Phone>;
  /** Loads `route`, waits for the page to settle, runs axe in the current mode. */
  visit(page: Page, route: string): Promise<void>;
  /** Taps a tab bar item, waits for its page, runs axe. */
  tapTab(page: Page, text: string): Promise<void>;
  /** Runs axe and the visible-text scan on what is on screen now (e.g. after a state change). */
  checkA11y(page: Page, label?: string): Promise<void>;
  /** The visible-text scan alone (pages outside the app: the server's /verify page). */
  scanText(page: Page, label: string): Promise<void>;
  /** Goes to 我的 and flips .elder-switch until the app is in `mode`. */
  setMode(page: Page, mode: Mode): Promise<void>;
  /** GET a JSON document from the server under test. */
  getJson<T>(path: string): Promise<T>;
}

/** Per-test budget. jest ignores `testTimeout` inside a `projects` entry, so it is set here. */
export const E2E_TEST_TIMEOUT_MS = 60_000;

/** `env`: extra environment for the server under test (e.g. a short PRESENTATION_TTL_SECONDS). */
export function useE2E(options: { env?: Record<string, string> } = {}): E2E {
  jest.setTimeout(E2E_TEST_TIMEOUT_MS);
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const phones: Phone[] = [];
  /** route → modes in which axe has passed on it */
  const checked = new Map<string, Set<Mode>>();

  const record = (route: string, mode: Mode) => {
    if (!checked.has(route)) checked.set(route, new Set());
    checked.get(route)!.add(mode);
  };

  const axeHere = async (page: Page, label?: string) => {
    const route = await currentRoute(page);
    const mode = await currentMode(page);
    const where = `${label ?? route} · ${mode === 'elder' ? '长辈版' : '普通版'}`;
    await checkA11y(page, where);
    record(route, mode);
  };

  const openPhone = async (): Promise<Phone> => {
    if (!browser || !server) throw new Error('e2e harness not started (beforeAll failed?)');
    const phone = await newPhone(browser, server.url);
    phones.push(phone);
    return phone;
  };

  const setMode = async (page: Page, mode: Mode) => {
    await gotoRoute(page, ROUTES.mine);
    await switchMode(page, mode);
  };

  beforeAll(async () => {
    requireH5Build();
    findChromium();
    // the server (tsx, migrations, seed) and chromium start side by side
    const [started, launched] = await Promise.allSettled([
      startServer(options.env),
      launchChromium(),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  }, 90_000);

  afterEach(async () => {
    const errors = phones.flatMap((p) => p.pageErrors);
    await Promise.all(phones.splice(0).map((p) => p.context.close().catch(() => undefined)));
    if (errors.length > 0) {
      throw new Error(`页面抛出了未捕获的异常：\n${errors.join('\n---\n')}`);
    }
  });

  afterAll(async () => {
    try {
      // Both modes on every page visited: check whatever is missing.
      if (browser && server) {
        const missing: Array<[string, Mode]> = [];
        for (const [route, modes] of checked) {
          for (const mode of ['normal', 'elder'] as const) {
            if (!modes.has(mode)) missing.push([route, mode]);
          }
        }
        // one fresh phone per mode, switched once, loads each of its routes afresh
        for (const mode of ['normal', 'elder'] as const) {
          const routes = missing.filter(([, m]) => m === mode).map(([route]) => route);
          if (routes.length === 0) continue;
          const phone = await openPhone();
          try {
            await setMode(phone.page, mode);
            for (const route of routes) {
              await gotoRoute(phone.page, route);
              await axeHere(phone.page, `${route}（补查）`);
            }
          } finally {
            await phone.context.close().catch(() => undefined);
          }
        }
      }
    } finally {
      await Promise.all(phones.splice(0).map((p) => p.context.close().catch(() => undefined)));
      await Promise.all([browser?.close().catch(() => undefined), server?.stop()]);
    }
  }, 120_000);

  return {
    get baseURL() {
      if (!server) throw new Error('e2e harness not started');
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error('e2e harness not started');
      return browser;
    },
    get server() {
      if (!server) throw new Error('e2e harness not started');
      return server;
    },
    phone: openPhone,
    async visit(page, route) {
      await gotoRoute(page, route);
      await axeHere(page);
    },
    async tapTab(page, text) {
      await tapTab(page, text);
      await axeHere(page);
    },
    checkA11y: axeHere,
    scanText: scanVisibleText,
    setMode,
    async getJson<T>(path: string): Promise<T> {
      if (!server) throw new Error('e2e harness not started');
      const res = await fetch(`${server.url}${path}`);
      if (!res.ok) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}
