/**
 * Shared data of a case:
 *   GET  /cases/:caseId/shared-data                          parties: where each item came from
 *   POST /cases/:caseId/shared-data/resolve                  parties, before submission / in 补正
 *   POST /cases/:caseId/shared-data/:recordId/objections     a party objects with evidence photos
 *   GET  /staff/cases/:caseId/shared-data                    staff: the same with the records' data
 *   POST /staff/cases/:caseId/shared-data/:recordId/recheck  staff send a record back (校核)
 *   GET|PUT /staff/data-sources/faults                       demo switch (simulators only)
 *   GET  /data-sources                                       public: each source's seal key
 * Parties other than the case's get 404; staff routes need the staff cookie (+ CSRF to change).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CaseParams, CSRF_HEADER, ErrorBody, NoQuery, STAFF_COOKIE } from '../../contract';
import {
  DataSourcesResponse,
  DataSourceFaultBody,
  DataSourceFaultsResponse,
  ObjectionBody,
  ObjectionResponse,
  RecheckBody,
  RecheckView,
  SharedDataResponse,
  SharedRecordParams,
} from '../../contract/sharedData';
import { DATA_SOURCE_NAMES } from '../../domain/shared-data';
import { AppError, validationFailed } from '../../domain/errors';
import type { CaseService } from '../../usecases/cases/service';
import type { SharedDataService } from '../../usecases/shared-data/service';
import type { StaffSessions } from '../../usecases/staff/sessions';
import type { DataSourceFaultMode, DataSourceFaults } from '../../adapters/data-sources/faults';
import type { DataSourceCode } from '../../ports/sharedData';
import { callerOf, requireSession } from '../auth';
import { cookieValue } from './staff';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface SharedDataRouteDeps {
  shared: SharedDataService;
  cases: CaseService;
  staff?: StaffSessions;
  /** the demo switch; absent when simulators are disabled */
  faults?: DataSourceFaults;
}

export async function sharedDataRoutes(
  app: FastifyInstance,
  deps: SharedDataRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { shared, cases } = deps;
  const party = (req: FastifyRequest) => {
    const c = callerOf(req);
    return { personId: c.personId, name: c.name };
  };

  const answer = (caseId: string, withData: boolean) => ({
    items: shared.view(caseId),
    records: shared.records(caseId).map((r) => ({
      recordId: r.recordId,
      materialCode: r.materialCode,
      source: r.record.source,
      sourceName: DATA_SOURCE_NAMES[r.record.source],
      kind: r.record.query.kind,
      retrievedAt: r.record.retrievedAt,
      sealValid: r.sealValid,
      status: r.status,
      ...(r.replacesRecordId ? { replacesRecordId: r.replacesRecordId } : {}),
      ...(withData ? { data: r.record.data } : {}),
    })),
    rechecks: shared.rechecks(caseId).map(({ caseId: _c, requestedBy: _b, ...x }) => x),
    objections: shared.objections(caseId).map(({ caseId: _c, personId: _p, ...o }) => o),
  });

  api.get(
    '/data-sources',
    { schema: { querystring: NoQuery, response: { 200: DataSourcesResponse, ...ERRORS } } },
    async () => ({
      items: Object.values(shared.deps.sources).flatMap((x) =>
        x
          ? [
              {
                code: x.code,
                name: x.name,
                keyId: x.keyId,
                publicKeyHex: x.publicKeyHex,
                kinds: [...x.kinds],
                sealedFields: ['source', 'query', 'data', 'retrievedAt'],
              },
            ]
          : [],
      ),
    }),
  );

  api.get(
    '/cases/:caseId/shared-data',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: SharedDataResponse, ...ERRORS },
      },
    },
    async (req) => {
      cases.getCase(party(req), req.params.caseId); // 404 unless a party
      await shared.collectPending(req.params.caseId);
      return answer(req.params.caseId, false);
    },
  );

  api.post(
    '/cases/:caseId/shared-data/resolve',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, response: { 200: SharedDataResponse, ...ERRORS } },
    },
    async (req) => {
      const c = cases.getCase(party(req), req.params.caseId).case;
      shared.assertResolvable(c);
      await shared.resolveCase(c.caseId);
      return answer(c.caseId, false);
    },
  );

  api.post(
    '/cases/:caseId/shared-data/:recordId/objections',
    {
      preHandler: requireSession,
      schema: {
        params: SharedRecordParams,
        body: ObjectionBody,
        response: { 201: ObjectionResponse, ...ERRORS },
      },
    },
    async (req, reply) => {
      cases.getCase(party(req), req.params.caseId);
      const evidence = req.body.evidence.map((e) => {
        const bytes = Buffer.from(e.data, 'base64');
        if (
          bytes.length === 0 ||
          bytes.toString('base64').replace(/=+$/, '') !== e.data.replace(/=+$/, '')
        )
          throw validationFailed('证据照片不是有效的 base64 数据');
        return { contentType: e.contentType, bytes: new Uint8Array(bytes) };
      });
      const r = await shared.object(
        party(req),
        req.params.caseId,
        req.params.recordId,
        req.body.statement,
        evidence,
      );
      const { caseId: _c, personId: _p, ...objection } = r.objection!;
      const { caseId: _c2, requestedBy: _b, ...recheck } = r.recheck;
      return reply.status(201).send({ objection, recheck });
    },
  );

  // ------------------------------------------------------------ staff

  const staffOf = (req: FastifyRequest, changing: boolean) => {
    if (!deps.staff) throw new AppError('NOT_FOUND', '没有这个接口');
    const s = deps.staff.authenticate(cookieValue(req, STAFF_COOKIE));
    if (changing) {
      const given = req.headers[CSRF_HEADER];
      if (!deps.staff.csrfMatches(s, typeof given === 'string' ? given : undefined))
        throw new AppError('FORBIDDEN', 'CSRF 校验失败，请刷新页面后重试');
    }
    return s;
  };

  api.get(
    '/staff/cases/:caseId/shared-data',
    {
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: SharedDataResponse, ...ERRORS },
      },
    },
    async (req) => {
      staffOf(req, false);
      await shared.collectPending(req.params.caseId);
      return answer(req.params.caseId, true);
    },
  );

  api.post(
    '/staff/cases/:caseId/shared-data/:recordId/recheck',
    {
      schema: {
        params: SharedRecordParams,
        body: RecheckBody,
        response: { 201: RecheckView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const s = staffOf(req, true);
      const r = await shared.requestRecheck(
        req.params.caseId,
        req.params.recordId,
        { kind: 'staff', id: s.staff.staffId, displayName: s.staff.displayName },
        req.body.reason,
      );
      const { caseId: _c, requestedBy: _b, ...view } = r;
      return reply.status(201).send(view);
    },
  );

  const faults = deps.faults;
  if (faults) {
    api.get(
      '/staff/data-sources/faults',
      { schema: { querystring: NoQuery, response: { 200: DataSourceFaultsResponse, ...ERRORS } } },
      async (req) => {
        staffOf(req, false);
        return { faults: faults.all() };
      },
    );
    api.put(
      '/staff/data-sources/faults',
      {
        schema: {
          body: DataSourceFaultBody,
          response: { 200: DataSourceFaultsResponse, ...ERRORS },
        },
      },
      async (req) => {
        staffOf(req, true);
        faults.set(req.body.source as DataSourceCode, req.body.mode as DataSourceFaultMode);
        return { faults: faults.all() };
      },
    );
  }
}
