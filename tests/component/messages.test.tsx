/**
 * 消息: the list of what needs the person (an invitation, a 补正, a certificate issued), newest
 * first with unread marks; each opens what it is about (the invitation, the case, the
 * certificate) and is marked read; loading, empty, error and offline states with 重试; older
 * pages on request; 长辈版 shows the whole text; 我的 shows the unread count.
 */
import type { MessageItem } from '@contract';
import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MessagesEntry, MessagesScreen, useMessages } from '@/features/messages';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn, signOut } from '@/shared/session';
import { initElderMode, ELDER_MODE_KEY } from '@/shared/theme';
import { LOGIN } from './auth-fakes';
import { fail, fakePlatform, serveRoutes } from './fakes';

const INVITATION: MessageItem = {
  messageId: 'MSG-3',
  caseId: 'CASE-1',
  title: '待我签署：您被邀请共同申请不动产登记',
  body: '李国平邀请您共同办理登记。请登录后在“待我签署”中查看，或输入邀请码 ABC234（2026-12-10 15:00 前有效）。',
  deliveredAt: '2026-12-07T07:33:00.000Z',
  event: 'invitation',
  target: { kind: 'invitation', code: 'ABC234', caseId: 'CASE-1' },
};
const CORRECTION: MessageItem = {
  messageId: 'MSG-2',
  caseId: 'CASE-2',
  documentId: 'DOC-2',
  title: '不动产登记补正材料通知书（台不动产补〔2026〕第0000001号）',
  body: '经审查，您申请的二手房买卖转移登记需补正以下材料：网签合同不清晰。请于2026-12-21（含当日）前补正。',
  deliveredAt: '2026-12-06T02:00:00.000Z',
  event: 'correction',
  target: { kind: 'case', caseId: 'CASE-2' },
};
const ISSUED: MessageItem = {
  messageId: 'MSG-1',
  caseId: 'CASE-1',
  title: '不动产权证书已发放（浙(2026)台州市不动产权第0000123号）',
  body: '二手房买卖转移登记已登簿，电子不动产权证书已发放。原纸质证书已公告作废。',
  deliveredAt: '2026-12-05T02:00:00.000Z',
  readAt: '2026-12-05T03:00:00.000Z',
  event: 'issued',
  target: { kind: 'certificate', certificateId: 'CERT-9' },
};
const page = (items: MessageItem[], more?: string) => ({
  items,
  unread: items.filter((m) => !m.readAt).length,
  ...(more ? { nextCursor: more } : {}),
});

let navigate: jest.SpyInstance;
beforeEach(() => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  useMessages.getState().reset();
  navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
});
afterEach(() => {
  navigate.mockRestore();
  setApiClient(undefined);
  setPlatform(undefined);
  document.documentElement.classList.remove('he-elder');
});

