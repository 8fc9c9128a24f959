/**
 * The HTTP edge: Fastify 5 with TypeBox schemas for every request and response, uniform error
 * bodies `{ code, message, requestId }`, request ids, security headers (@fastify/helmet,
 * securityHeaders.ts), and the H5 app at `/`
 * (precompressed, cached by content hash: staticFiles.ts).
 */
import { compilersFactory } from './schemaCompilers';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import {
  API_PREFIX,
  CatalogueQuery,
  CatalogueResponse,
  ErrorBody,
  HealthResponse,
  NoQuery,
  REQUEST_ID_HEADER,
  REQUEST_ID_PATTERN,
  type BusinessTypeSummary,
} from '../contract';
import type { CatalogueRepository, HealthProbe } from '../ports';
import { checkHealth } from '../usecases/checkHealth';
import { listCatalogue } from '../usecases/listCatalogue';
import { mapError } from './errors';
import { rateLimitPlugin, type RateLimitDeps } from './rateLimits';
import {
  ERROR_BODY_POLICY,
  FALLBACK_PAGE_DIRECTIVES,
  HELMET_OPTIONS,
  HSTS,
  pagePolicy,
  PERMISSIONS_POLICY,
} from './securityHeaders';
import { authRoutes } from './routes/auth';
import { meRoutes } from './routes/me';
import { caseRoutes, type CaseRouteDeps } from './routes/cases';
import { archiveRoutes, type ArchiveRouteDeps } from './routes/archive';
import { queryRoutes, type QueryRouteDeps } from './routes/query';
import { consultationRoutes, type ConsultationRouteDeps } from './routes/consultation';
import { archiveStaffRoutes } from './routes/archive-staff';
import { archiveTransferStaffRoutes } from './routes/archive-transfer-staff';
import type { ArchiveTransfer } from '../usecases/archive/transfer';
import { signingRoutes, type SigningRouteDeps } from './routes/signing';
import { signingStreamRoutes, type SigningStreamRouteDeps } from './routes/signingStream';
import { saleRoutes, type SaleRouteDeps } from './routes/sale';
import { sharedDataRoutes, type SharedDataRouteDeps } from './routes/shared-data';
import { staffRoutes, type StaffRouteDeps } from './routes/staff';
import { surveyRoutes, type SurveyRouteDeps } from './routes/survey';
import { staffConsole } from './staff-console';
import { certificateRoutes, type CertificateRouteDeps } from './routes/certificates';
import { verifyRoutes, type VerifyRouteDeps } from './routes/verify';
import { verifyPages } from './routes/verifyPage';
import { documentCopyRoutes, type DocumentCopyRouteDeps } from './routes/documentCopies';
import { staticFiles } from './staticFiles';
import { keyRoutes, type KeyRouteDeps } from './routes/keys';
import { feeRoutes, type FeeRouteDeps } from './routes/fees';
import { representationRoutes, type RepresentationRouteDeps } from './routes/representations';
import { representationStaffRoutes } from './routes/representations-staff';
import { messageRoutes, type MessageRouteDeps } from './routes/messages';
import type { AuthService } from '../usecases/auth/service';
import type { MeDeps } from '../usecases/auth/me';
import type { ZlbContainerSimulator } from '../ports';

export interface ServerDeps {
  logger: Logger;
  catalogue: CatalogueRepository;
  probe: HealthProbe;
  version: string;
  /** folder of the built H5 app; when missing, `/` explains how to build it */
  staticDir: string;
  bodyLimitBytes: number;
  /**
   * which proxies' X-Forwarded-Proto/-For are believed (TRUST_PROXY): behind a TLS proxy the
   * request is https, so the staff cookie is Secure and HSTS is sent
   */
  trustProxy?: boolean | number | string[];
  /** cases, notices, certificates and seals; needs `identity` for its sessions */
  cases?: CaseRouteDeps;
  /** applying from a phone: invitations, inquiries, uploads, e-signatures; needs `cases` */
  signing?: SigningRouteDeps;
  /** the signing status as server-sent events (docs/adr/0011); needs `cases` */
  statusStream?: SigningStreamRouteDeps;
  /** the electronic archive: proofs, tree heads, package reads; needs `identity` */
  archive?: ArchiveRouteDeps;
  /** the staff console's 档案移交 (one batch to the archives department); needs `staff` */
  archiveTransfer?: Pick<ArchiveTransfer, 'run'>;
  /** records queries under 令第80号; needs `identity` */
  queries?: QueryRouteDeps;
  /** 在线咨询: FAQ, questions and staff answers; needs `identity` (and `staff`) */
  consultation?: Omit<ConsultationRouteDeps, 'staff'>;
  /** the home sale: online contract, tax, payment, utilities; needs `cases` */
  sale?: SaleRouteDeps;
  /** the registration fee and refunds; needs `cases` */
  fees?: FeeRouteDeps;
  /** 委托代理人 and 监护人 acting for parties; needs `cases` */
  representations?: RepresentationRouteDeps;
  /** the 消息 list, and the messaging simulator's delivery log in demo mode */
  messages?: MessageRouteDeps;
  /** shared data of cases: sources, recheck, objection; needs `cases` */
  sharedData?: Omit<SharedDataRouteDeps, 'staff'>;
  /** the staff console API and page at /staff; separate sessions from citizens' */
  staff?: StaffRouteDeps;
  /** 权籍调查入库: surveying firms' API, and the staff console's survey routes (with `staff`) */
  survey?: Omit<SurveyRouteDeps, 'staff'>;
  /** PDF copies of case documents and notices for the people involved; needs `identity` */
  documentCopies?: DocumentCopyRouteDeps;
  /** e-certificates: wallet, 亮证, public verification; needs `identity` */
  certificates?: CertificateRouteDeps & VerifyRouteDeps;
  /** GET /api/v1/keys: every public key, current and retired */
  keys?: KeyRouteDeps;
  /** identity, sessions and 我的; without it those routes are absent */
  /** request limits on the store's counters (rateLimits.ts); without it no route is limited */
  rateLimits?: RateLimitDeps;
  identity?: {
    service: AuthService;
    me: MeDeps;
    /** dev-only /sim/zlb/* helpers (SIMULATORS_ENABLED) */
    zlbSimulator?: ZlbContainerSimulator;
  };
}

