import Taro, { useDidShow } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useSession } from '@/shared/session';
import { Cell, List } from '@/shared/ui';
import { useMessages } from './store';
import './messages.css';

export const MESSAGES_PAGE = '/pages/messages/index';

/** 我的 · 消息, with the number not read yet. */
export function MessagesEntry() {
  const user = useSession((s) => s.user);
  const unread = useMessages((s) => s.unread);
  const refresh = useMessages((s) => s.refreshUnread);
  useEffect(() => {
    if (user) void refresh();
  }, [user, refresh]);
  useDidShow(() => {
    if (user) void refresh();
  });
  if (!user) return null;
  return (
    <List label="消息" className="messages-entry">
      <Cell
        title="消息"
        description="邀请、补正、受理、缴费、发证和核验通知"
        extra={
          unread > 0 ? (
            <Text className="messages-entry__badge" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </Text>
          ) : null
        }
        onPress={() => void Taro.navigateTo({ url: MESSAGES_PAGE })}
        label={unread > 0 ? `消息，${unread}条未读` : '消息'}
      />
    </List>
  );
}
