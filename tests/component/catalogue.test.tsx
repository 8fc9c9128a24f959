import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CatalogueSection, resetCatalogue } from '@/features/catalogue';
import { createApiClient, setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { CATALOGUE, fakePlatform, scriptedAdapter } from './fakes';

function setup(...replies: Parameters<typeof scriptedAdapter>) {
  const net = fakePlatform();
  setPlatform(net.platform);
  const server = scriptedAdapter(...replies);
  setApiClient(
    createApiClient({
      baseURL: '/api/v1',
      adapter: server.adapter,
      retry: { sleep: async () => undefined },
    }),
  );
  resetCatalogue();
  return { net, server };
}

afterEach(() => {
  setApiClient(undefined);
  setPlatform(undefined);
});

const items = (c: HTMLElement) => c.querySelectorAll('.catalogue-item');

describe('首页 service catalogue', () => {
  it('shows a skeleton while loading, then each business type with its promised time', async () => {
    const { server } = setup({ status: 200, data: CATALOGUE });
    const release = server.hold();
    const { container } = render(<CatalogueSection />);
    expect(container.querySelector('.state-view.state-view--loading')).not.toBeNull();
    expect(container.querySelector('.ui-skeleton')).not.toBeNull();
    expect(items(container)).toHaveLength(0);

    await act(async () => release());
    await waitFor(() => expect(items(container)).toHaveLength(2));
    expect(container.querySelector('.state-view')).toBeNull();
    const [first, second] = Array.from(items(container));
    expect(first).toHaveTextContent('二手房买卖转移登记');
    expect(first).toHaveTextContent('买卖双方在线申请，税费和登记一次办结');
    expect(first).toHaveTextContent('承诺时限 5 个工作日');
    expect(first).toHaveTextContent('需双方共同申请');
    expect(second).toHaveTextContent('不动产权属查询');
    expect(second).toHaveTextContent('承诺时限 即办件');
    expect(second).not.toHaveTextContent('需双方共同申请');

    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].baseURL).toBe('/api/v1');
    expect(server.calls[0].url).toBe('/catalogue');
    expect(server.calls[0].headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the server’s Chinese message in the error state; 重试 fetches again', async () => {
    const { server } = setup({
      status: 503,
      data: {
        code: 'CATALOGUE_UNAVAILABLE',
        message: '服务目录正在更新，请稍后再试',
        requestId: 'req-42',
      },
    });
    const { container } = render(<CatalogueSection />);
    const errorView = await waitFor(() => {
      const el = container.querySelector('.state-view.state-view--error');
      expect(el).not.toBeNull();
      return el as HTMLElement;
    });
    expect(errorView).toHaveTextContent('加载失败');
    expect(errorView).toHaveTextContent('服务目录正在更新，请稍后再试');
    // the request id helps 12345 find the log; a citizen sees it only after opening 详情
    expect(errorView).not.toHaveTextContent('req-42');
    fireEvent.click(within(errorView).getByRole('button', { name: /详情/ }));
    expect(errorView).toHaveTextContent('问题编号：req-42');
    // a GET is retried on 5xx: three attempts in all
    expect(server.calls).toHaveLength(3);

    server.reply({ status: 200, data: CATALOGUE });
    const retry = screen.getByRole('button', { name: '重试' });
    fireEvent.click(retry);
    await waitFor(() => expect(items(container)).toHaveLength(2));
    expect(server.calls).toHaveLength(4);
    expect(container.querySelector('.state-view--error')).toBeNull();
  });

  it('shows a network failure as an error with a Chinese message', async () => {
    setup('network-error');
    const { container } = render(<CatalogueSection />);
    await waitFor(() => expect(container.querySelector('.state-view--error')).not.toBeNull());
    expect(container.querySelector('.state-view--error')).toHaveTextContent(
      '网络连接失败，请检查网络后重试',
    );
  });

  it('shows the designed empty state when the catalogue has no items', async () => {
    setup({ status: 200, data: { items: [], catalogueVersion: 1 } });
    const { container } = render(<CatalogueSection />);
    await waitFor(() =>
      expect(container.querySelector('.state-view.state-view--empty')).not.toBeNull(),
    );
    expect(container.querySelector('.state-view--empty')).toHaveTextContent('暂无可办理的业务');
    expect(items(container)).toHaveLength(0);
  });

  it('offline: shows 网络未连接 without calling the server, and loads when the network returns', async () => {
    const { net, server } = setup({ status: 200, data: CATALOGUE });
    net.setOnline(false);
    const { container } = render(<CatalogueSection />);
    await waitFor(() =>
      expect(container.querySelector('.state-view.state-view--offline')).not.toBeNull(),
    );
    const offline = container.querySelector('.state-view--offline') as HTMLElement;
    expect(offline).toHaveTextContent('网络未连接');
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
    expect(server.calls).toHaveLength(0);

    act(() => net.setOnline(true));
    await waitFor(() => expect(items(container)).toHaveLength(2));
    expect(server.calls).toHaveLength(1);
  });

  it('offline 重试 while still offline stays on the offline state', async () => {
    const { net, server } = setup({ status: 200, data: CATALOGUE });
    net.setOnline(false);
    const { container } = render(<CatalogueSection />);
    await waitFor(() => expect(container.querySelector('.state-view--offline')).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(container.querySelector('.state-view--offline')).not.toBeNull());
    expect(server.calls).toHaveLength(0);
  });

  it('a business card starts that application; a query opens 证照; a counter-only one says so', async () => {
    const counterOnly = {
      ...CATALOGUE.items[0],
      code: 'first.newBuild',
      name: '首次登记',
      application: undefined,
    };
    setup({ status: 200, data: { ...CATALOGUE, items: [...CATALOGUE.items, counterOnly] } });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' });
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' });
    const { container } = render(<CatalogueSection />);
    await waitFor(() => expect(items(container)).toHaveLength(3));

    fireEvent.click(screen.getByRole('button', { name: '去申请 二手房买卖转移登记' }));
    expect(navigate).toHaveBeenCalledWith({
      url: '/pages/apply/index?businessType=transfer.secondHandSale',
    });
    fireEvent.click(screen.getByRole('button', { name: '去开具 不动产权属查询' }));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/certificates/index' });
    const third = items(container)[2] as HTMLElement;
    expect(within(third).queryByRole('button')).toBeNull();
    expect(third).toHaveTextContent('请到不动产登记窗口办理');
    navigate.mockRestore();
    switchTab.mockRestore();
  });
});
