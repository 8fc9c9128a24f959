import type { MessageItem } from '@contract';
import { create } from 'zustand';
import { toApiError, type ApiError } from '@/shared/api';
import { isoInstant } from '@/shared/lib/time';
import { fetchMessages, fetchUnreadCount, markRead } from './api';

export interface MessagesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: MessageItem[];
  nextCursor?: string;
  /** messages not read yet (the badge on 我的) */
  unread: number;
  error: ApiError | null;
  loadingMore: boolean;
  /** the first page again (on opening the list, and on 重试) */
  load(): Promise<void>;
  /** the next older page */
  loadMore(): Promise<void>;
  /** the unread count alone (我的) */
  refreshUnread(): Promise<void>;
  /** marks a message read here at once and on the server (idempotent there) */
  read(messageId: string): Promise<void>;
  reset(): void;
}

const initial = {
  status: 'idle' as const,
  items: [] as MessageItem[],
  unread: 0,
  error: null,
  loadingMore: false,
};

export const useMessages = create<MessagesState>()((set, get) => ({
  ...initial,
  async load() {
    set({ status: 'loading', error: null });
    try {
      const page = await fetchMessages();
      set({
        status: 'ready',
        items: page.items,
        nextCursor: page.nextCursor,
        unread: page.unread,
      });
    } catch (e) {
      set({ status: 'error', error: toApiError(e) });
    }
  },
  async loadMore() {
    const cursor = get().nextCursor;
    if (!cursor || get().loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await fetchMessages(cursor);
      const seen = new Set(get().items.map((m) => m.messageId));
      set({
        items: [...get().items, ...page.items.filter((m) => !seen.has(m.messageId))],
        nextCursor: page.nextCursor,
        unread: page.unread,
        loadingMore: false,
      });
    } catch (e) {
      set({ loadingMore: false, error: toApiError(e) });
    }
  },
  async refreshUnread() {
    try {
      set({ unread: await fetchUnreadCount() });
    } catch {
      // the badge keeps what it showed; the list shows errors when opened
    }
  },
  async read(messageId) {
    const m = get().items.find((x) => x.messageId === messageId);
    if (!m || m.readAt) return;
    const at = isoInstant();
    set({
      items: get().items.map((x) => (x.messageId === messageId ? { ...x, readAt: at } : x)),
      unread: Math.max(0, get().unread - 1),
    });
    try {
      await markRead(messageId);
    } catch {
      // read again on the next open (the server's mark is idempotent)
    }
  },
  reset: () => set({ ...initial, nextCursor: undefined }),
}));
