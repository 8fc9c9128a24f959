/**
 * The 消息 list (a person's own messages, newest first, paged by cursor), its unread count and
 * marking a message read; and the messaging simulator's delivery log (demo mode only): each
 * message on each channel (短信, 浙里办消息) with its status.
 */
import { Type, type Static } from '@sinclair/typebox';
import { MESSAGE_CHANNELS, MESSAGE_EVENTS } from '../domain/messaging';

const Str = Type.String();
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);
const Lits = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));

export const MessageEventSchema = Lits(MESSAGE_EVENTS);
export const MessageChannelSchema = Lits(MESSAGE_CHANNELS);

/** what a message opens in the app */
export const MessageTargetView = Type.Union([
  Type.Object({ kind: Type.Literal('invitation'), code: Str, caseId: Opt(Str) }),
  Type.Object({ kind: Type.Literal('certificate'), certificateId: Str }),
  Type.Object({ kind: Type.Literal('case'), caseId: Str }),
  Type.Object({ kind: Type.Literal('none') }),
]);
export type MessageTargetView = Static<typeof MessageTargetView>;

export const MessageItem = Type.Object({
  messageId: Str,
  caseId: Opt(Str),
  documentId: Opt(Str),
  title: Str,
  body: Str,
  deliveredAt: Str,
  readAt: Opt(Str),
  /** the event it tells (the ones also sent by 短信 and 浙里办消息) */
  event: Opt(MessageEventSchema),
  target: MessageTargetView,
});
export type MessageItem = Static<typeof MessageItem>;

export const MessagesQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$' }),
    ),
  },
  { additionalProperties: false },
);
export type MessagesQuery = Static<typeof MessagesQuery>;

export const MessagesPage = Type.Object({
  items: Type.Array(MessageItem),
  /** present when older messages follow: pass it as `cursor` */
  nextCursor: Opt(Str),
  unread: Type.Integer({ minimum: 0 }),
});
export type MessagesPage = Static<typeof MessagesPage>;

export const UnreadCountResponse = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
export type UnreadCountResponse = Static<typeof UnreadCountResponse>;

export const DeliveryLogQuery = Type.Object(
  {
    personId: Opt(Type.String({ minLength: 1, maxLength: 80 })),
    limit: Opt(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const DeliveryLogEntryView = Type.Object({
  deliveryId: Str,
  messageId: Str,
  personId: Str,
  channel: MessageChannelSchema,
  event: MessageEventSchema,
  text: Str,
  status: Lits(['pending', 'sent', 'failed', 'rateLimited', 'noAddress']),
  attempts: Type.Integer(),
  lastError: Opt(Str),
  createdAt: Str,
  sentAt: Opt(Str),
  /** taken in by the simulator (once, whatever the retries): to whom (masked) and when */
  received: Opt(Type.Object({ recipient: Str, receivedAt: Str })),
});
export type DeliveryLogEntryView = Static<typeof DeliveryLogEntryView>;

export const DeliveryLogResponse = Type.Object({ items: Type.Array(DeliveryLogEntryView) });
export type DeliveryLogResponse = Static<typeof DeliveryLogResponse>;

export const SimChannelBody = Type.Object(
  { channel: MessageChannelSchema, down: Type.Boolean() },
  { additionalProperties: false },
);
