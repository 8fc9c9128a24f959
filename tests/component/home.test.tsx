import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro, { Current } from '@tarojs/taro';
import IndexPage from '@/pages/index/index';
import {
  resetCatalogue,
  SERVICE_ENTRIES,
  ServiceEntries,
  type ServiceEntry,
} from '@/features/catalogue';
import { createApiClient, setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { initElderMode } from '@/shared/theme';
import { signIn, signOut } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { CATALOGUE, fakePlatform, scriptedAdapter } from './fakes';

describe('service entries', () => {
  it('lists the six entries of the issue, each leading to its feature', () => {
    expect(SERVICE_ENTRIES.map((e) => e.title)).toEqual([
      '我要申请',
      '我的办件',
      '我的证照',
      '扫码核验',
      '权属查询',
      '在线咨询',
    ]);
    expect(SERVICE_ENTRIES.filter((e) => e.available).map((e) => e.url)).toEqual([
      '/pages/apply/index',
      '/pages/cases/index',
      '/pages/certificates/index',
      '/pages/verify/index',
      '/pages/query/index',
      '/pages/consult/index',
    ]);
  });

  it('renders nothing while no entry has its feature', () => {
    const none = SERVICE_ENTRIES.map((e) => ({ ...e, available: false }));
    const { container } = render(<ServiceEntries entries={none} />);
    expect(container.querySelector('.service-entries')).toBeNull();
    expect(container.querySelector('.service-entry')).toBeNull();
    expect(screen.queryByText('我要申请')).toBeNull();
  });

  it('shows only the entries flagged available, and opens them', () => {
    const entries: ServiceEntry[] = SERVICE_ENTRIES.map((e) =>
      e.key === 'cases'
        ? { ...e, available: true, url: '/pages/cases/index', tab: true }
        : { ...e, available: false },
    );
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never);
    const { container } = render(<ServiceEntries entries={entries} />);
    expect(container.querySelectorAll('.service-entry')).toHaveLength(1);
    const button = screen.getByRole('button', { name: '我的办件' });
    expect(screen.queryByText('我要申请')).toBeNull();
    fireEvent.click(button);
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/cases/index' });
    switchTab.mockRestore();
  });
});

describe('首页', () => {
  beforeEach(() => {
    Current.router = { path: '/pages/index/index', params: {} } as unknown as typeof Current.router;
    const fake = fakePlatform();
    setPlatform(fake.platform);
    void initElderMode(fake.platform);
    resetCatalogue();
  });
  afterEach(() => {
    setApiClient(undefined);
    setPlatform(undefined);
  });

  it('has a title, the 长辈版 entry, the entries grid and the catalogue', async () => {
    setApiClient(
      createApiClient({
        baseURL: '/api/v1',
        adapter: scriptedAdapter({ status: 200, data: CATALOGUE }).adapter,
      }),
    );
    const { container } = render(<IndexPage />);
    expect(screen.getByRole('heading', { level: 1, name: '掌上不动产' })).toBeInTheDocument();
    expect(container.querySelector('.app-page')).not.toBeNull();
    expect(container.querySelector('.elder-entry')).not.toBeNull();
    await waitFor(() => expect(container.querySelectorAll('.catalogue-item')).toHaveLength(2));
    expect(container.querySelector('.service-entries')).not.toBeNull();
    expect(container.querySelector('.home__user')).toBeNull();
  });

  it('greets the signed-in user on a line of its own, apart from the subtitle', async () => {
    setApiClient(
      createApiClient({
        baseURL: '/api/v1',
        adapter: scriptedAdapter({ status: 200, data: CATALOGUE }).adapter,
      }),
    );
    signIn(LOGIN);
    const { container } = render(<IndexPage />);
    const greeting = container.querySelector('.home__user')!;
    const intro = container.querySelector('.home__intro')!;
    // block elements (taro-view-core is display:block), siblings: never one run of inline text
    expect(greeting.tagName).toBe('TARO-VIEW-CORE');
    expect(intro.tagName).toBe('TARO-VIEW-CORE');
    expect(greeting.parentElement).toBe(intro.parentElement);
    expect(greeting.textContent).toMatch(/^您好，.\*/);
    expect(greeting.textContent).not.toContain('台州');
    await waitFor(() => expect(container.querySelectorAll('.catalogue-item')).toHaveLength(2));
    act(() => signOut());
  });
});
