/** /me, /me/sessions, /me/units and a unit's register record (needs a fresh step-up). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  MeResponse,
  MyUnitsResponse,
  NoQuery,
  SessionIdParams,
  SessionsResponse,
  UnitCodeParams,
  UnitRecordResponse,
} from '../../contract';
import { myProfile, myUnits, unitRecord, type MeDeps } from '../../usecases/auth/me';
import { callerOf, requireSession, requireStepUp } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export async function meRoutes(app: FastifyInstance, deps: MeDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const auth = app.auth;

  api.get(
    '/me',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: MeResponse, ...ERRORS } },
    },
    async (req) => myProfile(deps, callerOf(req)),
  );

  api.get(
    '/me/sessions',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: SessionsResponse, ...ERRORS } },
    },
    async (req) => ({
      items: (await auth.listSessions(callerOf(req))).map((s) => ({
        id: s.sessionId,
        deviceName: s.deviceName,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        current: s.current,
      })),
    }),
  );

  api.delete(
    '/me/sessions/:id',
    {
      preHandler: requireSession,
      schema: { params: SessionIdParams, response: { 204: Type.Null(), ...ERRORS } },
    },
    async (req, reply) => {
      await auth.endSession(callerOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/me/units',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: MyUnitsResponse, ...ERRORS } },
    },
    async (req) => ({ items: await myUnits(deps, callerOf(req)) }),
  );

  api.get(
    '/me/units/:unitCode/record',
    {
      preHandler: requireStepUp,
      schema: {
        params: UnitCodeParams,
        querystring: NoQuery,
        response: { 200: UnitRecordResponse, ...ERRORS },
      },
    },
    async (req) => unitRecord(deps, callerOf(req), req.params.unitCode),
  );
}
