/**
 * Pages load lazily on H5 (one script per page). Offline, a tab switch or a link fails to load its
 * page: instead of an uncaught error and a tab that lights up over the old page, the designed
 * offline state covers the page area with 重试, and the page opens by itself when the network is
 * back (no reload: webpack loads a failed chunk again on the next try).
 */
import { eventCenter } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { isTabPage, pagePath } from './navigation';

/** What the watcher needs of the browser; injectable for tests. */
export interface ChunkWindow {
  document: Document;
  location: { hash: string };
  addEventListener(type: string, listener: (e: Event) => void): void;
}

/** webpack's error for a script or stylesheet chunk that did not load. */
export function isChunkLoadError(reason: unknown): boolean {
  if (!reason || typeof reason !== 'object') return false;
  const e = reason as { name?: unknown; code?: unknown; message?: unknown };
  return (
    e.name === 'ChunkLoadError' ||
    e.code === 'CSS_CHUNK_LOAD_FAILED' ||
    (typeof e.message === 'string' && /Loading (CSS )?chunk \S+ failed/.test(e.message))
  );
}

const PANEL_ID = 'he-chunk-offline';
const TAB_NAMES: Record<string, string> = {
  'pages/index/index': '首页',
  'pages/cases/index': '办件',
  'pages/certificates/index': '证照',
  'pages/mine/index': '我的',
};

/** The page the app was going to: the hash route ('#/pages/x/index?y=1' → '/pages/x/index?y=1'). */
const targetOf = (hash: string): string => `/${hash.replace(/^#?\/*/, '')}`;

function open(route: string): Promise<unknown> {
  // the URL already shows the target: replacing it loads the page again (a tab, or a page a
  // failed link left on top of the history)
  return isTabPage(route) ? Taro.switchTab({ url: route }) : Taro.redirectTo({ url: route });
}

/**
 * Watches for page chunks that fail to load (H5 only) and shows the offline state over the page
 * area until the page opens. Returns the function that retries (also called when back online).
 */
export function watchChunkFailures(win: ChunkWindow): () => void {
  let failedRoute: string | null = null;
  const doc = win.document;

  const hide = () => doc.getElementById(PANEL_ID)?.remove();
  const show = (route: string) => {
    hide();
    const name = TAB_NAMES[pagePath(route)];
    const panel = doc.createElement('div');
    panel.id = PANEL_ID;
    panel.className = 'chunk-offline';
    panel.setAttribute('role', 'alert');
    panel.innerHTML =
      '<div class="chunk-offline__glyph" aria-hidden="true">⌀</div>' +
      '<div class="chunk-offline__title" role="heading" aria-level="2">网络未连接</div>' +
      `<p class="chunk-offline__message">${name ? `无法打开“${name}”` : '页面未能打开'}，请检查网络后重试；联网后会自动打开。</p>` +
      '<button type="button" class="chunk-offline__retry">重试</button>';
    panel.querySelector('button')?.addEventListener('click', () => retry());
    doc.body.appendChild(panel);
  };

  const retry = () => {
    const route = failedRoute;
    if (!route) return;
    failedRoute = null;
    hide();
    void open(route).catch(() => undefined);
  };

  win.addEventListener('unhandledrejection', (e) => {
    const reason = (e as PromiseRejectionEvent).reason;
    if (!isChunkLoadError(reason)) return;
    e.preventDefault();
    failedRoute = targetOf(win.location.hash);
    show(failedRoute);
  });
  win.addEventListener('online', () => retry());
  // the user went elsewhere (a tab already loaded, 返回): the failed page is no longer wanted
  eventCenter.on('__taroRouterChange', (e: { toLocation?: { path?: string } }) => {
    if (failedRoute && pagePath(e?.toLocation?.path) !== pagePath(failedRoute)) {
      failedRoute = null;
      hide();
    }
  });
  return retry;
}
