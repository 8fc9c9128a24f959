import Taro from '@tarojs/taro';
import { detectPlatform } from './detect';
import { createDomToast } from './domToast';
import { createH5Adapter } from './h5';
import { createMiniAdapter } from './mini';
import type { PlatformAdapter } from './types';
import { createZlbAdapter, lockViewportZoom, type ZwjsBridge } from './zlb';

export * from './types';
export { detectPlatform } from './detect';
export type { PlatformEnv } from './detect';
export { createH5Adapter, createWebStorage } from './h5';
export { createZlbAdapter, lockViewportZoom } from './zlb';
export type { ZwjsBridge } from './zlb';
export { createMiniAdapter } from './mini';
export { createDomToast } from './domToast';
export type { MiniTaroApi } from './mini';

function createPlatform(): PlatformAdapter {
  // process.env.TARO_ENV is replaced at build time, so each build keeps only its own branch.
  if (process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay') {
    return createMiniAdapter(process.env.TARO_ENV, {
      getStorageSync: (key) => Taro.getStorageSync(key),
      setStorageSync: (key, value) => Taro.setStorageSync(key, value),
      removeStorageSync: (key) => Taro.removeStorageSync(key),
      showToast: (o) => Taro.showToast(o),
      getNetworkType: (o) => Taro.getNetworkType(o),
      onNetworkStatusChange: (cb) => Taro.onNetworkStatusChange(cb),
    });
  }
  const bridge = (window as unknown as { ZWJSBridge?: ZwjsBridge }).ZWJSBridge;
  const name = detectPlatform({
    taroEnv: process.env.TARO_ENV,
    userAgent: navigator.userAgent,
    hasZwjsBridge: !!bridge,
  });
  const toast = createDomToast(document);
  if (name === 'zlb' && bridge) {
    lockViewportZoom(document);
    return createZlbAdapter({ window, document, bridge, toast });
  }
  return createH5Adapter({ window, toast });
}

let instance: PlatformAdapter | undefined;

/** The adapter of the container the app runs in, created once. */
export function getPlatform(): PlatformAdapter {
  return (instance ??= createPlatform());
}

/** Tests (and only tests) replace the adapter; pass nothing to go back to detection. */
export function setPlatform(adapter: PlatformAdapter | undefined): void {
  instance = adapter;
}