describe('消息', () => {
  it('asks to log in first when signed out', () => {
    signOut();
    render(<MessagesScreen />);
    expect(screen.getByRole('heading', { name: '请先登录' })).toBeInTheDocument();
  });

  it('lists the invitation, the 补正 and the certificate newest first; each opens its target and is marked read', async () => {
    signIn(LOGIN);
    const seen = serveRoutes({
      'GET /me/messages': page([INVITATION, CORRECTION, ISSUED]),
      'POST /me/messages/MSG-3/read': { ...INVITATION, readAt: '2026-12-07T08:00:00.000Z' },
      'POST /me/messages/MSG-2/read': { ...CORRECTION, readAt: '2026-12-07T08:00:00.000Z' },
    });
    const { container } = render(<MessagesScreen />);
    expect(screen.getByRole('status')).toHaveTextContent('正在加载消息…');
    await waitFor(() => expect(container.querySelectorAll('.message')).toHaveLength(3));
    const rows = Array.from(container.querySelectorAll('.message'));
    expect(rows.map((r) => r.querySelector('.message__tag')?.textContent)).toEqual([
      '邀请',
      '补正',
      '已发证',
    ]);
    // Beijing time, never UTC
    expect(rows[0].querySelector('.message__time')).toHaveTextContent('2026-12-07 15:33');
    expect(rows.map((r) => r.classList.contains('message--unread'))).toEqual([true, true, false]);

    fireEvent.click(screen.getByRole('button', { name: /^未读，待我签署.*打开邀请$/ }));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/invite/index?code=ABC234' });
    fireEvent.click(
      screen.getByRole('button', { name: /^未读，不动产登记补正材料通知书.*查看办件$/ }),
    );
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/apply/detail?caseId=CASE-2' });
    fireEvent.click(screen.getByRole('button', { name: /^不动产权证书已发放.*查看证照$/ }));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/wallet/detail?id=CERT-9' });

    await waitFor(() => expect(container.querySelectorAll('.message--unread')).toHaveLength(0));
    // read marks sent for the unread ones only; the already read one is not marked again
    expect(seen.map((s) => s.key)).toEqual([
      'GET /me/messages',
      'POST /me/messages/MSG-3/read',
      'POST /me/messages/MSG-2/read',
    ]);
    expect(useMessages.getState().unread).toBe(0);
  });

  it('loads older messages on request', async () => {
    signIn(LOGIN);
    const seen = serveRoutes({
      'GET /me/messages': page([INVITATION], 'C1'),
      'GET /me/messages?cursor=C1': page([CORRECTION, ISSUED]),
    });
    const { container } = render(<MessagesScreen />);
    await waitFor(() => expect(container.querySelectorAll('.message')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: '加载更早的消息' }));
    await waitFor(() => expect(container.querySelectorAll('.message')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: '加载更早的消息' })).toBeNull();
    expect(seen.map((s) => s.key)).toEqual(['GET /me/messages', 'GET /me/messages?cursor=C1']);
  });

  it('shows the empty state, and the error state with 重试 and no error code', async () => {
    signIn(LOGIN);
    let answer: unknown = page([]);
    serveRoutes({ 'GET /me/messages': () => answer });
    const first = render(<MessagesScreen />);
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: '暂无消息' })).toBeInTheDocument(),
    );
    first.unmount();

    answer = fail({ status: 500, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' });
    useMessages.getState().reset();
    render(<MessagesScreen />);
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: '加载失败' })).toBeInTheDocument(),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('服务暂时不可用');
    expect(screen.getByRole('alert')).not.toHaveTextContent('INTERNAL');
    answer = page([CORRECTION]);
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(document.querySelectorAll('.message')).toHaveLength(1));
  });

  it('offline: the designed offline state, and the list after 重试 once back online', async () => {
    const fake = fakePlatform({ online: false });
    setPlatform(fake.platform);
    signIn(LOGIN);
    serveRoutes({ 'GET /me/messages': page([INVITATION]) });
    render(<MessagesScreen />);
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: '网络未连接' })).toBeInTheDocument(),
    );
    act(() => fake.setOnline(true));
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(document.querySelectorAll('.message')).toHaveLength(1));
  });

  it('长辈版 shows each message in full', async () => {
    const fake = fakePlatform({ stored: { [ELDER_MODE_KEY]: 'elder' } });
    setPlatform(fake.platform);
    await initElderMode(fake.platform);
    signIn(LOGIN);
    serveRoutes({ 'GET /me/messages': page([INVITATION, CORRECTION]) });
    const { container } = render(<MessagesScreen />);
    await waitFor(() => expect(container.querySelectorAll('.message--elder')).toHaveLength(2));
    expect(container.querySelector('.message--elder .message__text')).toHaveTextContent(
      INVITATION.body,
    );
  });

  it('我的 shows 消息 with the unread count and opens the list', async () => {
    signIn(LOGIN);
    serveRoutes({ 'GET /me/messages/unread-count': { unread: 2 } });
    render(<MessagesEntry />);
    const entry = await screen.findByRole('button', { name: '消息，2条未读' });
    expect(document.querySelector('.messages-entry__badge')).toHaveTextContent('2');
    fireEvent.click(entry);
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/messages/index' });
  });
});
