import { detectPlatform } from '@/shared/platform/detect';
import { createH5Adapter, createWebStorage, type BrowserLike } from '@/shared/platform/h5';
import { createMiniAdapter, type MiniTaroApi } from '@/shared/platform/mini';
import { toToastOptions } from '@/shared/platform/types';
import { createZlbAdapter, type ZwjsBridge } from '@/shared/platform/zlb';

const ZLB_UA =
  'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/99 Mobile Safari/537.36 dtDreamWeb/6.12.0';
const CHROME_UA = 'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/120 Mobile';

describe('detectPlatform', () => {
  it.each([
    [{ taroEnv: 'weapp', userAgent: ZLB_UA, hasZwjsBridge: true }, 'weapp'],
    [{ taroEnv: 'alipay', userAgent: CHROME_UA }, 'alipay'],
    [{ taroEnv: 'h5', userAgent: ZLB_UA, hasZwjsBridge: true }, 'zlb'],
    [{ taroEnv: 'h5', userAgent: ZLB_UA.toUpperCase(), hasZwjsBridge: true }, 'zlb'],
    [{ taroEnv: 'h5', userAgent: ZLB_UA, hasZwjsBridge: false }, 'h5'],
    [{ taroEnv: 'h5', userAgent: CHROME_UA, hasZwjsBridge: true }, 'h5'],
    [{ taroEnv: 'h5', userAgent: CHROME_UA, hasZwjsBridge: false }, 'h5'],
    [{ taroEnv: 'h5' }, 'h5'],
    [{}, 'h5'],
  ])('%j → %s', (env, expected) => {
    expect(detectPlatform(env)).toBe(expected);
  });
});

function fakeWindow(online = true, storage?: Partial<Storage>) {
  const listeners: Record<string, Array<() => void>> = {};
  const win: BrowserLike & { fire(type: string): void; navigator: { onLine: boolean } } = {
    localStorage: storage as Storage | undefined,
    navigator: { onLine: online },
    addEventListener: (t, l) => (listeners[t] ??= []).push(l),
    removeEventListener: (t, l) => {
      listeners[t] = (listeners[t] ?? []).filter((x) => x !== l);
    },
    fire: (t) => (listeners[t] ?? []).forEach((l) => l()),
  };
  return win;
}

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => (m.has(k) ? (m.get(k) as string) : null),
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
    key: () => null,
    get length() {
      return m.size;
    },
  };
}

describe('H5 adapter', () => {
  it('stores strings in localStorage and reads them back', () => {
    const ls = memoryStorage();
    const p = createH5Adapter({ window: fakeWindow(true, ls), toast: jest.fn() });
    expect(p.name).toBe('h5');
    expect(p.storage.get('k')).toBeNull();
    p.storage.set('k', '{"a":1}');
    expect(ls.getItem('k')).toBe('{"a":1}');
    expect(p.storage.get('k')).toBe('{"a":1}');
    p.storage.remove('k');
    expect(p.storage.get('k')).toBeNull();
  });

  it('falls back to memory when localStorage throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceeded');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const s = createWebStorage(fakeWindow(true, throwing));
    s.set('he.elderMode', 'elder');
    expect(s.get('he.elderMode')).toBe('elder');
  });

  it('reports connectivity and its changes, and unsubscribes', async () => {
    const win = fakeWindow(false);
    const p = createH5Adapter({ window: win, toast: jest.fn() });
    expect(p.isOnline()).toBe(false);
    const seen: boolean[] = [];
    const off = p.onNetworkChange((o) => seen.push(o));
    win.fire('online');
    win.fire('offline');
    off();
    win.fire('online');
    expect(seen).toEqual([true, false]);
    await expect(p.getUiStyle()).resolves.toBe('normal');
  });

  it('toasts through the injected toast', () => {
    const toast = jest.fn();
    const p = createH5Adapter({ window: fakeWindow(), toast });
    p.toast('已保存', 'success');
    expect(toast).toHaveBeenCalledWith('已保存', 'success');
  });

  it('mini-program toast options: long messages go without an icon (weapp truncates)', () => {
    expect(toToastOptions('已保存', 'success')).toMatchObject({ title: '已保存', icon: 'success' });
    expect(toToastOptions('网络连接失败，请检查网络后重试', 'error')).toMatchObject({
      icon: 'none',
    });
    expect(toToastOptions('短', 'info').icon).toBe('none');
  });
});

function fakeDocument() {
  const listeners: Array<() => void> = [];
  return {
    visibilityState: 'visible',
    addEventListener: (_t: string, l: () => void) => listeners.push(l),
    removeEventListener: (_t: string, l: () => void) => {
      const i = listeners.indexOf(l);
      if (i >= 0) listeners.splice(i, 1);
    },
    fire: () => listeners.forEach((l) => l()),
    count: () => listeners.length,
  };
}

