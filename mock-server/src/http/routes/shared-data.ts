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
import { AppError } from '../../domain/errors';
import type { CaseSharedData } from '../../usecases/shared-data/caseSharedData';
import type { Objections } from '../../usecases/shared-data/objections';
import type { Rechecks } from '../../usecases/shared-data/rechecks';
import type { dataSourceKeys } from '../../usecases/shared-data/sourceKeys';
import type { SharedDataOfCase } from '../../usecases/shared-data/view';
import type { StaffSessions } from '../../usecases/staff/sessions';
import type {
  DataSourceFaultMode,
  DataSourceFaultSwitch,
} from '../../adapters/data-sources/faults';
import type { DataSourceCode } from '../../ports/sharedData';
import { callerOf, requireSession } from '../auth';
import { cookieValue } from './staff';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface SharedDataRouteDeps {
  shared: {
    caseData: CaseSharedData;
    rechecks: Pick<Rechecks, 'request'>;
    objections: Objections;
    sourceKeys: ReturnType<typeof dataSourceKeys>;
  };
  staff?: StaffSessions;
  /** the demo switch (in the store: every node's simulators follow it); absent when simulators are disabled */
  faults?: DataSourceFaultSwitch;
}

export async function sharedDataRoutes(
  app: FastifyInstance,
  deps: SharedDataRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { shared } = deps;
  const party = (req: FastifyRequest) => {
    const c = callerOf(req);
    return { personId: c.personId, name: c.name };
  };

  const answer = (d: SharedDataOfCase, withData: boolean) => ({
    items: d.items,
    records: d.records.map((r) => ({
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
    rechecks: d.rechecks.map(({ caseId: _c, requestedBy: _b, ...x }) => x),
    objections: d.objections.map(({ caseId: _c, personId: _p, ...o }) => o),
  });

  api.get(
    '/data-sources',
    { schema: { querystring: NoQuery, response: { 200: DataSourcesResponse, ...ERRORS } } },
    async () => ({ items: shared.sourceKeys() }),
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
    async (req) => answer(await shared.caseData.forParty(party(req), req.params.caseId), false),
  );

  api.post(
    '/cases/:caseId/shared-data/resolve',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, response: { 200: SharedDataResponse, ...ERRORS } },
    },
    async (req) => answer(await shared.caseData.resolve(party(req), req.params.caseId), false),
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
      const r = await shared.objections.object(
        party(req),
        req.params.caseId,
        req.params.recordId,
        req.body.statement,
        req.body.evidence,
      );
      const { caseId: _c, personId: _p, ...objection } = r.objection!;
      const { caseId: _c2, requestedBy: _b, ...recheck } = r.recheck;
      return reply.status(201).send({ objection, recheck });
    },
  );

  // ------------------------------------------------------------ staff

  const staffOf = async (req: FastifyRequest, changing: boolean) => {
    if (!deps.staff) throw new AppError('NOT_FOUND', '没有这个接口');
    const s = await deps.staff.authenticate(cookieValue(req, STAFF_COOKIE));
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
      await staffOf(req, false);
      return answer(await shared.caseData.forStaff(req.params.caseId), true);
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
      const s = await staffOf(req, true);
      const r = await shared.rechecks.request(
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
        await staffOf(req, false);
        return { faults: await faults.all() };
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
        await staffOf(req, true);
        await faults.set(req.body.source as DataSourceCode, req.body.mode as DataSourceFaultMode);
        return { faults: await faults.all() };
      },
    );
  }
}
