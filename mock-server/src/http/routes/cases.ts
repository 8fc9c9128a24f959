/**
 * /api/v1/cases and the caller's cases, messages and certificates, plus the public seal check,
 * the registry's public key and the void announcements. Every case route answers only a party
 * of the case (others get 404). Each route parses, calls one use case and serialises.
 *
 * There is no plain `POST /cases/:id/sign`: a party signs online only through
 * `GET /cases/:id/bundle` → `POST /cases/:id/signatures` (routes/signing.ts), where the signature
 * CA signs the bundle digest together with the handwriting (电子签名法 §13–14), and the
 * lifecycle's 'sign' step is recorded only as the effect of that e-signature. Submission requires
 * a current e-signature from every party (409 SIGNATURES_INCOMPLETE otherwise). In-person
 * signing at the counter is the staff path (usecases/staff, /api/v1/staff/*).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CaseActionBody,
  CaseDocumentParams,
  CaseListQuery,
  CaseListResponse,
  CaseParams,
  CertificatesResponse,
  CreateCaseBody,
  DocumentResponse,
  EditCaseBody,
  ErrorBody,
  IDEMPOTENCY_KEY_HEADER,
  NoQuery,
  RegistryPublicKeyResponse,
  VerifySealBody,
  VerifySealResponse,
  VoidAnnouncementsResponse,
  CaseDetail,
  type SealedDocument,
} from '../../contract';
import { outcomeOf } from '../../domain/cases';
import { NOTICE_KINDS, NOTICE_TITLES, type NoticeKind } from '../../domain/documents';
import { SM2_DEFAULT_USER_ID } from '../../domain/crypto';
import { maskFor, maskIdNumber, type Viewer } from '../../domain/masking';
import type { StoredDocument } from '../../ports';
import { marriagePendingMessage } from '../../usecases/cases/application';
import type { CaseViews } from '../../usecases/cases/caseViews';
import type { CaseDrafts } from '../../usecases/cases/drafts';
import type { PartyActions } from '../../usecases/cases/partyActions';
import type { PublicChecks } from '../../usecases/cases/publicChecks';
import type { SubmitCase } from '../../usecases/cases/submitCase';
import type { CaseView, PartyAction } from '../../usecases/cases/types';
import { callerOf, requireSession, requireStepUp } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface CaseRouteDeps {
  views: CaseViews;
  drafts: CaseDrafts;
  actions: PartyActions;
  submit: SubmitCase;
  publicChecks: PublicChecks;
}

const titleOf = (d: StoredDocument) =>
  (NOTICE_KINDS as readonly string[]).includes(d.kind)
    ? NOTICE_TITLES[d.kind as NoticeKind]
    : d.kind === 'titleCertificate'
      ? '不动产权证书'
      : '不动产登记证明';

export function toCaseDetail(v: CaseView): CaseDetail {
  const c = v.case;
  const docs = v.documents.map((d) => ({
    documentId: d.documentId,
    kind: d.kind,
    number: d.number,
    issuedAt: d.issuedAt,
    title: titleOf(d),
  }));
  return {
    ...c,
    parties: c.parties.map((p) => ({
      ...p,
      ...(v.roleLabels?.[p.role] ? { roleLabel: v.roleLabels[p.role] } : {}),
    })),
    businessTypeName: v.businessTypeName,
    ...(v.location ? { location: v.location } : {}),
    ...(c.recording
      ? {
          recording: {
            ...(c.recording.kind ? { kind: c.recording.kind } : {}),
            certificateNumber: c.recording.certificateNumber,
            certificateKind:
              c.recording.kind === 'mortgage' ||
              c.recording.kind === 'mortgageCancellation' ||
              c.recording.kind === 'advanceNotice' ||
              c.recording.kind === 'objection'
                ? 'registrationProof'
                : 'titleCertificate',
            // 转移+抵押, 带押过户: the registration proof issued with the title certificate
            ...(c.recording.mortgage
              ? { mortgageProofNumber: c.recording.mortgage.certificateNumber }
              : {}),
            ...(c.recording.lapsedOn ? { lapsedOn: c.recording.lapsedOn } : {}),
            licenceId: c.recording.licenceId,
            recordedAt: c.recording.recordedAt,
            voidAnnounced: c.recording.voidAnnounced,
          },
        }
      : {}),
    ...(c.identityChange
      ? {
          identityChange: {
            ...c.identityChange,
            newIdNumber: maskIdNumber(c.identityChange.newIdNumber),
          },
        }
      : {}),
    ...(c.marriageCheck
      ? {
          marriageCheck: {
            checkedAt: c.marriageCheck.checkedAt,
            holders: c.marriageCheck.holders.map((x) => ({
              personId: x.personId,
              status: x.status,
              ...(x.reason ? { reason: x.reason } : {}),
              ...(x.commitment
                ? {
                    commitment: {
                      maritalStatus: x.commitment.maritalStatus,
                      ...(x.commitment.spouseName ? { spouseName: x.commitment.spouseName } : {}),
                      committedAt: x.commitment.committedAt,
                      contradicted: x.laterAnswer?.contradicts ?? false,
                    },
                  }
                : {}),
            })),
            ...(marriagePendingMessage(c.marriageCheck)
              ? { message: marriagePendingMessage(c.marriageCheck) }
              : {}),
          },
        }
      : {}),
    documents: docs,
    notices: docs.filter((d) => (NOTICE_KINDS as readonly string[]).includes(d.kind)),
    availableActions: v.availableActions,
    ...(outcomeOf(c) ? { outcome: outcomeOf(c) } : {}),
    ...(v.finished
      ? {
          archive: v.filing
            ? { filed: true, archiveNumber: v.filing.archiveNumber, filedAt: v.filing.filedAt }
            : { filed: false },
        }
      : {}),
  } as CaseDetail;
}

/**
 * The case as a party reads it: `toCaseDetail` through the one masking policy
 * (domain/masking.ts `maskFor`). The other parties' names are masked (令第80号 and
 * docs/registry-facts.md §8: a party learns who the others are only as far as signing together
 * needs, 杨*明 rather than the full name), and the 民政 check keeps only the reader's own entry:
 * nobody reads another person's marital status or the spouse they named. Staff routes use
 * `toCaseDetail` as it is (their review needs every field).
 */
