/**
 * Verification by anyone: `POST /api/v1/verify` with a token (or the verify URL the
 * QR carries) or a 6-digit code. No login; an app session, when sent, is logged as the verifier
 * (masked), otherwise the holder's log says 网页核验. Wrong 6-digit codes are limited per client
 * so the code space cannot be walked.
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
import { AppError, isAppError } from '../../domain/errors';
import type { PrintedCopies } from '../../usecases/certificates/printedCopies';
import type { Verification } from '../../usecases/certificates/verification';
import { bearerToken } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

/** wrong codes tolerated per client address per window */
export const CODE_FAILURES_PER_WINDOW = 10;
export const CODE_WINDOW_MS = 60_000;
/** file checks (up to 6 MB of base64 and an SM2 verification each) per client address per window */
export const FILE_CHECKS_PER_WINDOW = 20;

export interface VerifyRouteDeps {
  verification: Verification;
  printedCopies: PrintedCopies;
  clock: { now(): Date };
}

export async function verifyRoutes(app: FastifyInstance, deps: VerifyRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const failures = new Map<string, number[]>();
  const fileChecks = new Map<string, number[]>();

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
    async (req) => {
      const body = req.body;
      const now = deps.clock.now().getTime();
      const key = req.ip;
      if ('code' in body) {
        const recent = (failures.get(key) ?? []).filter((t) => t > now - CODE_WINDOW_MS);
        if (recent.length >= CODE_FAILURES_PER_WINDOW) {
          throw new AppError('RATE_LIMITED', '核验码输错次数过多，请1分钟后再试', {
            retryAfterSeconds: Math.ceil((recent[0] + CODE_WINDOW_MS - now) / 1000),
          });
        }
        try {
          return deps.verification.verify(body, await verifierOf(req));
        } catch (e) {
          if (isAppError(e) && e.code === 'VERIFY_CODE_NOT_FOUND') {
            failures.set(key, [...recent, now]);
            if (failures.size > 10_000) failures.clear();
          }
          throw e;
        }
      }
      return deps.verification.verify(body, await verifierOf(req));
    },
  );

  // the printable PDF: a downloaded file and its .sig, checked by anyone
  api.post(
    '/documents/verify-file',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: { body: VerifyFileBody, response: { 200: VerifyFileResponse, ...ERRORS } },
    },
    async (req) => {
      const now = deps.clock.now().getTime();
      const recent = (fileChecks.get(req.ip) ?? []).filter((t) => t > now - CODE_WINDOW_MS);
      if (recent.length >= FILE_CHECKS_PER_WINDOW) {
        throw new AppError('RATE_LIMITED', '文件核验过于频繁，请1分钟后再试', {
          retryAfterSeconds: Math.ceil((recent[0] + CODE_WINDOW_MS - now) / 1000),
        });
      }
      fileChecks.set(req.ip, [...recent, now]);
      if (fileChecks.size > 10_000) fileChecks.clear();
      return deps.printedCopies.verifyFile(
        new Uint8Array(Buffer.from(req.body.file, 'base64')),
        req.body.signature,
      );
    },
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
