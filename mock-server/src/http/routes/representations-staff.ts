/**
 * Staff review of agents and guardians the registry cannot verify online (behind the staff
 * session cookie and its CSRF token):
 *   GET  /staff/cases/:caseId/representations               the case's authorities, in full
 *   POST /staff/representations/:representationId/decision  认可 or 不予认可 (with the reason)
 * No console screen uses them yet.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../domain/errors';
import type { Representation } from '../../domain/representation';
import {
  CaseParams,
  CSRF_HEADER,
  ErrorBody,
  NoQuery,
  RepresentationDecisionBody,
  RepresentationParams,
  STAFF_COOKIE,
  StaffRepresentationsResponse,
  StaffRepresentationView,
} from '../../contract';
import type { ReviewRepresentation } from '../../usecases/representation/reviewRepresentation';
import type { StaffSessions } from '../../usecases/staff/sessions';
import { cookieValue } from './staff';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface RepresentationStaffRouteDeps {
  review: ReviewRepresentation;
  staff: StaffSessions;
}

const staffView = (r: Representation) => ({
  representationId: r.representationId,
  caseId: r.caseId,
  kind: r.kind,
  basis: r.basis,
  status: r.status,
  principalName: r.principal.name,
  principalRole: r.principal.role,
  agentName: r.agent.name,
  document: r.document,
  reviewReasons: r.reviewReasons ?? [],
  ...(r.uploadSm3 ? { uploadSm3: r.uploadSm3 } : {}),
  ...(r.guardianCommitment ? { guardianCommitment: r.guardianCommitment } : {}),
  ...(r.review ? { review: r.review } : {}),
});

export async function representationStaffRoutes(
  app: FastifyInstance,
  deps: RepresentationStaffRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const session = async (req: FastifyRequest, write: boolean) => {
    const s = await deps.staff.authenticate(cookieValue(req, STAFF_COOKIE));
    const given = req.headers[CSRF_HEADER];
    if (write && !deps.staff.csrfMatches(s, typeof given === 'string' ? given : undefined))
      throw new AppError('FORBIDDEN', 'CSRF 校验失败，请刷新页面后重试');
    return s;
  };

  api.get(
    '/staff/cases/:caseId/representations',
    {
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: StaffRepresentationsResponse, ...ERRORS },
      },
    },
    async (req) => {
      await session(req, false);
      return { items: (await deps.review.ofCase(req.params.caseId)).map(staffView) };
    },
  );

  api.post(
    '/staff/representations/:representationId/decision',
    {
      schema: {
        params: RepresentationParams,
        body: RepresentationDecisionBody,
        response: { 200: StaffRepresentationView, ...ERRORS },
      },
    },
    async (req) => {
      const s = await session(req, true);
      return staffView(
        await deps.review.decide(
          s.staff,
          req.params.representationId,
          req.body.approve,
          req.body.note,
        ),
      );
    },
  );
}
