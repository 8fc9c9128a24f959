/**
 * A person's 消息 list: their own messages only, newest first, one page at a time (a cursor
 * naming the last one shown), the unread count, and marking one read (idempotent: read again,
 * it keeps its first read time). Each message says what it opens: the invitation, the
 * certificate or the case.
 */
import { notFound } from '../../domain/errors';
import type { CaseStore, Clock, Message } from '../../ports';
import type { MessageBoxStore } from '../../ports/messaging';
import { decodeCursor, encodeCursor, PAGE_SIZE } from '../cases/pageCursor';

export interface MyMessagesDeps {
  box: Pick<MessageBoxStore, 'page' | 'unreadCount'>;
  store: Pick<CaseStore, 'markRead'>;
  clock: Clock;
}

/** what a message opens in the app */
export type MessageTarget =
  | { kind: 'invitation'; code: string; caseId?: string }
  | { kind: 'certificate'; certificateId: string }
  | { kind: 'case'; caseId: string }
  | { kind: 'none' };

export const targetOf = (m: Message): MessageTarget =>
  m.invitationCode
    ? { kind: 'invitation', code: m.invitationCode, ...(m.caseId ? { caseId: m.caseId } : {}) }
    : m.certificateId
      ? { kind: 'certificate', certificateId: m.certificateId }
      : m.caseId
        ? { kind: 'case', caseId: m.caseId }
        : { kind: 'none' };

export class MyMessages {
  constructor(private readonly deps: MyMessagesDeps) {}

  async page(
    personId: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: Message[]; nextCursor?: string; unread: number }> {
    const limit = Math.min(PAGE_SIZE.max, Math.max(1, page.limit ?? PAGE_SIZE.default));
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const rows = await this.deps.box.page(personId, {
      limit: limit + 1,
      ...(after ? { after: { deliveredAt: after.at, messageId: after.id } } : {}),
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items,
      ...(rows.length > limit && last
        ? { nextCursor: encodeCursor({ at: last.deliveredAt, id: last.messageId }) }
        : {}),
      unread: await this.deps.box.unreadCount(personId),
    };
  }

  unreadCount(personId: string): Promise<number> {
    return this.deps.box.unreadCount(personId);
  }

  /** marks the reader's own message read; someone else's answers as an unknown one (404) */
  async read(personId: string, messageId: string): Promise<Message> {
    const m = await this.deps.store.markRead(
      messageId,
      personId,
      this.deps.clock.now().toISOString(),
    );
    if (!m) throw notFound('消息不存在');
    return m;
  }
}
