import type { PlatformAdapter, ShowToast } from './types';
import { toToastOptions } from './types';

/** The Taro APIs the mini-program adapters use; injectable for tests. */
export interface MiniTaroApi {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: string): void;
  removeStorageSync(key: string): void;
  showToast: ShowToast;
  getNetworkType(options: {
    success?: (res: { networkType: string }) => void;
    fail?: () => void;
  }): unknown;
  onNetworkStatusChange(cb: (res: { isConnected: boolean }) => void): void;
  offNetworkStatusChange?(cb: (res: { isConnected: boolean }) => void): void;
}

/** WeChat and Alipay mini-programs through Taro's cross-platform APIs. */
export function createMiniAdapter(name: 'weapp' | 'alipay', taro: MiniTaroApi): PlatformAdapter {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  try {
    taro.getNetworkType({
      success: (res) => {
        online = res.networkType !== 'none';
      },
    });
    taro.onNetworkStatusChange((res) => {
      online = res.isConnected;
      listeners.forEach((cb) => cb(online));
    });
  } catch {
    /* keep assuming online */
  }
  return {
    name,
    nativeNavigation: true,
    storage: {
      get(key) {
        try {
          const v = taro.getStorageSync(key);
          return typeof v === 'string' && v !== '' ? v : null;
        } catch {
          return null;
        }
      },
      set(key, value) {
        try {
          taro.setStorageSync(key, value);
        } catch {
          /* storage full: the choice lasts for this session only */
        }
      },
      remove(key) {
        try {
          taro.removeStorageSync(key);
        } catch {
          /* ignore */
        }
      },
    },
    getUiStyle: () => Promise.resolve('normal'),
    onUiStyleChange: () => () => undefined,
    toast(message, kind) {
      taro.showToast(toToastOptions(message, kind));
    },
    isOnline: () => online,
    onNetworkChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
