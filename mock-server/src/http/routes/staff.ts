/**
 * /api/v1/staff/* — the staff console API. A staff session is the HttpOnly,
 * SameSite=Strict cookie `hh_staff`; every changing request must also carry the session's CSRF
 * token in `x-csrf-token`. Citizens' Bearer tokens mean nothing here (and staff cookies mean
 * nothing on citizens' routes, which read only Bearer tokens).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../domain/errors';
import {
  CounterIntakeBody,
  CSRF_HEADER,
  ErrorBody,
  NoQuery,
  STAFF_COOKIE,
  StaffCaseDecisionResponse,
  StaffCaseParams,
  StaffCaseResponse,
  StaffDecisionBody,
  StaffLoginBody,
  StaffQueueResponse,
  StaffSessionResponse,
} from '../../contract';
import type { ClientInfo } from '../../usecases/staff/audit';
import type { CounterIntake } from '../../usecases/staff/counterIntake';
import type { StaffDecisions } from '../../usecases/staff/decisions';
import type { StaffDesk } from '../../usecases/staff/desk';
import type { StaffSession, StaffSessions } from '../../usecases/staff/sessions';
import { RATE_LIMITS } from '../rateLimits';
import { toCaseDetail } from './cases';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;
const SESSION_MAX_AGE_S = 10 * 60 * 60;

export interface StaffRouteDeps {
  sessions: StaffSessions;
  desk: StaffDesk;
  decisions: StaffDecisions;
  counter: CounterIntake;
}

/** The value of one cookie from the Cookie header. */
export function cookieValue(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      return /^[A-Za-z0-9_-]{16,128}$/.test(v) ? v : undefined;
    }
  }
  return undefined;
}

const clientOf = (req: FastifyRequest): ClientInfo => ({
  ip: req.ip,
  ...(typeof req.headers['user-agent'] === 'string'
    ? { userAgent: req.headers['user-agent'] }
    : {}),
});

const forbidden = (message: string) => new AppError('FORBIDDEN', message);

function sessionCookie(req: FastifyRequest, value: string, maxAge: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${STAFF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

export async function staffRoutes(app: FastifyInstance, deps: StaffRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { sessions: staff } = deps;
  const sessions = new WeakMap<FastifyRequest, StaffSession>();

  /** preHandler: a live staff session; for changing methods, the CSRF token too. */
  const requireStaff = async (req: FastifyRequest) => {
    const s = await staff.authenticate(cookieValue(req, STAFF_COOKIE));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const given = req.headers[CSRF_HEADER];
      if (!staff.csrfMatches(s, typeof given === 'string' ? given : undefined)) {
        throw forbidden('CSRF 校验失败，请刷新页面后重试');
      }
    }
    sessions.set(req, s);
  };
  const sessionOf = (req: FastifyRequest): StaffSession => {
    const s = sessions.get(req);
    if (!s) throw new Error('staff route without requireStaff');
    return s;
  };

  api.post(
    '/staff/session',
    {
      config: { rateLimit: RATE_LIMITS.staffLogin },
      schema: { body: StaffLoginBody, response: { 200: StaffSessionResponse, ...ERRORS } },
    },
    async (req, reply) => {
      const s = await staff.login(req.body.username, req.body.password, clientOf(req));
      reply.header('set-cookie', sessionCookie(req, s.token, SESSION_MAX_AGE_S));
      return { staff: s.staff, csrfToken: s.csrfToken };
    },
  );

  api.get(
    '/staff/session',
    {
      preHandler: requireStaff,
      schema: { querystring: NoQuery, response: { 200: StaffSessionResponse, ...ERRORS } },
    },
    async (req) => sessionOf(req),
  );

  api.post(
    '/staff/session/end',
    { preHandler: requireStaff, schema: { response: { 204: { type: 'null' }, ...ERRORS } } },
    async (req, reply) => {
      await staff.logout(cookieValue(req, STAFF_COOKIE)!, clientOf(req));
      reply.header('set-cookie', sessionCookie(req, '', 0));
      return reply.status(204).send();
    },
  );

  api.get(
    '/staff/queue',
    {
      preHandler: requireStaff,
      schema: { querystring: NoQuery, response: { 200: StaffQueueResponse, ...ERRORS } },
    },
    async () => ({
      items: (await deps.desk.queue()).map((q) => ({
        caseId: q.case.caseId,
        ...(q.case.caseNumber ? { caseNumber: q.case.caseNumber } : {}),
        businessTypeName: q.businessTypeName,
        status: q.case.status,
        unitCode: q.case.unitCode,
        ...(q.location ? { location: q.location } : {}),
        since: q.case.manualQueue!.since,
        stage: q.case.manualQueue!.stage,
        reasons: q.case.manualQueue!.reasons,
        parties: q.case.parties.map((p) => ({ name: p.name, role: p.role })),
      })),
    }),
  );

  api.get(
    '/staff/cases/:caseId',
    {
      preHandler: requireStaff,
      schema: {
        params: StaffCaseParams,
        querystring: NoQuery,
        response: { 200: StaffCaseResponse, ...ERRORS },
      },
    },
    async (req) => {
      const d = await deps.desk.caseDetail(sessionOf(req).staff, req.params.caseId, clientOf(req));
      return {
        case: toCaseDetail(d.view),
        ruleResults: d.ruleResults,
        decisions: d.decisions,
        taxOutstanding: d.taxOutstanding,
        documentRenderings: d.documentRenderings,
        materialNames: d.materialNames,
        audit: d.audit.map((a) => ({
          action: a.action,
          staffName: a.staffName,
          at: a.at,
          clientIp: a.clientIp,
          outcome: a.outcome,
        })),
      };
    },
  );

  api.post(
    '/staff/cases/:caseId/decisions',
    {
      preHandler: requireStaff,
      schema: {
        params: StaffCaseParams,
        body: StaffDecisionBody,
        response: { 200: StaffCaseDecisionResponse, ...ERRORS },
      },
    },
    async (req) => {
      const view = await deps.decisions.decide(
        sessionOf(req).staff,
        req.params.caseId,
        req.body.decision,
        {
          ...(req.body.reasons ? { reasons: req.body.reasons } : {}),
          ...(req.body.note ? { note: req.body.note } : {}),
          ...(req.body.version !== undefined ? { expectedVersion: req.body.version } : {}),
        },
        clientOf(req),
      );
      return { case: toCaseDetail(view) };
    },
  );

  api.post(
    '/staff/counter-intake',
    {
      preHandler: requireStaff,
      schema: { body: CounterIntakeBody, response: { 201: StaffCaseDecisionResponse, ...ERRORS } },
    },
    async (req, reply) => {
      const view = await deps.counter.intake(sessionOf(req).staff, req.body, clientOf(req));
      return reply.status(201).send({ case: toCaseDetail(view) });
    },
  );
}
