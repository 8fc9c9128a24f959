/**
 * Passing an invitation on: the initiator sees the QR code of the full invitation link, the link
 * itself with 复制链接, the 6-character code, and the container's share where it has one; copying
 * and sharing go through the platform's share capability and tell the outcome in Chinese.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { InvitationResponse, SigningStatusResponse } from '@contract';
import { InviteShare, inviteShareMessage } from '@/features/apply/InviteShare';
import { SigningStatusPanel } from '@/features/apply/SigningStatusPanel';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import {
  createBrowserShare,
  createMiniShare,
  setShare,
  ShareError,
  type ShareCapability,
} from '@/shared/platform/share';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform, serveRoutes } from './fakes';

const LINK = '/pages/invite/index?code=K7P2QX';
const FULL = `${window.location.origin}/#/pages/invite/index?code=K7P2QX`;

function fakeShare(kind: ShareCapability['kind'], overrides: Partial<ShareCapability> = {}) {
  const share: ShareCapability = {
    platform: 'h5',
    kind,
    copy: jest.fn(() => Promise.resolve()),
    share: jest.fn(() => Promise.resolve('shared' as const)),
    ...overrides,
  };
  setShare(share);
  return share;
}

let fake: ReturnType<typeof fakePlatform>;
beforeEach(() => {
  fake = fakePlatform();
  setPlatform(fake.platform);
});
afterEach(() => {
  setShare(undefined);
  setPlatform(undefined);
  setApiClient(undefined);
});

describe('the invitation as the initiator sees it', () => {
  const STATUS: SigningStatusResponse = {
    caseId: 'CASE-S',
    status: 'signing',
    version: 2,
    contentVersion: 1,
    bundleDigest: 'b'.repeat(64),
    parties: [
      { partyId: LOGIN.user.personId, name: '杨永明', role: 'obligor', state: 'signed' },
      { partyId: 'P014', name: '徐彩云', role: 'rightHolder', state: 'waiting' },
    ],
    allSigned: false,
    availableActions: ['invite'],
  };
  const INVITATION: InvitationResponse = {
    code: 'K7P2QX',
    partyId: 'P014',
    link: LINK,
    expiresAt: '2026-12-06T01:06:00.000Z',
  };

  it('shows the code, a QR of the full link, the full link and 复制链接 that copies it', async () => {
    const share = fakeShare('none');
    reloadSession();
    signIn(LOGIN);
    serveRoutes({
      'GET /cases/CASE-S/signing-status': STATUS,
      'POST /cases/CASE-S/invitations': INVITATION,
    });
    render(
      <SigningStatusPanel caseId="CASE-S" myPartyId={LOGIN.user.personId} onSubmitted={() => {}} />,
    );
    fireEvent.click(await screen.findByRole('button', { name: '邀请徐彩云签名' }));

    const qr = (await screen.findByAltText(
      '邀请徐彩云签名的二维码，请对方用手机扫描',
    )) as HTMLImageElement;
    expect(qr.dataset.url).toBe(FULL);
    const invitation = document.querySelector('.invitation') as HTMLElement;
    expect(invitation.querySelector('.invitation__code')).toHaveTextContent('邀请码：K7P2QX');
    // the whole address a phone can open, not the bare app path
    expect(invitation.querySelector('.invitation__link')).toHaveTextContent(FULL);
    expect(within(invitation).queryByText(/^\/pages\/invite/)).toBeNull();

    fireEvent.click(within(invitation).getByRole('button', { name: '复制给徐彩云的邀请链接' }));
    await waitFor(() => expect(share.copy).toHaveBeenCalledWith(FULL));
    expect(await within(invitation).findByRole('status')).toHaveTextContent('邀请链接已复制');
    expect(fake.platform.toast).toHaveBeenCalledWith('邀请链接已复制，可粘贴发给对方', 'success');
    // no share in this container: no share button
    expect(within(invitation).queryByRole('button', { name: /分享|转发/ })).toBeNull();
  });
});

/** InviteShare once its QR code is drawn (it loads its encoder on demand). */
async function renderShare() {
  const r = render(<InviteShare link={LINK} code="K7P2QX" name="徐彩云" />);
  await screen.findByAltText('邀请徐彩云签名的二维码，请对方用手机扫描');
  return r;
}

