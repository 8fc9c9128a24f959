import type { PlatformName } from './types';

export interface PlatformEnv {
  /** process.env.TARO_ENV of the build */
  taroEnv?: string;
  userAgent?: string;
  /** whether window.ZWJSBridge exists */
  hasZwjsBridge?: boolean;
}

/**
 * Which container the app runs in (docs/registry-facts.md §10). Mini-program builds are known at
 * compile time; an H5 page is in 浙里办 only if the user agent says `dtdreamweb` AND the bridge is
 * present.
 */
export function detectPlatform(env: PlatformEnv): PlatformName {
  if (env.taroEnv === 'weapp') return 'weapp';
  if (env.taroEnv === 'alipay') return 'alipay';
  const ua = (env.userAgent ?? '').toLowerCase();
  if (ua.includes('dtdreamweb') && env.hasZwjsBridge === true) return 'zlb';
  return 'h5';
}
