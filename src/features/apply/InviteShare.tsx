/**
 * Passing an invitation on: the QR code of the full invitation link, the link itself (selectable)
 * with 复制链接, and the container's share where it has one (浙里办 / the system share sheet on H5,
 * the 转发 button in WeChat and Alipay; hidden where there is none). Copy and share go through the
 * platform's share capability; the outcome is told in a toast and beside the buttons.
 */
import { Text, View } from '@tarojs/components';
import { Button as NativeButton } from '@/shared/ui/controls';
import { useMemo, useState } from 'react';
import { getPlatform } from '@/shared/platform';
import { getShare, ShareError } from '@/shared/platform/share';
import { Button } from '@/shared/ui';
import { InviteQr, invitationUrl } from './InviteQr';

export interface InviteShareProps {
  /** the app path of the invitation (/pages/invite/index?code=…) */
  link: string;
  code: string;
  /** the invited party's name */
  name: string;
}

/** What a shared invitation says (the 转发 card, the share sheet). */
export const inviteTitle = (name: string) => `邀请${name}签署不动产登记申请`;
export const inviteText = (name: string, code: string) =>
  `请${name}打开链接（或在“掌上不动产 → 办件”输入邀请码 ${code}）查看并签署不动产登记申请。`;

export function InviteShare({ link, code, name }: InviteShareProps) {
  const url = invitationUrl(link);
  const share = useMemo(() => getShare(), []);
  const [note, setNote] = useState<{ text: string; failed: boolean } | null>(null);

  const tell = (text: string, failed: boolean) => {
    setNote({ text, failed });
    getPlatform().toast(text, failed ? 'error' : 'success');
  };
  const copy = () =>
    share.copy(url).then(
      () => tell('邀请链接已复制，可粘贴发给对方', false),
      (e) => tell(e instanceof ShareError ? e.message : '复制失败，请长按链接文字手动复制', true),
    );
  const shareNow = () =>
    share.share({ title: inviteTitle(name), text: inviteText(name, code), url }).then(
      (outcome) => {
        if (outcome === 'shared') tell('已打开分享', false);
      },
      (e) => tell(e instanceof ShareError ? e.message : '分享失败，请复制链接后发给对方', true),
    );

  return (
    <View className="invitation__share">
      <InviteQr link={link} name={name} />
      <Text className="invitation__link-label">邀请链接：</Text>
      <Text className="invitation__link" userSelect>
        {url}
      </Text>
      <View className="invitation__actions">
        <Button
          variant="secondary"
          className="invitation__copy"
          label={`复制给${name}的邀请链接`}
          onPress={() => void copy()}
        >
          复制链接
        </Button>
        {share.kind === 'sheet' ? (
          <Button
            variant="secondary"
            className="invitation__share-button"
            label={`把邀请分享给${name}`}
            onPress={() => void shareNow()}
          >
            分享
          </Button>
        ) : null}
        {share.kind === 'button' ? (
          // the page's onShareAppMessage (useInviteShareMessage) reads these data- attributes
          <NativeButton
            className="invitation__share-button invitation__share-button--native"
            openType="share"
            data-path={link}
            data-title={inviteTitle(name)}
            ariaLabel={`把邀请转发给${name}`}
          >
            转发给对方
          </NativeButton>
        ) : null}
      </View>
      {note ? (
        <View
          className={`invitation__note${note.failed ? ' invitation__note--failed' : ''}`}
          role={note.failed ? 'alert' : 'status'}
        >
          {note.failed ? '⚠ ' : '✓ '}
          {note.text}
        </View>
      ) : null}
    </View>
  );
}

/** The 转发 card of a mini-program page: the invitation its share button carries, else 首页. */
export function inviteShareMessage(payload: {
  from?: string;
  target?: { dataset?: Record<string, unknown> };
}): { title: string; path: string } {
  const data = payload.from === 'button' ? payload.target?.dataset : undefined;
  const path = typeof data?.path === 'string' ? data.path : undefined;
  const title = typeof data?.title === 'string' ? data.title : undefined;
  return path
    ? { title: title ?? '不动产登记签署邀请', path }
    : { title: '掌上不动产', path: '/pages/index/index' };
}
