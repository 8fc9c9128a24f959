/**
 * One interface for everything the app needs from its container. Each container (plain H5
 * browser, 浙里办 H5 with ZWJSBridge, WeChat and Alipay mini-programs) has one implementation.
 * Later issues add face verification, camera, scanning and file upload here.
 */
export type PlatformName = 'h5' | 'zlb' | 'weapp' | 'alipay';
export type UiStyle = 'normal' | 'elder';
export type ToastKind = 'info' | 'success' | 'error';
export type Unsubscribe = () => void;

/** Synchronous key/value storage of strings (store JSON yourself if you need structure). */
export interface PlatformStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface PlatformAdapter {
  readonly name: PlatformName;
  readonly storage: PlatformStorage;
  /**
   * The container draws its own navigation bar with back (and home): 浙里办 and the
   * mini-programs. In a plain browser it is false and every page outside the tab bar draws its
   * own back and 首页 buttons (src/shared/ui/NavBar.tsx).
   */
  readonly nativeNavigation: boolean;
  /** The container's display style (浙里办 长辈版); 'normal' where the container has none. */
  getUiStyle(): Promise<UiStyle>;
  /** Called with the container's style when it may have changed (浙里办: page shown again). */
  onUiStyleChange(cb: (style: UiStyle) => void): Unsubscribe;
  toast(message: string, kind?: ToastKind): void;
  isOnline(): boolean;
  onNetworkChange(cb: (online: boolean) => void): Unsubscribe;
}

/** Taro.showToast's options, the subset used here. */
export interface ToastOptions {
  title: string;
  icon?: 'success' | 'error' | 'loading' | 'none';
  duration?: number;
}
export type ShowToast = (options: ToastOptions) => unknown;

/** weapp truncates icon toasts to 7 characters: longer messages go without an icon. */
export function toToastOptions(message: string, kind: ToastKind = 'info'): ToastOptions {
  const icon = kind !== 'info' && message.length <= 7 ? kind : 'none';
  return { title: message, icon, duration: kind === 'error' ? 3000 : 2000 };
}
