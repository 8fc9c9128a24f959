/**
 * POST /api/v1/staff/archive/transfers — the staff console's 档案移交: runs one batch to the
 * archives department (usecases/archive/transfer.ts, the same as `npm run archive:transfer`),
 * behind the staff session cookie and its CSRF token. The batch itself is logged by the use case.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../domain/errors';
import { CSRF_HEADER, ErrorBody, NoQuery, STAFF_COOKIE } from '../../contract';
import type { ArchiveTransfer } from '../../usecases/archive/transfer';
import type { StaffSessions } from '../../usecases/staff/sessions';
import { cookieValue } from './staff';

const Str = Type.String({ maxLength: 4000 });
/** What one run did (no personal data: archive and batch numbers only). */
export const ArchiveTransferRunResponse = Type.Object({
  outcome: Type.Union([
    Type.Literal('received'),
    Type.Literal('refused'),
    Type.Literal('unavailable'),
    Type.Literal('alreadyReceived'),
    Type.Literal('nothingToTransfer'),
  ]),
  batchId: Type.Optional(Str),
  batchNumber: Type.Optional(Str),
  packages: Type.Array(Str),
  reasons: Type.Array(Str),
  heldBack: Type.Array(Type.Object({ archiveNumber: Str, problems: Type.Array(Str) })),
  attempts: Type.Integer({ minimum: 0 }),
});

export interface ArchiveTransferStaffRouteDeps {
  transfer: Pick<ArchiveTransfer, 'run'>;
  staff: StaffSessions;
}

export async function archiveTransferStaffRoutes(
  app: FastifyInstance,
  deps: ArchiveTransferStaffRouteDeps,
): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/staff/archive/transfers',
    {
      schema: {
        querystring: NoQuery,
        response: { 200: ArchiveTransferRunResponse, '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (req) => {
      const s = await deps.staff.authenticate(cookieValue(req, STAFF_COOKIE));
      const given = req.headers[CSRF_HEADER];
      if (!deps.staff.csrfMatches(s, typeof given === 'string' ? given : undefined))
        throw new AppError('FORBIDDEN', 'CSRF 校验失败，请刷新页面后重试');
      return deps.transfer.run();
    },
  );
}