const readyBridge = (getUiStyle?: ZwjsBridge['getUiStyle']): ZwjsBridge => ({
  onReady: (cb) => cb(),
  getUiStyle,
});

describe('浙里办 adapter', () => {
  const zlb = (bridge: ZwjsBridge, readyTimeoutMs = 50) =>
    createZlbAdapter({
      window: fakeWindow(),
      document: fakeDocument(),
      bridge,
      toast: jest.fn(),
      readyTimeoutMs,
    });

  it('reads elder from getUiStyle after onReady', async () => {
    const order: string[] = [];
    let ready: () => void = () => undefined;
    const bridge: ZwjsBridge = {
      onReady: (cb) => {
        ready = () => {
          order.push('ready');
          cb();
        };
      },
      getUiStyle: async () => {
        order.push('getUiStyle');
        return { uiStyle: 'elder' };
      },
    };
    const p = zlb(bridge, 5000);
    expect(p.name).toBe('zlb');
    const style = p.getUiStyle();
    await Promise.resolve();
    expect(order).toEqual([]);
    ready();
    await expect(style).resolves.toBe('elder');
    expect(order).toEqual(['ready', 'getUiStyle']);
  });

  it('treats a missing getUiStyle (before 6.11) as normal', async () => {
    await expect(zlb(readyBridge(undefined)).getUiStyle()).resolves.toBe('normal');
  });

  it('degrades to normal when the bridge fails or answers nonsense', async () => {
    await expect(
      zlb(readyBridge(() => Promise.reject(new Error('bridge')))).getUiStyle(),
    ).resolves.toBe('normal');
    await expect(zlb(readyBridge(async () => ({ uiStyle: 'huge' }))).getUiStyle()).resolves.toBe(
      'normal',
    );
    const throwingReady: ZwjsBridge = {
      onReady: () => {
        throw new Error('no bridge');
      },
      getUiStyle: async () => 'elder',
    };
    await expect(zlb(throwingReady).getUiStyle()).resolves.toBe('elder');
  });

  it('gives up waiting for onReady after the timeout', async () => {
    const never: ZwjsBridge = {
      onReady: () => undefined,
      getUiStyle: async () => ({ uiStyle: 'elder' }),
    };
    await expect(zlb(never, 10).getUiStyle()).resolves.toBe('elder');
  });

  it('re-reads the style when the page becomes visible again', async () => {
    let style = 'normal';
    const doc = fakeDocument();
    const p = createZlbAdapter({
      window: fakeWindow(),
      document: doc,
      bridge: readyBridge(async () => ({ uiStyle: style })),
      toast: jest.fn(),
    });
    const seen: string[] = [];
    const off = p.onUiStyleChange((s) => seen.push(s));
    style = 'elder';
    doc.fire();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['elder']);
    off();
    expect(doc.count()).toBe(0);
  });
});

describe('mini-program adapter', () => {
  function fakeTaro() {
    const store = new Map<string, unknown>();
    let netCb: ((r: { isConnected: boolean }) => void) | undefined;
    const api: MiniTaroApi & { net(c: boolean): void } = {
      getStorageSync: (k) => (store.has(k) ? store.get(k) : ''),
      setStorageSync: (k, v) => void store.set(k, v),
      removeStorageSync: (k) => void store.delete(k),
      showToast: jest.fn(),
      getNetworkType: (o) => o.success?.({ networkType: 'none' }),
      onNetworkStatusChange: (cb) => {
        netCb = cb;
      },
      net: (c) => netCb?.({ isConnected: c }),
    };
    return api;
  }

  it.each(['weapp', 'alipay'] as const)('%s: storage, toast, network', (name) => {
    const taro = fakeTaro();
    const p = createMiniAdapter(name, taro);
    expect(p.name).toBe(name);
    expect(p.storage.get('he.elderMode')).toBeNull();
    p.storage.set('he.elderMode', 'elder');
    expect(p.storage.get('he.elderMode')).toBe('elder');
    p.storage.remove('he.elderMode');
    expect(p.storage.get('he.elderMode')).toBeNull();

    expect(p.isOnline()).toBe(false);
    const seen: boolean[] = [];
    const off = p.onNetworkChange((o) => seen.push(o));
    taro.net(true);
    expect(p.isOnline()).toBe(true);
    off();
    taro.net(false);
    expect(seen).toEqual([true]);
    expect(p.isOnline()).toBe(false);

    p.toast('提交成功', 'success');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '提交成功' }));
  });

  it('has no container UI style', async () => {
    await expect(createMiniAdapter('weapp', fakeTaro()).getUiStyle()).resolves.toBe('normal');
  });
});