export function caseDetailFor(viewer: Viewer, v: CaseView): CaseDetail {
  return maskFor(viewer, toCaseDetail(v));
}

/** who reads a response: the signed-in person */
export const viewerOf = (req: Parameters<typeof callerOf>[0]): Viewer => {
  const c = callerOf(req);
  return { personId: c.personId, idNumber: c.idNumber, name: c.name };
};

/** caller as the case use cases see it */
const party = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  return { personId: c.personId, name: c.name };
};

/**
 * Party actions with a route of their own besides submit. 'sign' is deliberately absent (see
 * above); so is 'payTax': `POST /cases/:id/tax-payment` pays through the payment gateway
 * (routes/sale.ts).
 */
const ACTION_PATHS: [string, Exclude<PartyAction, 'sign' | 'submit' | 'payTax'>][] = [
  ['start-signing', 'startSigning'],
  ['withdraw', 'withdraw'],
  ['correction-answer', 'answerCorrection'],
  // 继承: the caller's own declaration as an heir
  ['inheritance-renunciation', 'renounceInheritance'],
  ['inheritance-acceptance', 'acceptInheritance'],
];

export async function caseRoutes(app: FastifyInstance, deps: CaseRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { views, drafts, actions, publicChecks } = deps;
  const CaseResponse = { 200: CaseDetail, ...ERRORS };

  api.post(
    '/cases',
    {
      preHandler: requireSession,
      schema: { body: CreateCaseBody, response: { 201: CaseDetail, ...ERRORS } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(caseDetailFor(viewerOf(req), await drafts.create(party(req), req.body))),
  );

  api.get(
    '/cases/:caseId',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, querystring: NoQuery, response: CaseResponse },
    },
    async (req) => caseDetailFor(viewerOf(req), await views.getCase(party(req), req.params.caseId)),
  );

  api.patch(
    '/cases/:caseId',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, body: EditCaseBody, response: CaseResponse },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return caseDetailFor(
        viewerOf(req),
        await drafts.edit(party(req), req.params.caseId, version, input),
      );
    },
  );

  for (const [path, action] of ACTION_PATHS) {
    api.post(
      `/cases/:caseId/${path}`,
      {
        preHandler: requireSession,
        schema: { params: CaseParams, body: CaseActionBody, response: CaseResponse },
      },
      async (req) =>
        caseDetailFor(
          viewerOf(req),
          await actions.act(party(req), req.params.caseId, action, {
            ...(req.body.version !== undefined ? { expectedVersion: req.body.version } : {}),
            ...(req.body.note ? { note: req.body.note } : {}),
            ...(req.body.materials ? { materials: req.body.materials } : {}),
          }),
        ),
    );
  }

  api.post(
    '/cases/:caseId/submit',
    {
      preHandler: requireStepUp,
      schema: { params: CaseParams, body: CaseActionBody, response: CaseResponse },
    },
    async (req) => {
      const key = req.headers[IDEMPOTENCY_KEY_HEADER];
      const view = await deps.submit.submit(
        party(req),
        req.params.caseId,
        req.body,
        typeof key === 'string' ? key.slice(0, 128) : undefined,
      );
      return caseDetailFor(viewerOf(req), view);
    },
  );

  api.get(
    '/cases/:caseId/documents/:documentId',
    {
      preHandler: requireSession,
      schema: {
        params: CaseDocumentParams,
        querystring: NoQuery,
        response: { 200: DocumentResponse, ...ERRORS },
      },
    },
    async (req) => {
      const d = await views.document(party(req), req.params.caseId, req.params.documentId);
      return {
        documentId: d.documentId,
        kind: d.kind,
        number: d.number,
        issuedAt: d.issuedAt,
        document: d.document as SealedDocument,
        ...(d.rendering ? { rendering: d.rendering } : {}),
      };
    },
  );

  api.get(
    '/me/cases',
    {
      preHandler: requireSession,
      schema: { querystring: CaseListQuery, response: { 200: CaseListResponse, ...ERRORS } },
    },
    async (req) => {
      const page = await views.myCases(party(req), req.query);
      return {
        items: page.items.map((v) => caseDetailFor(viewerOf(req), v)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    },
  );

  api.get(
    '/me/certificates',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: CertificatesResponse, ...ERRORS } },
    },
    async (req) => ({
      items: (await views.myCertificates(party(req))).map(({ document, ...c }) => ({
        ...c,
        ...(document ? { document: document.document as SealedDocument } : {}),
      })),
    }),
  );

  // ---------------------------------------------------------------- public

  api.post(
    '/documents/verify-seal',
    { schema: { body: VerifySealBody, response: { 200: VerifySealResponse, ...ERRORS } } },
    async (req) => publicChecks.verifySeal(req.body.document as never),
  );

  api.get(
    '/registry/public-key',
    { schema: { querystring: NoQuery, response: { 200: RegistryPublicKeyResponse, ...ERRORS } } },
    async () => {
      const key = publicChecks.publicKey();
      return {
        keyId: key.keyId,
        algorithm: 'SM2-with-SM3' as const,
        curve: 'sm2p256v1' as const,
        userId: SM2_DEFAULT_USER_ID,
        publicKey: key.publicKeyHex,
      };
    },
  );

  api.get(
    '/void-announcements',
    { schema: { querystring: NoQuery, response: { 200: VoidAnnouncementsResponse, ...ERRORS } } },
    async () => ({ items: await publicChecks.voidAnnouncements() }),
  );
}
