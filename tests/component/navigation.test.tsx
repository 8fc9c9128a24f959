/**
 * Navigation that never strands anyone: in a plain browser every page outside the tab bar starts
 * with 返回 and 首页 (not inside 浙里办 or a mini-program, whose own bar does it); 返回 skips the
 * sign-in pages once signed in and goes to 首页 from a deep link; a page that cannot load offline
 * shows the offline state with 重试 and opens when the network is back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro, { Current } from '@tarojs/taro';
import { LoginScreen } from '@/features/auth';
import { CaseDetailScreen } from '@/features/cases/CaseDetailScreen';
import { setPlatform } from '@/shared/platform';
import { isChunkLoadError, watchChunkFailures } from '@/shared/platform/chunkFailure';
import {
  backDelta,
  goBack,
  pageName,
  signInHasPageUnder,
  TAB_PAGES,
} from '@/shared/platform/navigation';
import { reloadSession, signIn, signOut } from '@/shared/session';
import { Page } from '@/shared/ui';
import { LOGIN } from './auth-fakes';
import { fakePlatform } from './fakes';

const at = (p: string) => {
  Current.router = { path: p, params: {} } as unknown as typeof Current.router;
};
const pages = (...routes: string[]) =>
  jest
    .spyOn(Taro, 'getCurrentPages')
    .mockReturnValue(routes.map((route) => ({ route, path: `/${route}` })) as never);

afterEach(() => {
  jest.restoreAllMocks();
  setPlatform(undefined);
  signOut();
});

describe('返回 and 首页', () => {
  it('the tab pages named here are the tab bar of app.config.ts', () => {
    const config = fs.readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8');
    const tabBar = config.slice(config.indexOf('tabBar'));
    expect([...tabBar.matchAll(/pagePath: '([^']+)'/g)].map((m) => m[1])).toEqual(TAB_PAGES);
  });

  it('a page outside the tab bar has both, in a plain browser', () => {
    setPlatform(fakePlatform().platform);
    at('/pages/units/index');
    render(<Page title="我的不动产">内容</Page>);
    const nav = screen.getByRole('navigation', { name: '页面导航' });
    expect(nav).toHaveTextContent('返回');
    expect(screen.getByRole('button', { name: '回到首页' })).toBeInTheDocument();
  });

  it('a tab page has none, nor has any page inside 浙里办 or a mini-program', () => {
    setPlatform(fakePlatform().platform);
    at('/pages/certificates/index');
    const { unmount } = render(<Page title="证照">内容</Page>);
    expect(screen.queryByRole('navigation')).toBeNull();
    unmount();
    setPlatform(fakePlatform({ nativeNavigation: true }).platform);
    at('/pages/units/index');
    render(<Page title="我的不动产">内容</Page>);
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('返回 never lands on the sign-in pages once signed in', () => {
    const stack = [
      'pages/mine/index',
      'pages/login/index',
      'pages/face/index',
      'pages/units/index',
    ];
    expect(backDelta(stack, true)).toBe(3);
    expect(backDelta(stack, false)).toBe(1);
    expect(backDelta(['pages/login/index', 'pages/units/index'], true)).toBe(0);
    expect(backDelta(['pages/verify/index'], false)).toBe(0);
  });

  it('a login opened from a page (an invitation) returns to it; one opened on its own does not', () => {
    pages('pages/invite/index', 'pages/login/index', 'pages/face/index');
    expect(signInHasPageUnder()).toBe(true);
    pages('pages/login/index', 'pages/face/index');
    expect(signInHasPageUnder()).toBe(false);
  });

  it('返回 goes back past them, and from a deep link to 首页', async () => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    signIn(LOGIN);
    const back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' });
    const tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' });
    pages('pages/mine/index', 'pages/login/index', 'pages/face/index', 'pages/units/index');
    at('/pages/units/index');
    render(<Page title="我的不动产">内容</Page>);
    fireEvent.click(screen.getByRole('button', { name: '返回上一页' }));
    expect(back).toHaveBeenCalledWith({ delta: 3 });

    pages('pages/units/index');
    await goBack();
    expect(tab).toHaveBeenCalledWith({ url: '/pages/index/index' });
    fireEvent.click(screen.getByRole('button', { name: '回到首页' }));
    expect(tab).toHaveBeenCalledTimes(2);
  });
});

describe('a deep link opened signed out', () => {
  it('a case link offers 去登录, and the login page says it returns to that case', () => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    signOut();
    const open = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' });
    at('/pages/apply/detail');
    const { unmount } = render(<CaseDetailScreen caseId="CASE-1" />);
    expect(screen.getByText('请先登录')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '去登录' }));
    expect(open).toHaveBeenCalledWith({ url: '/pages/login/index' });
    unmount();

    pages('pages/apply/detail', 'pages/login/index');
    at('/pages/login/index');
    const { unmount: leave } = render(<LoginScreen />);
    expect(screen.getByRole('note')).toHaveTextContent('登录后将回到“办件详情”');
    leave();

    // an invitation link says so too; a login opened on its own has no such line
    pages('pages/invite/index', 'pages/login/index');
    const { unmount: leave2 } = render(<LoginScreen />);
    expect(screen.getByRole('note')).toHaveTextContent('登录后将回到“签署邀请”');
    leave2();
    pages('pages/login/index');
    render(<LoginScreen />);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('every page of app.config.ts but the sign-in and surveying pages has a name', () => {
    const config = fs.readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8');
    const main = [...config.matchAll(/'(pages\/[a-z]+\/[a-z]+)'/g)].map((m) => m[1]);
    const sub = [...config.matchAll(/root: '(pages\/[a-z]+)', pages: \[([^\]]+)\]/g)].flatMap((m) =>
      [...m[2].matchAll(/'([a-z]+)'/g)].map((p) => `${m[1]}/${p[1]}`),
    );
    const unnamed = [...new Set([...main, ...sub])].filter(
      (p) => !/login|face|survey/.test(p) && !pageName(p),
    );
    expect(sub.length).toBeGreaterThan(0);
    expect(unnamed).toEqual([]);
  });
});

describe('a page that cannot load', () => {
  function fakeWindow(hash: string) {
    const listeners: Record<string, ((e: Event) => void)[]> = {};
    const win = {
      document,
      location: { hash },
      addEventListener: (type: string, l: (e: Event) => void) => {
        (listeners[type] ??= []).push(l);
      },
    };
    const fire = (type: string, extra: Record<string, unknown> = {}) => {
      const e = Object.assign(new Event(type, { cancelable: true }), extra);
      for (const l of listeners[type] ?? []) l(e);
      return e;
    };
    return { win, fire };
  }
  const chunkError = () =>
    Object.assign(new Error('Loading chunk pages-certificates-index failed.'), {
      name: 'ChunkLoadError',
    });

  afterEach(() => document.getElementById('he-chunk-offline')?.remove());

  it('recognises webpack chunk errors only', () => {
    expect(isChunkLoadError(chunkError())).toBe(true);
    expect(isChunkLoadError({ code: 'CSS_CHUNK_LOAD_FAILED' })).toBe(true);
    expect(isChunkLoadError(new Error('网络错误'))).toBe(false);
    expect(isChunkLoadError(undefined)).toBe(false);
  });

  it('shows the offline state with 重试, and opens the tab when retried or back online', () => {
    const tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' });
    const { win, fire } = fakeWindow('#/pages/certificates/index');
    watchChunkFailures(win);
    const e = fire('unhandledrejection', { reason: chunkError() });
    expect(e.defaultPrevented).toBe(true);
    const panel = screen.getByRole('alert');
    expect(panel).toHaveTextContent('网络未连接');
    expect(panel).toHaveTextContent('无法打开“证照”');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(tab).toHaveBeenCalledWith({ url: '/pages/certificates/index' });
    expect(screen.queryByRole('alert')).toBeNull();

    fire('unhandledrejection', { reason: chunkError() });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    fire('online');
    expect(tab).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a failed link opens again in place; other errors are left alone', () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' });
    const { win, fire } = fakeWindow('#/pages/verify/index?code=123456');
    watchChunkFailures(win);
    expect(fire('unhandledrejection', { reason: new Error('x') }).defaultPrevented).toBe(false);
    expect(screen.queryByRole('alert')).toBeNull();
    fire('unhandledrejection', { reason: chunkError() });
    expect(screen.getByRole('alert')).toHaveTextContent('页面未能打开');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(redirect).toHaveBeenCalledWith({ url: '/pages/verify/index?code=123456' });
  });
});
