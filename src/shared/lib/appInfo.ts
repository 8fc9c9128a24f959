/** Shown in 我的 → 关于. The version is package.json's, compiled in by config/index.ts. */
export const APP_NAME = '掌上不动产';
export const APP_VERSION: string =
  typeof BUILD_APP_VERSION === 'string' ? BUILD_APP_VERSION : '0.0.0-dev';
/** 12345 政务服务便民热线 (Taizhou). */
export const SERVICE_HOTLINE = '12345';
