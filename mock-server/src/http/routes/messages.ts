/**
 * The 消息 list of the signed-in person (their own messages only):
 *   GET  /me/messages                      newest first, `limit` and `cursor` → `nextCursor`
 *   GET  /me/messages/unread-count         the badge on 我的
 *   POST /me/messages/:messageId/read      idempotent; someone else's message is a 404
 * and, in demo mode only, the messaging simulator:
 *   GET  /sim/messaging/deliveries         the delivery log (each message on each channel)
 *   POST /sim/messaging/channels           a channel down or up
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  DeliveryLogQuery,
  DeliveryLogResponse,
  ErrorBody,
  MessageItem,
  MessageParams,
  MessagesPage,
  MessagesQuery,
  NoQuery,
  SimChannelBody,
  UnreadCountResponse,
} from '../../contract';
import type { Message } from '../../ports';
import type { DeliveryLog } from '../../usecases/messaging/deliveryLog';
import { targetOf, type MyMessages } from '../../usecases/messaging/myMessages';
import { callerOf, requireSession } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface MessageRouteDeps {
  messages: MyMessages;
  /** demo mode only */
  deliveryLog?: DeliveryLog;
}

const itemOf = (m: Message): MessageItem => ({
  messageId: m.messageId,
  ...(m.caseId ? { caseId: m.caseId } : {}),
  ...(m.documentId ? { documentId: m.documentId } : {}),
  title: m.title,
  body: m.body,
  deliveredAt: m.deliveredAt,
  ...(m.readAt ? { readAt: m.readAt } : {}),
  ...(m.event ? { event: m.event } : {}),
  target: targetOf(m),
});

export async function messageRoutes(app: FastifyInstance, deps: MessageRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { messages } = deps;

  api.get(
    '/me/messages',
    {
      preHandler: requireSession,
      schema: { querystring: MessagesQuery, response: { 200: MessagesPage, ...ERRORS } },
    },
    async (req) => {
      const page = await messages.page(callerOf(req).personId, req.query);
      return { ...page, items: page.items.map(itemOf) };
    },
  );

  api.get(
    '/me/messages/unread-count',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: UnreadCountResponse, ...ERRORS } },
    },
    async (req) => ({ unread: await messages.unreadCount(callerOf(req).personId) }),
  );

  api.post(
    '/me/messages/:messageId/read',
    {
      preHandler: requireSession,
      schema: { params: MessageParams, response: { 200: MessageItem, ...ERRORS } },
    },
    async (req) => itemOf(await messages.read(callerOf(req).personId, req.params.messageId)),
  );

  const log = deps.deliveryLog;
  if (log) {
    api.get(
      '/sim/messaging/deliveries',
      {
        schema: {
          querystring: DeliveryLogQuery,
          response: { 200: DeliveryLogResponse, ...ERRORS },
        },
      },
      async (req) => ({
        items: (await log.entries(req.query)).map((d) => ({
          deliveryId: d.deliveryId,
          messageId: d.messageId,
          personId: d.personId,
          channel: d.channel,
          event: d.event,
          text: d.text,
          status: d.status,
          attempts: d.attempts,
          ...(d.lastError ? { lastError: d.lastError } : {}),
          createdAt: d.createdAt,
          ...(d.sentAt ? { sentAt: d.sentAt } : {}),
          ...(d.received ? { received: d.received } : {}),
        })),
      }),
    );
    api.post(
      '/sim/messaging/channels',
      { schema: { body: SimChannelBody, response: { 204: Type.Null(), ...ERRORS } } },
      async (req, reply) => {
        await log.setChannelDown(req.body.channel, req.body.down);
        return reply.status(204).send(null);
      },
    );
  }
}
