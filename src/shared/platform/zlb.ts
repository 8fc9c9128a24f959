import { createH5Adapter, type BrowserLike } from './h5';
import type { PlatformAdapter, ToastKind, UiStyle } from './types';

/** The part of 浙里办's ZWJSBridge used here (docs/registry-facts.md §10). */
export interface ZwjsBridge {
  onReady(cb: () => void): void;
  /** Absent before 浙里办 6.11.0. Resolves `{ uiStyle: 'normal' | 'elder' }`. */
  getUiStyle?: (options?: object) => Promise<unknown>;
}

export interface ZlbDeps {
  window: BrowserLike;
  document: {
    visibilityState?: string;
    addEventListener(type: string, listener: () => void): void;
    removeEventListener(type: string, listener: () => void): void;
  };
  bridge: ZwjsBridge;
  toast: (message: string, kind?: ToastKind) => void;
  /** give up waiting for onReady after this long, ms */
  readyTimeoutMs?: number;
}

function readStyle(result: unknown): UiStyle {
  const value =
    typeof result === 'string'
      ? result
      : result && typeof result === 'object'
        ? (result as { uiStyle?: unknown }).uiStyle
        : undefined;
  return value === 'elder' ? 'elder' : 'normal';
}

/** 浙里办 H5: a browser with ZWJSBridge. Any bridge failure degrades to the normal style. */
export function createZlbAdapter(deps: ZlbDeps): PlatformAdapter {
  const base = createH5Adapter(deps);
  const { bridge, document: doc } = deps;
  let ready: Promise<void> | undefined;
  const whenReady = () =>
    (ready ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, deps.readyTimeoutMs ?? 3000);
      try {
        bridge.onReady(() => {
          clearTimeout(timer);
          resolve();
        });
      } catch {
        clearTimeout(timer);
        resolve();
      }
    }));

  async function getUiStyle(): Promise<UiStyle> {
    try {
      await whenReady();
      if (typeof bridge.getUiStyle !== 'function') return 'normal';
      return readStyle(await bridge.getUiStyle({}));
    } catch {
      return 'normal';
    }
  }

  return {
    ...base,
    name: 'zlb',
    nativeNavigation: true,
    getUiStyle,
    onUiStyleChange(cb) {
      const listener = () => {
        if (doc.visibilityState === 'hidden') return;
        void getUiStyle().then(cb);
      };
      doc.addEventListener('visibilitychange', listener);
      return () => doc.removeEventListener('visibilitychange', listener);
    },
  };
}

/**
 * 浙里办 listing rules forbid page zoom (docs/registry-facts.md §10), so inside 浙里办 only the viewport
 * is locked; plain browsers keep pinch-zoom (WCAG 1.4.4). 长辈版 is the large-text path in both.
 */
export function lockViewportZoom(doc: Document): void {
  const meta = doc.querySelector('meta[name="viewport"]');
  if (meta) {
    meta.setAttribute(
      'content',
      'width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no,viewport-fit=cover',
    );
  }
}
