/**
 * What a person is told outside the app (短信, 浙里办消息) and why: the events that need them.
 * Each message of a person's box may name its event; only those are sent on the channels, each
 * through its template (templates.ts), so a channel carries no more than the template needs.
 */

/** the events a person is told of on the channels */
export const MESSAGE_EVENTS = [
  /** invited to apply together (共同申请) */
  'invitation',
  /** the signed content changed: sign again */
  'signAgain',
  /** 补正材料通知书 */
  'correction',
  /** 受理凭证 */
  'accepted',
  /** the tax or the registration fee is due */
  'paymentDue',
  /** the certificate (or registration proof) issued */
  'issued',
  /** their certificate was verified by someone (核验) */
  'certificateVerified',
] as const;
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];

export const isMessageEvent = (x: unknown): x is MessageEvent =>
  typeof x === 'string' && (MESSAGE_EVENTS as readonly string[]).includes(x);

/** the channels: 短信 to the person's phone, 浙里办 消息 to their 浙里办 account */
export const MESSAGE_CHANNELS = ['sms', 'zlb'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const CHANNEL_NAMES: Readonly<Record<MessageChannel, string>> = {
  sms: '短信',
  zlb: '浙里办消息',
};

/** where a delivery stands on its channel (the delivery log) */
export type DeliveryStatus =
  /** waiting for its first send or for its retry */
  | 'pending'
  /** the channel took it */
  | 'sent'
  /** given up after the last retry */
  | 'failed'
  /** not sent: the person's limit of messages in the window was reached (still in the app) */
  | 'rateLimited'
  /** not sent: no address on this channel (no phone on record) */
  | 'noAddress';

/**
 * The per-person limit on the channels (in the app every message stays): a person gets at most
 * `perWindow` messages on the channels in any `windowMs`; the rest wait in the app's 消息 list.
 * Assumption: 10 an hour, the usual limit SMS gateways put on one number.
 */
export const MESSAGE_RATE_LIMIT = { perWindow: 10, windowMs: 3_600_000 } as const;

/** a send claimed by a node counts as in flight this long before another node may try again */
export const DELIVERY_LEASE_MS = 60_000;

/** sends after the first: at most this many attempts in all */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** the wait before attempt `attempt + 1` after `attempt` failed (30 s, 2 min, 10 min, 30 min, 2 h) */
export function retryDelayMs(attempt: number): number {
  const steps = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];
  return steps[Math.min(Math.max(attempt, 1), steps.length) - 1];
}

/** the next step of a failed send: retry at `retryAt`, or give up */
export function afterFailure(
  attempts: number,
  nowMs: number,
): { status: 'pending'; retryAtMs: number } | { status: 'failed' } {
  return attempts >= MAX_DELIVERY_ATTEMPTS
    ? { status: 'failed' }
    : { status: 'pending', retryAtMs: nowMs + retryDelayMs(attempts) };
}
