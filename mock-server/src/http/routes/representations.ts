/**
 * Agents and guardians (委托代理人, 监护人): the routes listed in contract/representations.ts.
 * Each parses, calls one use case and serialises. Appointing, claiming a guardianship and signing
 * need a fresh face check (requireStepUp): each is a signature of its own.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AppointAgentBody,
  BundleResponse,
  CaseParams,
  ErrorBody,
  GuardianshipBody,
  InquiryBody,
  InquiryResponse,
  NoQuery,
  RepresentationCodeBody,
  RepresentationParams,
  RepresentationsResponse,
  RepresentationView,
  SignatureRecord,
  SignBody,
} from '../../contract';
import type { ActForPrincipal } from '../../usecases/representation/actForPrincipal';
import type { AppointAgent } from '../../usecases/representation/appointAgent';
import type { ClaimGuardianship } from '../../usecases/representation/claimGuardianship';
import type { RepresentationViews } from '../../usecases/representation/representationViews';
import type { ReviewRepresentation } from '../../usecases/representation/reviewRepresentation';
import type { RevokeRepresentation } from '../../usecases/representation/revoke';
import { RATE_LIMITS } from '../rateLimits';
import { callerOf, requireSession, requireStepUp } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;
/** an uploaded proof rides in the body as base64 */
const UPLOAD_BODY_LIMIT = 12 * 1024 * 1024;

export interface RepresentationRouteDeps {
  appoint: AppointAgent;
  guardianship: ClaimGuardianship;
  views: RepresentationViews;
  revoke: RevokeRepresentation;
  act: ActForPrincipal;
  /** staff's review (routes/representations-staff.ts, registered with the staff routes) */
  review: ReviewRepresentation;
}

const person = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  return { personId: c.personId, name: c.name };
};

/** The caller's ID number and the fresh face check requireStepUp passed. */
const identityOf = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  const checkedAt = c.stepUpAt ?? '';
  return {
    idNumber: c.idNumber,
    faceCheck: { reference: c.stepUpRef ?? `stepUp:${checkedAt}`, checkedAt },
  };
};

export async function representationRoutes(
  app: FastifyInstance,
  deps: RepresentationRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/cases/:caseId/representations',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: RepresentationsResponse, ...ERRORS },
      },
    },
    async (req) => ({ items: await deps.views.ofCase(person(req), req.params.caseId) }),
  );

  api.post(
    '/cases/:caseId/representations',
    {
      preHandler: requireStepUp,
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        params: CaseParams,
        body: AppointAgentBody,
        response: { 201: RepresentationView, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await deps.appoint.appoint(person(req), req.params.caseId, req.body, identityOf(req)),
        ),
  );

  api.post(
    '/representations/guardianship',
    {
      config: { rateLimit: RATE_LIMITS.invitationAccept },
      preHandler: requireStepUp,
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { body: GuardianshipBody, response: { 201: RepresentationView, ...ERRORS } },
    },
    async (req, reply) =>
      reply.status(201).send(await deps.guardianship.claim(person(req), req.body)),
  );

  api.post(
    '/representations/accept',
    {
      config: { rateLimit: RATE_LIMITS.invitationAccept },
      preHandler: requireSession,
      schema: { body: RepresentationCodeBody, response: { 200: RepresentationView, ...ERRORS } },
    },
    async (req) => deps.views.open(person(req), req.body.code),
  );

  api.get(
    '/me/representations',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: RepresentationsResponse, ...ERRORS } },
    },
    async (req) => ({ items: await deps.views.ofAgent(person(req)) }),
  );

  api.post(
    '/representations/:representationId/revoke',
    {
      preHandler: requireSession,
      schema: { params: RepresentationParams, response: { 200: RepresentationView, ...ERRORS } },
    },
    async (req) => deps.revoke.revoke(person(req), req.params.representationId),
  );

  api.get(
    '/representations/:representationId/bundle',
    {
      preHandler: requireSession,
      schema: {
        params: RepresentationParams,
        querystring: NoQuery,
        response: { 200: BundleResponse, ...ERRORS },
      },
    },
    async (req) => deps.act.bundle(person(req), req.params.representationId),
  );

  api.put(
    '/representations/:representationId/inquiry',
    {
      preHandler: requireSession,
      schema: {
        params: RepresentationParams,
        body: InquiryBody,
        response: { 200: InquiryResponse, ...ERRORS },
      },
    },
    async (req) =>
      deps.act.answerInquiry(person(req), req.params.representationId, req.body.answers),
  );

  api.post(
    '/representations/:representationId/signatures',
    {
      preHandler: requireStepUp,
      bodyLimit: 512 * 1024,
      schema: {
        params: RepresentationParams,
        body: SignBody,
        response: { 201: SignatureRecord, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await deps.act.sign(
            person(req),
            req.params.representationId,
            req.body.handwriting,
            req.body.bundleDigest,
            identityOf(req),
          ),
        ),
  );
}
