/** Records queries (令第80号): fresh step-up for citizens; refusals answer 403 with every reason. */
import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../rateLimits';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  MyQueriesResponse,
  NoQuery,
  QueryFileBytes,
  QueryFileParams,
  QueryParams,
  RecordsQueryBody,
  RecordsQueryRefusal,
  RecordsQueryResponse,
  SealedDocument,
} from '../../contract';
import { AppError } from '../../domain/errors';
import type { RecordsQueryService } from '../../usecases/records-query/service';
import { callerOf, requireSession, requireStepUp } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface QueryRouteDeps {
  queries: RecordsQueryService;
}

export async function queryRoutes(app: FastifyInstance, deps: QueryRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/records-queries',
    {
      config: { rateLimit: RATE_LIMITS.recordsQuery },
      preHandler: requireStepUp,
      schema: {
        body: RecordsQueryBody,
        response: { 201: RecordsQueryResponse, 403: RecordsQueryRefusal, ...ERRORS },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const out = await deps.queries.query(
        { personId: caller.personId, name: caller.name },
        req.body,
      );
      if (out.outcome === 'refused') {
        throw new AppError('FORBIDDEN', out.refusals.map((r) => r.message).join('；'), {
          details: { queryId: out.queryId, reasons: out.refusals },
        });
      }
      return reply.status(201).send({
        queryId: out.queryId,
        number: out.number,
        items: out.items,
        downloadable: out.downloadable,
        downloadUrl: `/api/v1/records-queries/${out.queryId}/document`,
        document: out.document,
      });
    },
  );

  api.get(
    '/records-queries/mine',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: MyQueriesResponse, ...ERRORS } },
    },
    async (req) => {
      const c = callerOf(req);
      return {
        items: (await deps.queries.mine({ personId: c.personId, name: c.name })).map((q) => ({
          queryId: q.queryId,
          role: q.role,
          purpose: q.purpose,
          ...(q.unitCode ? { unitCode: q.unitCode } : {}),
          outcome: q.outcome,
          at: q.at,
        })),
      };
    },
  );

  api.get(
    '/records-queries/:queryId/document',
    {
      preHandler: requireStepUp,
      schema: {
        params: QueryParams,
        querystring: NoQuery,
        response: { 200: SealedDocument, ...ERRORS },
      },
    },
    async (req, reply) => {
      const c = callerOf(req);
      const doc = await deps.queries.document(
        { personId: c.personId, name: c.name },
        req.params.queryId,
      );
      reply.header(
        'content-disposition',
        `attachment; filename="records-query-${req.params.queryId}.json"`,
      );
      return doc;
    },
  );

  api.get(
    '/records-queries/:queryId/files/:digest',
    {
      preHandler: requireStepUp,
      schema: {
        params: QueryFileParams,
        querystring: NoQuery,
        response: { 200: QueryFileBytes, ...ERRORS },
      },
    },
    async (req, reply) => {
      const c = callerOf(req);
      const file = await deps.queries.originalFile(
        { personId: c.personId, name: c.name },
        req.params.queryId,
        req.params.digest,
      );
      const ext = EXTENSIONS[file.mediaType] ?? 'bin';
      reply
        .type(file.mediaType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="original-${req.params.digest.slice(0, 12)}.${ext}"; filename*=UTF-8''${encodeURIComponent(file.title)}.${ext}`,
        );
      return reply.send(Buffer.from(file.bytes));
    },
  );
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
  'application/json': 'json',
};
