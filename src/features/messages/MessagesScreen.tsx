import type { MessageItem } from '@contract';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { dateTime } from '@/shared/lib/time';
import { useSession } from '@/shared/session';
import { useElderMode } from '@/shared/theme';
import { Button, pressable, StateView } from '@/shared/ui';
import { EVENT_LABELS, OPENS, pageOf } from './targets';
import { useMessages } from './store';
import './messages.css';

/** Opens what a message is about (the invitation, the certificate, the case) and marks it read. */
export function openMessage(m: MessageItem): void {
  void useMessages.getState().read(m.messageId);
  const url = pageOf(m.target);
  if (url) void Taro.navigateTo({ url });
}

function MessageRow({ m, elder }: { m: MessageItem; elder: boolean }) {
  const unread = !m.readAt;
  const opens = OPENS[m.target.kind];
  return (
    <View
      className={`message${unread ? ' message--unread' : ''}${elder ? ' message--elder' : ''}`}
      role="listitem"
    >
      <View
        className="message__body"
        {...pressable(() => openMessage(m), {
          label: `${unread ? '未读，' : ''}${m.title}${opens ? `，${opens}` : ''}`,
        })}
      >
        <View className="message__head">
          {unread ? <View className="message__dot" aria-hidden="true" /> : null}
          {m.event ? <Text className="message__tag">{EVENT_LABELS[m.event]}</Text> : null}
          <Text className="message__time">{dateTime(m.deliveredAt)}</Text>
        </View>
        <Text className="message__title">{m.title}</Text>
        <Text className="message__text">{m.body}</Text>
        {opens ? <Text className="message__opens">{opens} ›</Text> : null}
      </View>
    </View>
  );
}

/** 消息: what needs the person (invitations, 补正, 受理, 缴费, 发证, 核验), newest first. */
export function MessagesScreen() {
  const user = useSession((s) => s.user);
  const elder = useElderMode((s) => s.mode === 'elder');
  const { status, items, nextCursor, error, loadingMore, load, loadMore } = useMessages();
  useEffect(() => {
    if (user) void load();
  }, [user, load]);
  useDidShow(() => {
    if (user) void load();
  });

  if (!user)
    return (
      <StateView variant="empty" title="请先登录" message="查看消息需要先实名登录。">
        <Button onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}>去登录</Button>
      </StateView>
    );
  if (status === 'error' && error)
    return (
      <StateView
        variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={error.code === 'OFFLINE' ? undefined : error.message}
        onRetry={() => void load()}
      />
    );
  if (status !== 'ready') return <StateView variant="loading" message="正在加载消息…" rows={3} />;
  if (items.length === 0)
    return (
      <StateView
        variant="empty"
        title="暂无消息"
        message="有人邀请您共同申请、办件需要补正或证书发放时，会在这里通知您，同时发送短信和浙里办消息。"
      />
    );
  return (
    <View className="messages">
      <View className="messages__list" role="list" aria-label="我的消息">
        {items.map((m) => (
          <MessageRow key={m.messageId} m={m} elder={elder} />
        ))}
      </View>
      {nextCursor ? (
        <Button
          className="messages__more"
          variant="secondary"
          onPress={() => void loadMore()}
          disabled={loadingMore}
        >
          {loadingMore ? '正在加载…' : '加载更早的消息'}
        </Button>
      ) : null}
    </View>
  );
}
