/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** Compiled in by config/index.ts (defineConstants). */
declare const API_BASE_URL: string;
/** package.json version, compiled in by config/index.ts. */
declare const BUILD_APP_VERSION: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'quickapp' | 'qq' | 'jd';
  }
}

/** Untyped runtime entry used by the jest setup (tests/support). */
declare module '@tarojs/plugin-framework-react/dist/runtime';
