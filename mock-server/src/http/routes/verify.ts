/**
 * Verification by anyone: `POST /api/v1/verify` with a token (or the verify URL the
 * QR carries) or a 6-digit code. No login; an app session, when sent, is logged as the verifier
 * (masked), otherwise the holder's log says 网页核验. Wrong 6-digit codes and file checks are
 * limited per client address (LimitedVerification, counted in the store so every node sees them).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  PrintCheckQuery,
  PrintCheckResponse,
  VerificationResult,
  VerifyBody,
  VerifyFileBody,
  VerifyFileResponse,
} from '../../contract';
import type { PrintedCopies } from '../../usecases/certificates/printedCopies';
import type { LimitedVerification } from '../../usecases/certificates/limitedVerification';
import { bearerToken } from '../auth';

export {
  CODE_FAILURES_PER_WINDOW,
  CODE_WINDOW_MS,
  FILE_CHECKS_PER_WINDOW,
} from '../../usecases/certificates/limitedVerification';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface VerifyRouteDeps {
  limitedVerification: LimitedVerification;
  printedCopies: Pick<PrintedCopies, 'printCheck'>;
}

export async function verifyRoutes(app: FastifyInstance, deps: VerifyRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  const verifierOf = async (req: FastifyRequest) => {
    const token = bearerToken(req);
    if (!token || !req.server.hasDecorator('auth')) return undefined;
    try {
      const c = await req.server.auth.authenticate(token);
      return { personId: c.personId, name: c.name };
    } catch {
      return undefined; // an expired app session verifies like the web page
    }
  };

  api.post(
    '/verify',
    { schema: { body: VerifyBody, response: { 200: VerificationResult, ...ERRORS } } },
    async (req) => deps.limitedVerification.verify(req.body, await verifierOf(req), req.ip),
  );

  // the printable PDF: a downloaded file and its .sig, checked by anyone
  api.post(
    '/documents/verify-file',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: { body: VerifyFileBody, response: { 200: VerifyFileResponse, ...ERRORS } },
    },
    async (req) =>
      deps.limitedVerification.verifyFile(
        new Uint8Array(Buffer.from(req.body.file, 'base64')),
        req.body.signature,
        req.ip,
      ),
  );

  // the QR printed on the PDF: status now, number only
  api.get(
    '/print-checks',
    { schema: { querystring: PrintCheckQuery, response: { 200: PrintCheckResponse, ...ERRORS } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return deps.printedCopies.printCheck(req.query.c, req.query.check);
    },
  );
}
