import type { PlatformAdapter, PlatformStorage, ToastKind, UiStyle } from './types';

/** What the H5 adapters use of `window`; injectable for tests. */
export interface BrowserLike {
  localStorage?: Storage;
  navigator?: { onLine?: boolean };
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface H5Deps {
  window: BrowserLike;
  toast: (message: string, kind?: ToastKind) => void;
}

/** localStorage, falling back to memory where it is unavailable (private mode, blocked). */
export function createWebStorage(win: BrowserLike): PlatformStorage {
  const memory = new Map<string, string>();
  const ls = (): Storage | undefined => {
    try {
      return win.localStorage ?? undefined;
    } catch {
      return undefined;
    }
  };
  return {
    get(key) {
      try {
        const s = ls();
        if (s) return s.getItem(key);
      } catch {
        /* fall through to memory */
      }
      return memory.has(key) ? (memory.get(key) as string) : null;
    },
    set(key, value) {
      memory.set(key, value);
      try {
        ls()?.setItem(key, value);
      } catch {
        /* quota or blocked: memory keeps it for this session */
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        ls()?.removeItem(key);
      } catch {
        /* ignore */
      }
    },
  };
}

export function createH5Adapter(deps: H5Deps): PlatformAdapter {
  const { window: win, toast } = deps;
  return {
    name: 'h5',
    storage: createWebStorage(win),
    nativeNavigation: false,
    getUiStyle: () => Promise.resolve<UiStyle>('normal'),
    onUiStyleChange: () => () => undefined,
    toast,
    isOnline: () => win.navigator?.onLine !== false,
    onNetworkChange(cb) {
      const on = () => cb(true);
      const off = () => cb(false);
      win.addEventListener('online', on);
      win.addEventListener('offline', off);
      return () => {
        win.removeEventListener('online', on);
        win.removeEventListener('offline', off);
      };
    },
  };
}
