/**
 * Moving between pages so that nobody is stranded: back never lands on a dead end (the sign-in
 * pages once signed in), back from the first page of a deep link goes to 首页, and leaving the
 * sign-in flow takes its pages off the stack so that back afterwards returns to where the user was.
 */
import Taro from '@tarojs/taro';
import { useSession } from '../session/store';

export const HOME_PAGE = '/pages/index/index';

/** The tab bar's pages (src/app.config.ts; tests/component/navigation.test.tsx keeps them equal). */
export const TAB_PAGES: readonly string[] = [
  'pages/index/index',
  'pages/cases/index',
  'pages/certificates/index',
  'pages/mine/index',
];

/** The sign-in flow: a dead end to come back to once signed in. */
const SIGN_IN_PAGES: readonly string[] = ['pages/login/index', 'pages/face/index'];

/** 'pages/x/index' of a route or path ('/pages/x/index?y=1' → 'pages/x/index'). */
export const pagePath = (route: string | undefined): string =>
  (route ?? '').replace(/^\/+/, '').replace(/\?.*$/, '');

export const isTabPage = (route: string | undefined): boolean =>
  TAB_PAGES.includes(pagePath(route));

const stack = (): string[] => {
  try {
    return (Taro.getCurrentPages?.() ?? []).map((p) => pagePath(p.route ?? p.path));
  } catch {
    return [];
  }
};

/**
 * How many pages back a "返回" goes: one, plus any sign-in pages under it once the user is signed
 * in; 0 when there is nothing to go back to (a deep link opened on its own).
 */
export function backDelta(pages: string[], signedIn: boolean): number {
  let delta = 1;
  while (
    pages.length - 1 - delta >= 0 &&
    signedIn &&
    SIGN_IN_PAGES.includes(pages[pages.length - 1 - delta])
  )
    delta++;
  return pages.length - 1 - delta >= 0 ? delta : 0;
}

export function goHome(): Promise<unknown> {
  return Taro.switchTab({ url: HOME_PAGE }).catch(() => Taro.reLaunch({ url: HOME_PAGE }));
}

/** 返回: the previous page that is not a dead end, else 首页. */
export function goBack(): Promise<unknown> {
  const delta = backDelta(stack(), !!useSession.getState().user);
  if (delta === 0) return goHome();
  return Taro.navigateBack({ delta }).catch(() => goHome());
}

/**
 * Whether the sign-in pages were opened from another page (an invitation, 我要申请 …), which the
 * user means to go on with once signed in; false when the login page was opened on its own.
 */
export function signInHasPageUnder(): boolean {
  return pageUnderSignIn() !== undefined;
}

/**
 * The page the sign-in flow was opened from ('pages/apply/detail'), where a finished login
 * returns; undefined when the login page was opened on its own.
 */
export function pageUnderSignIn(): string | undefined {
  const pages = stack();
  const first = pages.findIndex((p) => SIGN_IN_PAGES.includes(p));
  return first > 0 ? pages[first - 1] : undefined;
}

/** Each page's title (src/pages): the login page says which page it returns to. */
const PAGE_NAMES: Record<string, string> = {
  'pages/index/index': '首页',
  'pages/cases/index': '我的办件',
  'pages/certificates/index': '我的证照',
  'pages/mine/index': '我的',
  'pages/invite/index': '签署邀请',
  'pages/apply/index': '我要申请',
  'pages/apply/sign': '签署申请',
  'pages/apply/detail': '办件详情',
  'pages/wallet/detail': '证照详情',
  'pages/wallet/present': '亮证',
  'pages/query/index': '权属查询',
  'pages/units/index': '我的不动产',
  'pages/units/record': '登记记录',
  'pages/consult/index': '在线咨询',
  'pages/verify/index': '扫码核验',
  'pages/messages/index': '消息',
};

export const pageName = (route: string | undefined): string | undefined =>
  PAGE_NAMES[pagePath(route)];

/**
 * After signing in: take the sign-in pages (and whatever they opened) off the stack, then open
 * `to` if given, so that back from `to` returns to the page the user started signing in from.
 */
export async function leaveSignIn(to?: string): Promise<void> {
  const pages = stack();
  const first = pages.findIndex((p) => SIGN_IN_PAGES.includes(p));
  if (first <= 0) {
    // the sign-in page was opened on its own (a link): start afresh from 首页 or `to`
    await (to ? Taro.reLaunch({ url: to }) : goHome());
    return;
  }
  await Taro.navigateBack({ delta: pages.length - first }).catch(() => undefined);
  if (to) await (isTabPage(to) ? Taro.switchTab({ url: to }) : Taro.navigateTo({ url: to }));
}
