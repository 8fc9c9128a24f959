/**
 * 在线咨询: the public FAQ search, citizens' questions (Bearer session) and the
 * staff side at /staff/consultation/* (staff cookie; answering also needs the CSRF token).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../domain/errors';
import {
  AnswerQuestionBody,
  AskQuestionBody,
  CSRF_HEADER,
  ErrorBody,
  FaqQuery,
  FaqResponse,
  MyQuestionsResponse,
  NoQuery,
  QuestionParams,
  STAFF_COOKIE,
  StaffQuestion,
  StaffQuestionsQuery,
  StaffQuestionsResponse,
  ConsultationQuestion,
} from '../../contract';
import type { QuestionRecord } from '../../ports';
import type { ConsultationService } from '../../usecases/consultation/service';
import type { StaffSession, StaffSessions } from '../../usecases/staff/sessions';
import { callerOf, requireSession } from '../auth';
import { cookieValue } from './staff';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface ConsultationRouteDeps {
  consultation: ConsultationService;
  /** the staff side is registered only with the staff console */
  staff?: StaffSessions;
}

const forbidden = (message: string) => new AppError('FORBIDDEN', message);

async function view(svc: ConsultationService, q: QuestionRecord): Promise<ConsultationQuestion> {
  const { caseNumber } = await svc.caseNumberOf(q.caseId);
  return {
    questionId: q.questionId,
    topic: q.topic,
    ...(q.caseId ? { caseId: q.caseId } : {}),
    ...(caseNumber ? { caseNumber } : {}),
    text: q.text,
    askedAt: q.askedAt,
    status: q.answeredAt ? 'answered' : 'open',
    ...(q.answer !== undefined ? { answer: q.answer } : {}),
    ...(q.answeredByName ? { answeredBy: q.answeredByName } : {}),
    ...(q.answeredAt ? { answeredAt: q.answeredAt } : {}),
  };
}

async function staffView(svc: ConsultationService, q: QuestionRecord): Promise<StaffQuestion> {
  const { businessTypeCode } = await svc.caseNumberOf(q.caseId);
  return {
    ...(await view(svc, q)),
    askerName: q.personName,
    ...(businessTypeCode ? { businessTypeCode } : {}),
  };
}

export async function consultationRoutes(
  app: FastifyInstance,
  deps: ConsultationRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const svc = deps.consultation;

  api.get(
    '/consultation/faq',
    { schema: { querystring: FaqQuery, response: { 200: FaqResponse, ...ERRORS } } },
    async (req) => {
      const faq = await svc.faq(req.query.q);
      return {
        items: faq.items.map((e) => ({
          id: e.id,
          question: e.question,
          answer: e.answer,
          tags: [...e.tags],
          source: e.source,
        })),
        total: faq.total,
      };
    },
  );

  api.post(
    '/consultation/questions',
    {
      preHandler: requireSession,
      schema: { body: AskQuestionBody, response: { 201: ConsultationQuestion, ...ERRORS } },
    },
    async (req, reply) => {
      const c = callerOf(req);
      const q = await svc.ask({ personId: c.personId, name: c.name }, req.body);
      return reply.status(201).send(await view(svc, q));
    },
  );

  api.get(
    '/consultation/questions/mine',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: MyQuestionsResponse, ...ERRORS } },
    },
    async (req) => {
      const c = callerOf(req);
      const mine = await svc.mine({ personId: c.personId, name: c.name });
      return { items: await Promise.all(mine.map((q) => view(svc, q))) };
    },
  );

  const staff = deps.staff;
  if (!staff) return;
  const sessions = new WeakMap<FastifyRequest, StaffSession>();
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

  api.get(
    '/staff/consultation/questions',
    {
      preHandler: requireStaff,
      schema: {
        querystring: StaffQuestionsQuery,
        response: { 200: StaffQuestionsResponse, ...ERRORS },
      },
    },
    async (req) => {
      const questions = await svc.list(req.query.status ?? 'open');
      return { items: await Promise.all(questions.map((q) => staffView(svc, q))) };
    },
  );

  api.post(
    '/staff/consultation/questions/:questionId/answer',
    {
      preHandler: requireStaff,
      schema: {
        params: QuestionParams,
        body: AnswerQuestionBody,
        response: { 200: StaffQuestion, ...ERRORS },
      },
    },
    async (req) => {
      const s = sessions.get(req)!;
      const q = await svc.answer(s.staff, req.params.questionId, req.body.answer, {
        ip: req.ip,
        ...(typeof req.headers['user-agent'] === 'string'
          ? { userAgent: req.headers['user-agent'] }
          : {}),
      });
      return staffView(svc, q);
    },
  );
}
