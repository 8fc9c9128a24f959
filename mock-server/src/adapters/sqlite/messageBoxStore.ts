/**
 * The 消息 box's pages and the channels' outbox with its delivery log (ports/messaging.ts) on
 * SqlDb, one SQL text for SQLite and PostgreSQL (migration 0042). The outbox rows are written in
 * the transaction of the message they carry; taking due rows is one write transaction (the
 * registry-wide write lock), so two nodes never send the same delivery at the same time.
 */
import { isMessageEvent, type DeliveryStatus, type MessageChannel } from '../../domain/messaging';
import type { Message } from '../../ports';
import type { Delivery, MessageBoxStore } from '../../ports/messaging';
import type { SqlDb } from '../sql/types';
import { toMessage, type MessageRow } from './caseStoreRows';

interface DeliveryRow {
  delivery_id: string;
  message_id: string;
  person_id: string;
  channel: string;
  event: string;
  text: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  receipt_id: string | null;
  created_at: string;
  sent_at: string | null;
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  deliveryId: r.delivery_id,
  messageId: r.message_id,
  personId: r.person_id,
  channel: r.channel as MessageChannel,
  event: isMessageEvent(r.event) ? r.event : 'issued',
  text: r.text,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  ...(r.last_error ? { lastError: r.last_error } : {}),
  ...(r.receipt_id ? { receiptId: r.receipt_id } : {}),
  createdAt: r.created_at,
  ...(r.sent_at ? { sentAt: r.sent_at } : {}),
});

export class SqlMessageBoxStore implements MessageBoxStore {
  constructor(private readonly sql: SqlDb) {}

  async page(
    personId: string,
    page: { limit: number; after?: { deliveredAt: string; messageId: string } },
  ): Promise<Message[]> {
    const a = page.after;
    const rows = await this.sql.all<MessageRow>(
      a
        ? `SELECT * FROM messages WHERE person_id = ?
             AND (delivered_at < ? OR (delivered_at = ? AND message_id < ?))
           ORDER BY delivered_at DESC, message_id DESC LIMIT ?`
        : `SELECT * FROM messages WHERE person_id = ?
           ORDER BY delivered_at DESC, message_id DESC LIMIT ?`,
      a
        ? [personId, a.deliveredAt, a.deliveredAt, a.messageId, page.limit]
        : [personId, page.limit],
    );
    return rows.map(toMessage);
  }

  async unreadCount(personId: string): Promise<number> {
    const r = await this.sql.get<{ n: number }>(
      'SELECT count(*) AS n FROM messages WHERE person_id = ? AND read_at IS NULL',
      [personId],
    );
    return Number(r?.n ?? 0);
  }

  enqueue(deliveries: readonly Delivery[]): Promise<void> {
    return this.sql.transaction(async () => {
      for (const d of deliveries)
        await this.sql.run(
          `INSERT INTO message_deliveries (delivery_id, message_id, person_id, channel, event, text,
             status, attempts, next_attempt_at, last_error, receipt_id, created_at, sent_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (message_id, channel) DO NOTHING`,
          [
            d.deliveryId,
            d.messageId,
            d.personId,
            d.channel,
            d.event,
            d.text,
            d.status,
            d.attempts,
            d.nextAttemptAt,
            d.lastError ?? null,
            d.receiptId ?? null,
            d.createdAt,
            d.sentAt ?? null,
          ],
        );
    });
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<Delivery[]> {
    // the usual case on a sweep, nothing due, is a read without the write lock
    const any = await this.sql.get(
      `SELECT 1 AS one FROM message_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
       LIMIT 1`,
      [now],
    );
    if (!any) return [];
    return this.sql.transaction(async () => {
      const due = await this.sql.all<DeliveryRow>(
        `SELECT * FROM message_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
         ORDER BY next_attempt_at, delivery_id LIMIT ?`,
        [now, limit],
      );
      const taken: Delivery[] = [];
      for (const r of due) {
        // taken only as read: a node that took it meanwhile moved its next attempt on
        const { changes } = await this.sql.run(
          `UPDATE message_deliveries SET next_attempt_at = ?, attempts = attempts + 1
           WHERE delivery_id = ? AND status = 'pending' AND next_attempt_at = ?`,
          [leaseUntil, r.delivery_id, r.next_attempt_at],
        );
        if (changes === 1)
          taken.push(
            toDelivery({ ...r, attempts: Number(r.attempts) + 1, next_attempt_at: leaseUntil }),
          );
      }
      return taken;
    });
  }

  async markSent(deliveryId: string, at: string, receiptId: string): Promise<void> {
    await this.sql.run(
      `UPDATE message_deliveries SET status = 'sent', sent_at = ?, receipt_id = ?,
         next_attempt_at = ?, last_error = NULL
       WHERE delivery_id = ? AND status = 'pending'`,
      [at, receiptId, at, deliveryId],
    );
  }

  async markFailed(
    deliveryId: string,
    error: string,
    next: { status: 'pending'; retryAt: string } | { status: 'failed'; at: string },
  ): Promise<void> {
    await this.sql.run(
      `UPDATE message_deliveries SET status = ?, last_error = ?, next_attempt_at = ?
       WHERE delivery_id = ? AND status = 'pending'`,
      [next.status, error, next.status === 'pending' ? next.retryAt : next.at, deliveryId],
    );
  }

  async deliveries(filter: { personId?: string; limit: number }): Promise<Delivery[]> {
    const rows = await this.sql.all<DeliveryRow>(
      filter.personId
        ? `SELECT * FROM message_deliveries WHERE person_id = ?
           ORDER BY created_at DESC, delivery_id DESC LIMIT ?`
        : 'SELECT * FROM message_deliveries ORDER BY created_at DESC, delivery_id DESC LIMIT ?',
      filter.personId ? [filter.personId, filter.limit] : [filter.limit],
    );
    return rows.map(toDelivery);
  }
}