describe('InviteShare', () => {
  it('says in Chinese when copying fails', async () => {
    fakeShare('none', { copy: () => Promise.reject(new ShareError('copyFailed')) });
    await renderShare();
    fireEvent.click(screen.getByRole('button', { name: '复制给徐彩云的邀请链接' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('复制失败，请长按链接文字手动复制');
    expect(fake.platform.toast).toHaveBeenCalledWith('复制失败，请长按链接文字手动复制', 'error');
  });

  it('opens the share sheet with the full link where the container has one', async () => {
    const share = fakeShare('sheet');
    await renderShare();
    fireEvent.click(screen.getByRole('button', { name: '把邀请分享给徐彩云' }));
    await waitFor(() =>
      expect(share.share).toHaveBeenCalledWith({
        title: '邀请徐彩云签署不动产登记申请',
        text: expect.stringContaining('K7P2QX'),
        url: FULL,
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('已打开分享');
  });

  it('a share the user cancels says nothing; a failed one says so', async () => {
    const share = fakeShare('sheet', {
      share: jest.fn(() => Promise.resolve('cancelled' as const)),
    });
    const { unmount } = await renderShare();
    fireEvent.click(screen.getByRole('button', { name: '把邀请分享给徐彩云' }));
    await waitFor(() => expect(share.share).toHaveBeenCalled());
    await act(() => Promise.resolve());
    expect(document.querySelector('.invitation__note')).toBeNull();
    expect(fake.platform.toast).not.toHaveBeenCalled();
    unmount();

    fakeShare('sheet', { share: () => Promise.reject(new ShareError('shareFailed')) });
    await renderShare();
    fireEvent.click(screen.getByRole('button', { name: '把邀请分享给徐彩云' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('分享失败，请复制链接后发给对方');
  });

  it('mini-programs: a 转发 button carrying the invitation, which the page shares', async () => {
    fakeShare('button');
    await renderShare();
    const button = document.querySelector('.invitation__share-button--native') as HTMLElement;
    expect(button).toHaveTextContent('转发给对方');
    expect(button.dataset.path).toBe(LINK);
    expect(
      inviteShareMessage({ from: 'button', target: { dataset: { ...button.dataset } } }),
    ).toEqual({ title: '邀请徐彩云签署不动产登记申请', path: LINK });
    // the page's own 转发 menu shares 首页, never an application in progress
    expect(inviteShareMessage({ from: 'menu' })).toEqual({
      title: '掌上不动产',
      path: '/pages/index/index',
    });
  });
});

describe('the share capability', () => {
  it('H5: navigator.clipboard, else the textarea fallback, else a Chinese failure', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    await createBrowserShare({ navigator: { clipboard: { writeText } }, document }).copy('x');
    expect(writeText).toHaveBeenCalledWith('x');

    const denied = jest.fn(() => Promise.reject(new Error('NotAllowedError')));
    const exec = jest.fn(() => true);
    const doc = document as Document & { execCommand: (c: string) => boolean };
    const original = doc.execCommand;
    doc.execCommand = exec;
    try {
      await createBrowserShare({ navigator: { clipboard: { writeText: denied } }, document }).copy(
        'y',
      );
      expect(exec).toHaveBeenCalledWith('copy');
      exec.mockReturnValue(false);
      await expect(createBrowserShare({ navigator: {}, document }).copy('z')).rejects.toThrow(
        '复制失败，请长按链接文字手动复制',
      );
    } finally {
      doc.execCommand = original;
    }
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('H5: share is navigator.share where present (a closed sheet is a cancel), else none', async () => {
    expect(createBrowserShare({ navigator: {}, document }).kind).toBe('none');
    const share = jest.fn(() => Promise.resolve());
    const web = createBrowserShare({ navigator: { share }, document });
    expect(web.kind).toBe('sheet');
    await expect(web.share({ title: 't', text: 'x', url: FULL })).resolves.toBe('shared');
    expect(share).toHaveBeenCalledWith({ title: 't', text: 'x', url: FULL });
    share.mockRejectedValueOnce(Object.assign(new Error('closed'), { name: 'AbortError' }));
    await expect(web.share({ title: 't', text: 'x', url: FULL })).resolves.toBe('cancelled');
  });

  it('浙里办: the bridge clipboard and share where it has them', async () => {
    const bridge = {
      setClipboardData: jest.fn(() => Promise.resolve({})),
      share: jest.fn(() => Promise.resolve({})),
    };
    const zlb = createBrowserShare({ navigator: {}, document }, 'zlb', bridge);
    expect(zlb.kind).toBe('sheet');
    await zlb.copy(FULL);
    expect(bridge.setClipboardData).toHaveBeenCalledWith({ data: FULL });
    await zlb.share({ title: 't', text: 'x', url: FULL });
    expect(bridge.share).toHaveBeenCalledWith({ title: 't', desc: 'x', link: FULL });
  });

  it('mini-programs: Taro.setClipboardData; share through the native button', async () => {
    const setClipboardData = jest.fn(() => Promise.resolve({}));
    const mini = createMiniShare('weapp', { setClipboardData });
    expect(mini.kind).toBe('button');
    await mini.copy(FULL);
    expect(setClipboardData).toHaveBeenCalledWith({ data: FULL });
    setClipboardData.mockRejectedValueOnce(new Error('fail'));
    await expect(mini.copy(FULL)).rejects.toBeInstanceOf(ShareError);
  });
});
