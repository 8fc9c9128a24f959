import type { MessageItem, MessagesPage, UnreadCountResponse } from '@contract';
import { getApiClient } from '@/shared/api';

/** One page of the 消息 list, newest first; `cursor` continues after the last page. */
export async function fetchMessages(cursor?: string): Promise<MessagesPage> {
  const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return (await getApiClient().get<MessagesPage>(`/me/messages${q}`)).data;
}

export async function fetchUnreadCount(): Promise<number> {
  return (await getApiClient().get<UnreadCountResponse>('/me/messages/unread-count')).data.unread;
}

/** Idempotent on the server: a message read twice keeps its first read time. */
export async function markRead(messageId: string): Promise<MessageItem> {
  return (
    await getApiClient().post<MessageItem>(`/me/messages/${encodeURIComponent(messageId)}/read`, {})
  ).data;
}
