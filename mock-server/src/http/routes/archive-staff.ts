/**
 * /api/v1/staff/archive/* — the 四性检测 on demand for the staff console, behind the
 * staff session cookie of routes/staff.ts (GET only, so no CSRF token). Each check is audited.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ArchiveCheckResponse, ErrorBody, STAFF_COOKIE } from '../../contract';
import type { ArchiveService } from '../../usecases/archive/service';
import type { StaffSessions } from '../../usecases/staff/sessions';
import { cookieValue } from './staff';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface ArchiveStaffRouteDeps {
  archive: ArchiveService;
  staff: StaffSessions;
}

export async function archiveStaffRoutes(
  app: FastifyInstance,
  deps: ArchiveStaffRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/staff/archive/check',
    {
      schema: {
        querystring: Type.Object(
          { package: Type.Optional(Type.String({ maxLength: 80 })) },
          { additionalProperties: false },
        ),
        response: { 200: ArchiveCheckResponse, ...ERRORS },
      },
    },
    async (req) => {
      const s = await deps.staff.authenticate(cookieValue(req, STAFF_COOKIE));
      const target = req.query.package ?? 'archive';
      const report = req.query.package
        ? await deps.archive.checkPackage(req.query.package)
        : await deps.archive.checkArchive();
      await deps.archive.audit(
        { actorId: s.staff.staffId, role: 'staff', purpose: '四性检测' },
        'archiveCheck',
        target,
        report.ok ? 'ok' : `problems:${report.problems.length}`,
      );
      return report;
    },
  );
}
