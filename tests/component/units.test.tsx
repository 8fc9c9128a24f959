import { render, screen, waitFor, within } from '@testing-library/react';
import { UnitsScreen, useMyUnits } from '@/features/myUnits';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn, signOut } from '@/shared/session';
import { LOGIN, UNITS } from './auth-fakes';
import { fakePlatform, serveScripted } from './fakes';

describe('我的不动产', () => {
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    useMyUnits.getState().reset();
  });
  afterEach(() => {
    setApiClient(undefined);
    setPlatform(undefined);
  });

  it('asks to log in first when signed out', () => {
    signOut();
    render(<UnitsScreen />);
    expect(screen.getByRole('heading', { name: '请先登录' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '去登录' })).toBeInTheDocument();
  });

  it('loading, then each unit with its facts, masked co-owners and worded restrictions', async () => {
    signIn(LOGIN);
    const s = serveScripted({ status: 200, data: { items: UNITS } });
    const release = s.hold();
    const { container } = render(<UnitsScreen />);
    expect(container.querySelector('.state-view--loading')).toHaveTextContent('正在查询名下不动产');
    release();
    await waitFor(() => expect(container.querySelectorAll('.unit')).toHaveLength(2));
    expect(s.calls[0].url).toBe('/me/units');
    expect(s.calls[0].headers.get('Authorization')).toBe('Bearer token-abc');

    const [first, second] = Array.from(container.querySelectorAll<HTMLElement>('.unit'));
    expect(within(first).getByRole('heading', { level: 2 })).toHaveTextContent('紫荆华庭12幢');
    expect(first).toHaveTextContent('浙(2022)台州市不动产权第0001234号');
    expect(first).toHaveTextContent('331004001001 GB00029 F00010002');
    expect(first).toHaveTextContent('国有建设用地使用权/房屋所有权');
    expect(first).toHaveTextContent('118.50 平方米');
    expect(first).toHaveTextContent('共同共有');
    expect(first).toHaveTextContent('叶*华（331083********7966）');
    const restrictions = within(first)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(restrictions[0]).toMatch(/抵押.*2022-03-01 起/);
    expect(restrictions[1]).toMatch(/查封.*2025-06-01 起/);

    expect(second).toHaveTextContent('单独所有');
    expect(second).toHaveTextContent('无抵押、查封、异议、预告登记');
    expect(second).toHaveTextContent('无电子证书号');
    expect(second).toHaveTextContent('旧版证书');
    expect(screen.getAllByRole('button', { name: /的登记记录$/ })).toHaveLength(2);
  });

  it('explains a paper-only certificate', async () => {
    signIn(LOGIN);
    serveScripted({ status: 200, data: { items: [{ ...UNITS[1], oldStyle: false }] } });
    const { container } = render(<UnitsScreen />);
    await waitFor(() => expect(container.querySelector('.unit__note--paper')).not.toBeNull());
    expect(container.querySelector('.unit__note--paper')).toHaveTextContent('纸质证书');
  });

  it('empty: says so in words', async () => {
    signIn(LOGIN);
    serveScripted({ status: 200, data: { items: [] } });
    render(<UnitsScreen />);
    expect(await screen.findByRole('heading', { name: '名下暂无不动产' })).toBeInTheDocument();
  });

  it("error: the server's message and 重试, which recovers", async () => {
    signIn(LOGIN);
    const s = serveScripted({
      status: 503,
      data: { code: 'SERVICE_UNAVAILABLE', message: '登记服务暂时不可用', requestId: 'r' },
    });
    const { container } = render(<UnitsScreen />);
    await waitFor(() =>
      expect(container.querySelector('.state-view--error')).toHaveTextContent('登记服务暂时不可用'),
    );
    s.reply({ status: 200, data: { items: UNITS } });
    screen.getByRole('button', { name: '重试' }).click();
    await waitFor(() => expect(container.querySelectorAll('.unit')).toHaveLength(2));
  });
});
