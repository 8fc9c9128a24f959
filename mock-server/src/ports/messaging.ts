/**
 * Messaging: a person's 消息 box, the outbox of the channels (短信, 浙里办消息) with its delivery
 * log, and the channels themselves (the messaging simulator in demo mode). Every method returns
 * a promise; the stores are on the registry's one store, so every node reads the same rows.
 */
import type { DeliveryStatus, MessageChannel, MessageEvent } from '../domain/messaging';
import type { Message } from './cases';

/** one message on one channel: the outbox row and its line of the delivery log */
export interface Delivery {
  deliveryId: string;
  messageId: string;
  personId: string;
  channel: MessageChannel;
  event: MessageEvent;
  /** the template's text, as sent */
  text: string;
  status: DeliveryStatus;
  attempts: number;
  /** when the next attempt is due (pending), or when the last ended */
  nextAttemptAt: string;
  lastError?: string;
  receiptId?: string;
  createdAt: string;
  sentAt?: string;
}

export interface MessageBoxStore {
  /**
   * One page of a person's messages, newest first (delivered_at DESC, message_id DESC): at most
   * `limit`, starting right after `after` when given.
   */
  page(
    personId: string,
    page: { limit: number; after?: { deliveredAt: string; messageId: string } },
  ): Promise<Message[]>;
  unreadCount(personId: string): Promise<number>;
  /** adds deliveries to the outbox (inside the caller's transaction: the message's own) */
  enqueue(deliveries: readonly Delivery[]): Promise<void>;
  /**
   * Takes up to `limit` deliveries due at `now` for sending: each is marked in flight until
   * `leaseUntil` and its attempt counted, in one transaction, so two nodes never take the same
   * one at once. A node stopped mid-send leaves it to be taken again after the lease.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<Delivery[]>;
  markSent(deliveryId: string, at: string, receiptId: string): Promise<void>;
  /** a failed attempt: retried at `retryAt`, or given up (`failed`) */
  markFailed(
    deliveryId: string,
    error: string,
    next: { status: 'pending'; retryAt: string } | { status: 'failed'; at: string },
  ): Promise<void>;
  /** the delivery log, newest first; of one person when given */
  deliveries(filter: { personId?: string; limit: number }): Promise<Delivery[]>;
}

/** what a channel answers a send */
export type ChannelAnswer = { ok: true; receiptId: string } | { ok: false; error: string };

/**
 * The channels (短信 gateway, 浙里办 消息). A send carries the delivery's id: sending the same
 * delivery again (a retry after a stop between the send and its record) is answered with the
 * same receipt and reaches the person once.
 */
export interface MessagingGateway {
  send(input: {
    deliveryId: string;
    channel: MessageChannel;
    /** the phone (短信) or the 浙里办 account (the person's id) */
    address: string;
    text: string;
  }): Promise<ChannelAnswer>;
}

/** the simulator's own side: what it took in, and its demo switch */
export interface MessagingSimulatorLog {
  /** how many times the simulator took in each delivery (at most once each) */
  received(
    deliveryIds: readonly string[],
  ): Promise<Map<string, { recipient: string; receivedAt: string }>>;
  setDown(channel: MessageChannel, down: boolean): Promise<void>;
}
