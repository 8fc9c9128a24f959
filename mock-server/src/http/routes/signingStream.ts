/**
 * The live signing status as server-sent events (contract/statusStream.ts, docs/adr/0011):
 * parse → StatusStream → each status masked for the reader through the one policy (maskFor, as
 * GET signing-status) and written as an event. Background traffic: the session must be live but
 * is not extended (requireSessionInBackground). Open streams are ended when the server closes.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CaseParams,
  ErrorBody,
  NoQuery,
  STATUS_STREAM_EVENTS,
  StatusStreamHeaders,
  type StatusStreamEnd,
} from '../../contract';
import { maskFor } from '../../domain/masking';
import type { StatusStream } from '../../usecases/signing/statusStream';
import { callerOf, requireSessionInBackground } from '../auth';
import { viewerOf } from './cases';

export interface SigningStreamRouteDeps {
  stream: StatusStream;
}

const ENDS: Record<'sessionEnded' | 'notAParty', StatusStreamEnd> = {
  sessionEnded: { code: 'UNAUTHENTICATED', message: '长时间未操作，登录已失效，请重新登录' },
  notAParty: { code: 'NOT_FOUND', message: '办件不存在' },
};

export async function signingStreamRoutes(
  app: FastifyInstance,
  deps: SigningStreamRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const open = new Set<() => void>();
  // a stream never ends by itself: closing the server ends them (else close would wait for them)
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  api.get(
    '/cases/:caseId/signing-status/stream',
    {
      preHandler: requireSessionInBackground,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        headers: StatusStreamHeaders,
        response: { '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const c = callerOf(req);
      const viewer = viewerOf(req);
      const last = req.headers['last-event-id'];
      // 404 unless a party, answered as an ordinary error before the stream starts
      const stream = await deps.stream.open(
        { personId: c.personId, name: c.name, sessionId: c.sessionId },
        req.params.caseId,
        typeof last === 'string' ? Number(last) : undefined,
      );
      reply.hijack();
      const res = reply.raw;
      // the headers the edge's hooks gave the reply (security headers, request id) and the stream's
      res.writeHead(200, {
        ...(Object.fromEntries(
          Object.entries(reply.getHeaders()).filter(([, v]) => v !== undefined),
        ) as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-store, no-transform',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      res.write('retry: 2000\n\n');
      let stop: () => void = () => undefined;
      const close = () => {
        if (!open.delete(close)) return;
        stop();
        res.end();
      };
      open.add(close);
      stop = stream.start({
        status: (id, status) => {
          const data = JSON.stringify(maskFor(viewer, status));
          res.write(`event: ${STATUS_STREAM_EVENTS.status}\nid: ${id}\ndata: ${data}\n\n`);
        },
        heartbeat: () => res.write(': 心跳\n\n'),
        end: (reason) => {
          res.write(
            `event: ${STATUS_STREAM_EVENTS.end}\ndata: ${JSON.stringify(ENDS[reason])}\n\n`,
          );
          close();
        },
      });
      req.raw.on('close', close);
      res.on('error', close);
      if (req.raw.destroyed || res.destroyed) close();
    },
  );
}
