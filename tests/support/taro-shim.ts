/**
 * Jest stand-in for `@tarojs/taro`. In real builds a Babel plugin rewrites `Taro.x()` into named
 * imports of the platform's API module, so the package's default export carries no APIs under
 * jest. This shim puts the H5 implementation's named exports and Taro's hooks on one default
 * export, so `jest.spyOn(Taro, 'showToast')` works.
 */
import * as h5Apis from '@tarojs/plugin-platform-h5/dist/runtime/apis';
import * as runtime from '@tarojs/runtime';
import * as reactHooks from '@tarojs/plugin-framework-react/dist/runtime';

const Taro: Record<string, unknown> = { ...(h5Apis as Record<string, unknown>) };
for (const [k, v] of Object.entries(reactHooks)) if (k.startsWith('use')) Taro[k] = v;
Taro.getEnv = () => 'WEB';
Taro.ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', ALIPAY: 'ALIPAY' };
Taro.Current = runtime.Current;

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis';
export const { Current } = runtime;
// Taro's hooks are also named exports of '@tarojs/taro' (`import { useLoad } from '@tarojs/taro'`).
export {
  useDidHide,
  useDidShow,
  useLoad,
  usePageScroll,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useShareAppMessage,
  useTabItemTap,
  useUnload,
} from '@tarojs/plugin-framework-react/dist/runtime';
export default Taro;
