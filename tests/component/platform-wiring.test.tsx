import { getPlatform, setPlatform } from '@/shared/platform';

const ZLB_UA = 'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Mobile dtDreamWeb/6.12.0';
const w = window as unknown as { ZWJSBridge?: unknown };

function setUserAgent(ua: string) {
  Object.defineProperty(window.navigator, 'userAgent', { value: ua, configurable: true });
}

beforeEach(() => {
  setPlatform(undefined);
  document.head.innerHTML =
    '<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">';
});
afterEach(() => {
  delete w.ZWJSBridge;
  setPlatform(undefined);
});

const viewport = () => document.querySelector('meta[name="viewport"]')?.getAttribute('content');

describe('getPlatform on H5', () => {
  it('is plain h5 in a browser, zoom allowed, storage in localStorage', () => {
    setUserAgent('Mozilla/5.0 Chrome/120 Mobile');
    w.ZWJSBridge = { onReady: () => undefined };
    const p = getPlatform();
    expect(p.name).toBe('h5');
    expect(getPlatform()).toBe(p);
    expect(viewport()).not.toMatch(/user-scalable=no/);
    p.storage.set('he.test', 'x');
    expect(window.localStorage.getItem('he.test')).toBe('x');
  });

  it('is 浙里办 with dtdreamweb and the bridge, and then locks page zoom', async () => {
    setUserAgent(ZLB_UA);
    w.ZWJSBridge = {
      onReady: (cb: () => void) => cb(),
      getUiStyle: async () => ({ uiStyle: 'elder' }),
    };
    const p = getPlatform();
    expect(p.name).toBe('zlb');
    expect(viewport()).toMatch(/user-scalable=no/);
    await expect(p.getUiStyle()).resolves.toBe('elder');
  });

  it('is plain h5 with dtdreamweb but no bridge', () => {
    setUserAgent(ZLB_UA);
    expect(getPlatform().name).toBe('h5');
  });

  it('toasts into a status region', () => {
    setUserAgent('Mozilla/5.0 Chrome/120 Mobile');
    getPlatform().toast('已切换', 'success');
    const el = document.querySelector('.he-toast');
    expect(el).toHaveAttribute('role', 'status');
    expect(el).toHaveTextContent('已切换');
  });
});