/** Error responses every route declares. */
export const ERROR_RESPONSES = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export const FALLBACK_PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>掌上不动产</title></head>
<body style="font-family: sans-serif; font-size: 18px; line-height: 1.5; padding: 24px">
<h1>掌上不动产 · 登记服务已启动</h1>
<p>尚未找到前端页面。请先运行 <code>npm run build:h5</code> 构建 H5 应用，然后重新启动服务。</p>
<p>接口地址：<a href="${API_PREFIX}/catalogue">${API_PREFIX}/catalogue</a></p>
</body>
</html>
`;

const isDirectory = (p: string) => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** A refusal in the uniform body, for answers made before a request exists (no request id). */
const uniformBadRequest = (requestId: string): string =>
  JSON.stringify({
    code: 'BAD_REQUEST',
    message: '请求格式不正确',
    requestId,
  } satisfies ErrorBody);

/**
 * A route plugin named by its function name. Without a name Fastify looks for the plugin among
 * every loaded module (`require.cache`) at each registration, which costs more than the routes.
 */
function named<P extends (...args: never[]) => unknown>(plugin: P): P {
  const key = Symbol.for('fastify.display-name');
  if (!(key in plugin)) Object.defineProperty(plugin, key, { value: plugin.name });
  return plugin;
}

export function buildServer(deps: ServerDeps) {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimitBytes,
    // a hop count n: the n proxies nearest to the server are believed
    trustProxy:
      typeof deps.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, i: number) =>
              i < hops
          )(deps.trustProxy)
        : (deps.trustProxy ?? false),
    // a URL whose percent-encoding does not decode: the uniform body, never the URL echoed back
    frameworkErrors: (error, req, reply) => {
      req.log.info({ code: 'BAD_REQUEST', status: 400 }, 'request refused');
      void (reply as unknown as FastifyReply)
        .status(400)
        .header(REQUEST_ID_HEADER, req.id)
        .type('application/json; charset=utf-8')
        .send(uniformBadRequest(req.id));
      void error;
    },
    // what Node's HTTP parser refuses before there is a request (an unknown method, a malformed
    // header): the uniform body too
    clientErrorHandler: (err, socket) => {
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      const body = uniformBadRequest(randomUUID());
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers[REQUEST_ID_HEADER];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)
        ? incoming
        : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    // each schema compiled once per process, however many apps it builds
    schemaController: { compilersFactory },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // the security headers (securityHeaders.ts): the API's policy unless a page's route names its
  // own; registered before the routes, so it sees each route's `helmet` option
  app.register(fastifyHelmet, HELMET_OPTIONS);

  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // helmet again, with the route's options and what depends on the answer (absent when the
    // request never reached the routes): HSTS over TLS only (directly, or behind a proxy
    // TRUST_PROXY believes); an error body (uniform JSON) gets the API's policy, whichever
    // route answered (the H5 app's catch-all route answers unknown paths)
    const tls = req.protocol === 'https';
    const error = reply.statusCode >= 400;
    if ((tls || error) && typeof reply.helmet === 'function') {
      reply.helmet({
        ...(error ? ERROR_BODY_POLICY : {}),
        ...(tls ? { strictTransportSecurity: HSTS } : {}),
      });
    }
    const path = req.url.split('?')[0];
    if (path === '/healthz' || path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) {
      // API answers will carry personal data: never cache them (helmet's CSP: never a page)
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  app.setErrorHandler((err, req, reply) => {
    const mapped = mapError(err);
    if (mapped.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: mapped.code, status: mapped.status }, 'request refused');
    const body: ErrorBody = {
      ...mapped.details,
      code: mapped.code,
      message: mapped.message,
      requestId: req.id,
    };
    const retryAfter = (err as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.status(mapped.status).send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    const body: ErrorBody = {
      code: 'NOT_FOUND',
      message: '请求的接口或页面不存在',
      requestId: req.id,
    };
    return reply.status(404).send(body);
  });

  app.get(
    '/healthz',
    { schema: { querystring: NoQuery, response: { 200: HealthResponse, ...ERROR_RESPONSES } } },
    async () => checkHealth({ probe: deps.probe, version: deps.version }),
  );

  // before the routes: the plugin sees each route's `config.rateLimit` as it is added
  if (deps.rateLimits) app.register(...rateLimitPlugin(deps.rateLimits));

  const identity = deps.identity;
  if (identity) {
    // read by requireSession / requireStepUp (http/auth.ts)
    app.decorate('auth', identity.service);
    app.decorateRequest('caller', undefined);
  }

  app.register(
    named(async function apiRoutes(api) {
      if (identity) {
        await api.register(named(authRoutes), { zlbSimulator: identity.zlbSimulator });
        await api.register(named(meRoutes), identity.me);
        if (deps.cases) await api.register(named(caseRoutes), deps.cases);
        if (deps.cases && deps.signing) await api.register(named(signingRoutes), deps.signing);
        if (deps.cases && deps.statusStream)
          await api.register(named(signingStreamRoutes), deps.statusStream);
        if (deps.cases && deps.sale) await api.register(named(saleRoutes), deps.sale);
        if (deps.cases && deps.fees) await api.register(named(feeRoutes), deps.fees);
        if (deps.cases && deps.representations)
          await api.register(named(representationRoutes), deps.representations);
        if (deps.messages) await api.register(named(messageRoutes), deps.messages);
        if (deps.cases && deps.sharedData)
          await api.register(named(sharedDataRoutes), {
            ...deps.sharedData,
            ...(deps.staff ? { staff: deps.staff.sessions } : {}),
          });
        if (deps.archive) await api.register(named(archiveRoutes), deps.archive);
        if (deps.queries) await api.register(named(queryRoutes), deps.queries);
        if (deps.staff) await api.register(named(staffRoutes), deps.staff);
        if (deps.staff && deps.archive)
          await api.register(named(archiveStaffRoutes), {
            archive: deps.archive.archive,
            staff: deps.staff.sessions,
          });
        if (deps.survey)
          await api.register(named(surveyRoutes), {
            ...deps.survey,
            ...(deps.staff ? { staff: deps.staff.sessions } : {}),
          });
        if (deps.staff && deps.representations)
          await api.register(named(representationStaffRoutes), {
            review: deps.representations.review,
            staff: deps.staff.sessions,
          });
        if (deps.staff && deps.archiveTransfer)
          await api.register(named(archiveTransferStaffRoutes), {
            transfer: deps.archiveTransfer,
            staff: deps.staff.sessions,
          });
        if (deps.certificates) await api.register(named(certificateRoutes), deps.certificates);
        if (deps.documentCopies) await api.register(named(documentCopyRoutes), deps.documentCopies);
        if (deps.consultation)
          await api.register(named(consultationRoutes), {
            ...deps.consultation,
            ...(deps.staff ? { staff: deps.staff.sessions } : {}),
          });
      }
      if (deps.certificates) await api.register(named(verifyRoutes), deps.certificates);
      if (deps.keys) await api.register(named(keyRoutes), deps.keys);
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      typed.get(
        '/catalogue',
        {
          schema: {
            querystring: CatalogueQuery,
            response: { 200: CatalogueResponse, ...ERROR_RESPONSES },
          },
        },
        async (req): Promise<CatalogueResponse> => {
          const out = await listCatalogue({ catalogue: deps.catalogue }, { kind: req.query.kind });
          return {
            catalogueVersion: out.catalogueVersion,
            items: out.businessTypes.map((b): BusinessTypeSummary => ({
              code: b.code,
              name: b.name,
              description: b.description,
              kind: b.kind,
              promisedWorkingDays: b.promisedWorkingDays,
              jointApplication: b.jointApplication,
              version: b.version,
              ...(b.application ? { application: b.application } : {}),
              ...(b.questions ? { questions: b.questions } : {}),
            })),
          };
        },
      );
    }),
    { prefix: API_PREFIX },
  );

  if (deps.certificates) app.register(named(verifyPages));

  if (deps.staff) app.register(named(staffConsole));

  if (isDirectory(deps.staticDir)) {
    app.register(named(staticFiles), { root: deps.staticDir });
  } else {
    app.get(
      '/',
      {
        schema: {
          querystring: Type.Object({}),
          response: { 200: Type.String(), ...ERROR_RESPONSES },
        },
        helmet: pagePolicy(FALLBACK_PAGE_DIRECTIVES),
      },
      async (_req, reply) => reply.type('text/html; charset=utf-8').send(FALLBACK_PAGE),
    );
  }

  return app;
}

export type RegistryServer = ReturnType<typeof buildServer>;
