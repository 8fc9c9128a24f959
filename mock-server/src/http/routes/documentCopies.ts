/**
 * Copies for the people involved (ADR 0006): the PDFs of a case's documents and of the notices a
 * person received, each with the registry's detached signature, and the public check behind the
 * QR printed on them. Only a party of the case (or a notice's addressee) gets a copy; others 404.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CaseParams,
  CertificateFileQuery,
  DetachedSignature,
  DocumentCheckQuery,
  DocumentCheckResponse,
  DocumentCopiesResponse,
  DocumentCopyParams,
  ErrorBody,
  NoQuery,
} from '../../contract';
import type { DocumentCopies } from '../../usecases/cases/documentCopies';
import { callerOf, requireSession } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface DocumentCopyRouteDeps {
  copies: DocumentCopies;
  /** the origin printed in the QR (config PUBLIC_BASE_URL); else the request's */
  publicBaseUrl?: string;
}

const party = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  return { personId: c.personId, name: c.name };
};

export async function documentCopyRoutes(
  app: FastifyInstance,
  deps: DocumentCopyRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const originOf = (req: { protocol: string; host: string }) =>
    deps.publicBaseUrl ?? `${req.protocol}://${req.host}`;

  api.get(
    '/cases/:caseId/copies',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: DocumentCopiesResponse, ...ERRORS },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return { items: await deps.copies.list(party(req), req.params.caseId) };
    },
  );

  api.get(
    '/cases/:caseId/copies/:ref/document.pdf',
    {
      preHandler: requireSession,
      schema: { params: DocumentCopyParams, querystring: CertificateFileQuery, response: ERRORS },
    },
    async (req, reply) => {
      const pdf = await deps.copies.pdf(
        party(req),
        req.params.caseId,
        req.params.ref,
        originOf(req),
        req.query.at,
      );
      // binary body: the typed reply knows only the JSON error schemas
      return (reply as FastifyReply)
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="${pdf.fileName}"; filename*=UTF-8''${encodeURIComponent(`${pdf.title}.pdf`)}`,
        )
        .header('cache-control', 'private, no-store')
        .header('x-printed-at', pdf.printedAt)
        .send(Buffer.from(pdf.bytes));
    },
  );

  api.get(
    '/cases/:caseId/copies/:ref/document.pdf.sig',
    {
      preHandler: requireSession,
      schema: {
        params: DocumentCopyParams,
        querystring: CertificateFileQuery,
        response: { 200: DetachedSignature, ...ERRORS },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return deps.copies.signature(
        party(req),
        req.params.caseId,
        req.params.ref,
        originOf(req),
        req.query.at,
      );
    },
  );

  // the QR printed on a copy (anyone): title and number only
  api.get(
    '/document-checks',
    {
      schema: {
        querystring: DocumentCheckQuery,
        response: { 200: DocumentCheckResponse, ...ERRORS },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return deps.copies.check(req.query.d, req.query.check);
    },
  );
}
