/**
 * /api/v1/survey/* — surveying firms' users: login (cookie `hh_survey` + CSRF token), drawing
 * uploads (raw PDF/JPEG/PNG bodies, checked like any upload), the firm's e-seal over a result,
 * submissions and their own results. /api/v1/staff/survey-results* — the staff console (staff
 * cookie + CSRF): every result, refusing one with reasons, and the 首次登记 of a building from an
 * accepted result. Each route parses, calls one use case and serialises.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../domain/errors';
import type { SurveyResultInput, SurveySeal } from '../../domain/survey';
import {
  CSRF_HEADER,
  DrawingUploadResponse,
  ErrorBody,
  FirstRegistrationBody,
  FirstRegistrationResponse,
  NoQuery,
  SealSurveyRequest,
  STAFF_COOKIE,
  StaffSurveyRefusalBody,
  SubmitSurveyRequest,
  SURVEY_COOKIE,
  SurveyLoginBody,
  SurveyRefusedBody,
  SurveyResultListResponse,
  SurveyResultParams,
  SurveyResultResponse,
  SurveySealBody,
  SurveySessionResponse,
} from '../../contract';
import type { Survey } from '../../composition/survey';
import type { StaffSessions } from '../../usecases/staff/sessions';
import type { FirmSession } from '../../usecases/survey/firmSessions';
import { RATE_LIMITS } from '../rateLimits';
import { cookieValue } from './staff';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;
const SESSION_MAX_AGE_S = 10 * 60 * 60;
const DRAWING_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

export interface SurveyRouteDeps {
  survey: Survey;
  staff?: StaffSessions;
  uploadMaxBytes: number;
}

const forbidden = (message: string) => new AppError('FORBIDDEN', message);

function cookie(req: FastifyRequest, value: string, maxAge: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${SURVEY_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

const sessionView = (s: FirmSession) => ({
  user: { userId: s.user.userId, username: s.user.username, displayName: s.user.displayName },
  firm: {
    firmId: s.firm.firmId,
    name: s.firm.name,
    creditCode: s.firm.creditCode,
    licenceNumber: s.firm.licenceNumber,
    licenceValidUntil: s.firm.licenceValidUntil,
  },
  csrfToken: s.csrfToken,
});

export async function surveyRoutes(app: FastifyInstance, deps: SurveyRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { survey } = deps;
  const firmSessions = new WeakMap<FastifyRequest, FirmSession>();

  // raw bodies for drawings (this plugin's scope only)
  for (const type of DRAWING_TYPES)
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const csrfGiven = (req: FastifyRequest) => {
    const given = req.headers[CSRF_HEADER];
    return typeof given === 'string' ? given : undefined;
  };
  /** preHandler: a live firm session; for changing methods, the CSRF token too. */
  const requireFirm = async (req: FastifyRequest) => {
    const s = await survey.sessions.authenticate(cookieValue(req, SURVEY_COOKIE));
    if (req.method !== 'GET' && !survey.sessions.csrfMatches(s, csrfGiven(req)))
      throw forbidden('CSRF 校验失败，请刷新页面后重试');
    firmSessions.set(req, s);
  };
  const firmOf = (req: FastifyRequest): FirmSession => {
    const s = firmSessions.get(req);
    if (!s) throw new Error('survey route without requireFirm');
    return s;
  };

  api.post(
    '/survey/session',
    {
      config: { rateLimit: RATE_LIMITS.staffLogin },
      schema: { body: SurveyLoginBody, response: { 200: SurveySessionResponse, ...ERRORS } },
    },
    async (req, reply) => {
      const s = await survey.sessions.login(req.body.username, req.body.password, req.ip);
      reply.header('set-cookie', cookie(req, s.token, SESSION_MAX_AGE_S));
      return sessionView(s);
    },
  );

  api.get(
    '/survey/session',
    {
      preHandler: requireFirm,
      schema: { querystring: NoQuery, response: { 200: SurveySessionResponse, ...ERRORS } },
    },
    async (req) => sessionView(firmOf(req)),
  );

  api.post(
    '/survey/session/end',
    { preHandler: requireFirm, schema: { response: { 204: { type: 'null' }, ...ERRORS } } },
    async (req, reply) => {
      await survey.sessions.logout(cookieValue(req, SURVEY_COOKIE)!);
      reply.header('set-cookie', cookie(req, '', 0));
      return reply.status(204).send();
    },
  );

  api.post(
    '/survey/drawings',
    {
      preHandler: requireFirm,
      bodyLimit: deps.uploadMaxBytes + 1024 * 1024,
      schema: { response: { 201: DrawingUploadResponse, ...ERRORS } },
    },
    async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
      const out = await survey.drawings.upload(firmOf(req), req.headers['content-type'], body);
      return reply.status(201).send(out);
    },
  );

  api.post(
    '/survey/seal',
    {
      preHandler: requireFirm,
      schema: { body: SealSurveyRequest, response: { 200: SurveySealBody, ...ERRORS } },
    },
    async (req) => {
      const seal = await survey.submit.seal(firmOf(req), req.body.result as SurveyResultInput);
      return { ...seal, certificate: seal.certificate as unknown as Record<string, unknown> };
    },
  );

  api.post(
    '/survey/results',
    {
      preHandler: requireFirm,
      schema: {
        body: SubmitSurveyRequest,
        response: {
          200: SurveyResultResponse,
          201: SurveyResultResponse,
          422: SurveyRefusedBody,
          ...ERRORS,
        },
      },
    },
    async (req, reply) => {
      const s = firmOf(req);
      const out = await survey.submit.submit(
        s,
        req.body.result as SurveyResultInput,
        req.body.seal as unknown as SurveySeal,
      );
      return reply
        .status(out.duplicate ? 200 : 201)
        .send(await survey.review.one(out.stored.resultId, s.firm.firmId));
    },
  );

  api.get(
    '/survey/results',
    {
      preHandler: requireFirm,
      schema: { querystring: NoQuery, response: { 200: SurveyResultListResponse, ...ERRORS } },
    },
    async (req) => ({ items: await survey.review.ofFirm(firmOf(req).firm.firmId) }),
  );

  api.get(
    '/survey/results/:resultId',
    {
      preHandler: requireFirm,
      schema: {
        params: SurveyResultParams,
        querystring: NoQuery,
        response: { 200: SurveyResultResponse, ...ERRORS },
      },
    },
    async (req) => survey.review.one(req.params.resultId, firmOf(req).firm.firmId),
  );

  // ------------------------------------------------------------ the staff console's side
  const { staff } = deps;
  if (!staff) return;
  const staffSessions = new WeakMap<FastifyRequest, { staffId: string; displayName: string }>();
  const requireStaff = async (req: FastifyRequest) => {
    const s = await staff.authenticate(cookieValue(req, STAFF_COOKIE));
    if (req.method !== 'GET' && !staff.csrfMatches(s, csrfGiven(req)))
      throw forbidden('CSRF 校验失败，请刷新页面后重试');
    staffSessions.set(req, s.staff);
  };
  const staffOf = (req: FastifyRequest) => {
    const s = staffSessions.get(req);
    if (!s) throw new Error('staff route without requireStaff');
    return s;
  };

  api.get(
    '/staff/survey-results',
    {
      preHandler: requireStaff,
      schema: { querystring: NoQuery, response: { 200: SurveyResultListResponse, ...ERRORS } },
    },
    async () => ({ items: await survey.review.all() }),
  );

  api.get(
    '/staff/survey-results/:resultId',
    {
      preHandler: requireStaff,
      schema: {
        params: SurveyResultParams,
        querystring: NoQuery,
        response: { 200: SurveyResultResponse, ...ERRORS },
      },
    },
    async (req) => survey.review.one(req.params.resultId),
  );

  api.post(
    '/staff/survey-results/:resultId/refusal',
    {
      preHandler: requireStaff,
      schema: {
        params: SurveyResultParams,
        body: StaffSurveyRefusalBody,
        response: { 200: SurveyResultResponse, ...ERRORS },
      },
    },
    async (req) => survey.review.refuse(staffOf(req), req.params.resultId, req.body.reasons),
  );

  api.post(
    '/staff/survey-results/:resultId/first-registration',
    {
      preHandler: requireStaff,
      schema: {
        params: SurveyResultParams,
        body: FirstRegistrationBody,
        response: { 201: FirstRegistrationResponse, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await survey.firstRegistration.record(staffOf(req), req.params.resultId, req.body)),
  );
}
