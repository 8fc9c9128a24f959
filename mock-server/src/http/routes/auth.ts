/**
 * /auth/*: face login, 浙里办 login, step-up, renew and logout; and the dev-only /sim/zlb/*
 * helpers that imitate the 浙里办 container (only when SIMULATORS_ENABLED).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  FACE_BODY_LIMIT_BYTES,
  FaceCompleteRequest,
  FaceStartRequest,
  FaceStartResponse,
  LoginResponse,
  MAX_FRAME_BYTES,
  MIN_FACE_FRAMES,
  RenewResponse,
  SimZlbTicketRequest,
  SimZlbTicketResponse,
  SimZmAuthRequest,
  SimZmAuthResponse,
  StepUpCompleteRequest,
  StepUpResponse,
  StepUpStartRequest,
  ZlbStepUpRequest,
  ZlbTicketRequest,
  type FaceStartResponse as FaceStartAnswer,
  type LoginResponse as LoginAnswer,
} from '../../contract';
import type { FaceChallengeIssued, ZlbContainerSimulator } from '../../ports';
import { profileOf } from '../../usecases/auth/me';
import type { IssuedSession } from '../../usecases/auth/service';
import { callerOf, requireSession } from '../auth';
import { RATE_LIMITS } from '../rateLimits';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

const challengeAnswer = (c: FaceChallengeIssued): FaceStartAnswer => ({
  certifyId: c.certifyId,
  challenge: { actions: c.actions, nonce: c.nonce, expiresAt: c.expiresAt },
  minFrames: MIN_FACE_FRAMES,
  maxFrameBytes: MAX_FRAME_BYTES,
  ...(c.promptMs !== undefined ? { promptMs: c.promptMs } : {}),
  ...(c.demoCamera ? { demoCamera: true } : {}),
});

const loginAnswer = (s: IssuedSession): LoginAnswer => ({
  session: { token: s.token, expiresAt: s.expiresAt, idleExpiresAt: s.idleExpiresAt },
  user: profileOf(s.person),
});

export interface AuthRoutesOptions {
  /** the 浙里办 container simulator; absent when SIMULATORS_ENABLED is false */
  zlbSimulator?: ZlbContainerSimulator;
}

export async function authRoutes(app: FastifyInstance, opts: AuthRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const auth = app.auth;

  api.post(
    '/auth/face/start',
    {
      config: { rateLimit: RATE_LIMITS.login },
      schema: { body: FaceStartRequest, response: { 200: FaceStartResponse, ...ERRORS } },
    },
    async (req) => challengeAnswer(await auth.startFaceLogin(req.body, req.ip)),
  );

  api.post(
    '/auth/face/complete',
    {
      config: { rateLimit: RATE_LIMITS.login },
      bodyLimit: FACE_BODY_LIMIT_BYTES,
      schema: { body: FaceCompleteRequest, response: { 200: LoginResponse, ...ERRORS } },
    },
    async (req) => loginAnswer(await auth.completeFaceLogin(req.body, req.ip)),
  );

  api.post(
    '/auth/step-up/start',
    {
      preHandler: requireSession,
      schema: {
        body: Type.Optional(StepUpStartRequest),
        response: { 200: FaceStartResponse, ...ERRORS },
      },
    },
    async (req) => challengeAnswer(await auth.startStepUp(callerOf(req), req.ip)),
  );

  api.post(
    '/auth/step-up/complete',
    {
      bodyLimit: FACE_BODY_LIMIT_BYTES,
      preHandler: requireSession,
      schema: { body: StepUpCompleteRequest, response: { 200: StepUpResponse, ...ERRORS } },
    },
    async (req) => ({
      stepUpValidUntil: await auth.completeStepUp(callerOf(req), req.body, req.ip),
    }),
  );

  api.post(
    '/auth/zlb/ticket',
    { schema: { body: ZlbTicketRequest, response: { 200: LoginResponse, ...ERRORS } } },
    async (req) => loginAnswer(await auth.zlbLogin(req.body, req.ip)),
  );

  api.post(
    '/auth/zlb/step-up',
    {
      preHandler: requireSession,
      schema: { body: ZlbStepUpRequest, response: { 200: StepUpResponse, ...ERRORS } },
    },
    async (req) => ({
      stepUpValidUntil: await auth.zlbStepUp(callerOf(req), req.body.passId, req.ip),
    }),
  );

  api.post(
    '/auth/renew',
    { preHandler: requireSession, schema: { response: { 200: RenewResponse, ...ERRORS } } },
    async (req) => auth.renew(callerOf(req)),
  );

  api.post(
    '/auth/logout',
    { preHandler: requireSession, schema: { response: { 204: Type.Null(), ...ERRORS } } },
    async (req, reply) => {
      await auth.logout(callerOf(req));
      return reply.status(204).send(null);
    },
  );

  const sim = opts.zlbSimulator;
  if (sim) {
    api.post(
      '/sim/zlb/tickets',
      { schema: { body: SimZlbTicketRequest, response: { 200: SimZlbTicketResponse, ...ERRORS } } },
      async (req) => sim.issueTicket(req.body.idNumber),
    );
    api.post(
      '/sim/zlb/zm-auth',
      { schema: { body: SimZmAuthRequest, response: { 200: SimZmAuthResponse, ...ERRORS } } },
      async (req) => sim.zmAuthentication(req.body.certNo, req.body.certName),
    );
  }
}
