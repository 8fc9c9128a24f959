import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/taro';
import MinePage from '@/pages/mine/index';
import IndexPage from '@/pages/index/index';
import { createApiClient, setApiClient } from '@/shared/api';
import { createZlbAdapter, setPlatform, type ZwjsBridge } from '@/shared/platform';
import { ELDER_MODE_KEY, elderTokens, initElderMode, normalTokens } from '@/shared/theme';
import { resetCatalogue } from '@/features/catalogue';
import { CATALOGUE, fakePlatform, scriptedAdapter } from './fakes';

const page = (c: HTMLElement) => c.querySelector('.app-page') as HTMLElement;

function zlbPlatform(uiStyle: string | undefined, stored?: string) {
  const storage = new Map<string, string>(stored ? [[ELDER_MODE_KEY, stored]] : []);
  const listeners: Array<() => void> = [];
  let style = uiStyle;
  const bridge: ZwjsBridge = {
    onReady: (cb) => setTimeout(cb, 0),
    getUiStyle: style === undefined ? undefined : async () => ({ uiStyle: style }),
  };
  const platform = createZlbAdapter({
    window: {
      localStorage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
        removeItem: (k: string) => void storage.delete(k),
      } as unknown as Storage,
      navigator: { onLine: true },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
    document: {
      visibilityState: 'visible',
      addEventListener: (_t, l) => void listeners.push(l),
      removeEventListener: () => undefined,
    },
    bridge,
    toast: jest.fn(),
  });
  return {
    platform,
    storage,
    /** the user switches 浙里办 to 长辈版 and comes back to the page */
    comeBackWith(next: string) {
      style = next;
      listeners.forEach((l) => l());
    },
  };
}

afterEach(() => {
  setPlatform(undefined);
  document.documentElement.classList.remove('he-elder');
});

describe('长辈版 switch (我的)', () => {
  it('flips the theme class and tokens, and persists the choice to storage', async () => {
    const fake = fakePlatform();
    await initElderMode(fake.platform);
    const { container, unmount } = render(<MinePage />);
    const root = page(container);
    expect(root).toHaveClass('theme-normal');
    expect(root.style.fontSize).toBe(`${normalTokens.fontSize.body}px`);
    expect(root.style.getPropertyValue('--he-tap')).toBe('44px');

    const sw = container.querySelector('.elder-switch') as HTMLElement;
    expect(sw).toHaveAttribute('role', 'switch');
    expect(sw).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByRole('switch', { name: '长辈版' })).toBe(sw);
    expect(sw).toHaveTextContent('已关闭');

    fireEvent.click(sw);
    expect(page(container)).toHaveClass('theme-elder');
    expect(page(container)).not.toHaveClass('theme-normal');
    expect(page(container).style.fontSize).toBe(`${elderTokens.fontSize.body}px`);
    expect(parseFloat(page(container).style.fontSize)).toBeGreaterThanOrEqual(18);
    expect(page(container).style.getPropertyValue('--he-font-body')).toBe('20px');
    expect(page(container).style.getPropertyValue('--he-tap')).toBe('60px');
    expect(sw).toHaveAttribute('aria-checked', 'true');
    expect(sw).toHaveTextContent('已开启');
    expect(fake.store.get(ELDER_MODE_KEY)).toBe('elder');
    expect(document.documentElement).toHaveClass('he-elder');

    // "reload": a fresh start from the same storage keeps 长辈版
    unmount();
    await initElderMode(fake.platform);
    const again = render(<MinePage />);
    expect(page(again.container)).toHaveClass('theme-elder');

    fireEvent.click(again.container.querySelector('.elder-switch') as HTMLElement);
    expect(page(again.container)).toHaveClass('theme-normal');
    expect(fake.store.get(ELDER_MODE_KEY)).toBe('normal');
  });

  it('shows the hotline as a callable link and the version', () => {
    render(<MinePage />);
    const hotline = screen.getByRole('link', { name: '拨打服务热线 12345' });
    expect(hotline).toHaveTextContent('12345');
    expect(document.querySelector('.about-version')).toHaveTextContent(/版本 \d+\.\d+\.\d+/);
  });
});

describe('长辈版 inside 浙里办', () => {
  it('starts in 长辈版 when ZWJSBridge.getUiStyle says elder and nothing is stored', async () => {
    const zlb = zlbPlatform('elder');
    const { container } = render(<MinePage />);
    await act(() => initElderMode(zlb.platform));
    expect(page(container)).toHaveClass('theme-elder');
    // following the container is not a user choice: nothing stored
    expect(zlb.storage.has(ELDER_MODE_KEY)).toBe(false);
  });

  it('a stored user choice wins over the bridge', async () => {
    const zlb = zlbPlatform('elder', 'normal');
    const { container } = render(<MinePage />);
    await act(() => initElderMode(zlb.platform));
    expect(page(container)).toHaveClass('theme-normal');
    act(() => zlb.comeBackWith('elder'));
    await new Promise((r) => setTimeout(r, 5));
    expect(page(container)).toHaveClass('theme-normal');
  });

  it('stays normal on 浙里办 before 6.11 (no getUiStyle)', async () => {
    const zlb = zlbPlatform(undefined);
    const { container } = render(<MinePage />);
    await act(() => initElderMode(zlb.platform));
    expect(page(container)).toHaveClass('theme-normal');
  });

  it('follows the container when the page is shown again, until the user chooses', async () => {
    const zlb = zlbPlatform('normal');
    const { container } = render(<MinePage />);
    await act(() => initElderMode(zlb.platform));
    expect(page(container)).toHaveClass('theme-normal');
    await act(async () => {
      zlb.comeBackWith('elder');
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(page(container)).toHaveClass('theme-elder');

    fireEvent.click(container.querySelector('.elder-switch') as HTMLElement);
    expect(page(container)).toHaveClass('theme-normal');
    expect(zlb.storage.get(ELDER_MODE_KEY)).toBe('normal');
    await act(async () => {
      zlb.comeBackWith('elder');
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(page(container)).toHaveClass('theme-normal');
  });
});

describe('首页 has its own obvious 长辈版 entry', () => {
  beforeEach(() => {
    Current.router = { path: '/pages/index/index', params: {} } as unknown as typeof Current.router;
  });
  afterEach(() => setApiClient(undefined));

  it('toggles the same mode from the home page', async () => {
    const fake = fakePlatform();
    setPlatform(fake.platform);
    await initElderMode(fake.platform);
    setApiClient(
      createApiClient({
        baseURL: '/api/v1',
        adapter: scriptedAdapter({ status: 200, data: CATALOGUE }).adapter,
      }),
    );
    resetCatalogue();
    const { container } = render(<IndexPage />);
    await waitFor(() => expect(container.querySelectorAll('.catalogue-item')).toHaveLength(2));
    const entry = container.querySelector('.elder-entry') as HTMLElement;
    expect(entry).toHaveAttribute('role', 'switch');
    expect(entry).toHaveAccessibleName('长辈版');
    fireEvent.click(entry);
    expect(page(container)).toHaveClass('theme-elder');
    expect(fake.store.get(ELDER_MODE_KEY)).toBe('elder');
  });
});
