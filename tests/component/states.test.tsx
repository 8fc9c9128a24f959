import { fireEvent, render, screen } from '@testing-library/react';
import CasesPage from '@/pages/cases/index';
import CertificatesPage from '@/pages/certificates/index';
import { Button, StateView } from '@/shared/ui';

describe('StateView', () => {
  it('loading is a skeleton with words, never blank', () => {
    const { container } = render(<StateView variant="loading" />);
    const root = container.querySelector('.state-view') as HTMLElement;
    expect(root).toHaveClass('state-view--loading');
    expect(root).toHaveAttribute('aria-busy', 'true');
    expect(root).toHaveTextContent('正在加载');
    expect(root.querySelectorAll('.ui-skeleton__card').length).toBeGreaterThan(0);
  });

  it('error shows 加载失败, the message and a 重试 button that calls back', () => {
    const onRetry = jest.fn();
    const { container } = render(
      <StateView variant="error" message="服务目录暂不可用" onRetry={onRetry} />,
    );
    const root = container.querySelector('.state-view') as HTMLElement;
    expect(root).toHaveClass('state-view--error');
    expect(screen.getByRole('heading', { name: '加载失败' })).toBeInTheDocument();
    expect(root).toHaveTextContent('服务目录暂不可用');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offline shows 网络未连接 and 重试', () => {
    const { container } = render(<StateView variant="offline" onRetry={() => undefined} />);
    expect(container.querySelector('.state-view')).toHaveClass('state-view--offline');
    expect(screen.getByRole('heading', { name: '网络未连接' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
  });

  it('empty shows its title and no retry', () => {
    const { container } = render(
      <StateView variant="empty" title="暂无内容" onRetry={() => undefined} />,
    );
    expect(container.querySelector('.state-view')).toHaveClass('state-view--empty');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('Button', () => {
  it('is a focusable role=button, activated by click and by Enter', () => {
    const onPress = jest.fn();
    render(<Button onPress={onPress}>提交</Button>);
    const b = screen.getByRole('button', { name: '提交' });
    expect(b).toHaveAttribute('tabindex', '0');
    fireEvent.click(b);
    fireEvent.keyDown(b, { key: 'Enter' });
    expect(onPress).toHaveBeenCalledTimes(2);
  });
  it('does nothing when disabled', () => {
    const onPress = jest.fn();
    render(
      <Button onPress={onPress} disabled>
        提交
      </Button>,
    );
    const b = screen.getByRole('button', { name: '提交' });
    expect(b).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(b);
    expect(onPress).not.toHaveBeenCalled();
  });
});

describe('办件 and 证照 tabs', () => {
  it.each([
    [CasesPage, '我的办件', '办理进度'],
    [CertificatesPage, '我的证照', '电子证照'],
  ])('%#: an honest empty state that says 实名登录 is needed', (Page, title, what) => {
    const { container } = render(<Page />);
    expect(screen.getByRole('heading', { level: 1, name: title })).toBeInTheDocument();
    const empty = container.querySelector('.state-view.state-view--empty') as HTMLElement;
    expect(empty).toHaveTextContent(what);
    expect(empty).toHaveTextContent('实名登录');
    expect(container.querySelector('.app-page')).not.toBeNull();
  });
});
