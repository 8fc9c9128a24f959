/** Shown in 我的 → 关于. Keep in step with package.json "version". */
export const APP_NAME = '掌上不动产';
export const APP_VERSION = '0.1.0';
/** 12345 政务服务便民热线 (Taizhou). */
export const SERVICE_HOTLINE = '12345';
