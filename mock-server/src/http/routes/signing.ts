/**
 * Applying from a phone: invitations, 待我签署, 询问笔录, materials and uploads, the bundle,
 * signatures, decline and the signing status. Every case route checks the caller is a party
 * (404 otherwise).
 */
import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../rateLimits';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AcceptInvitationBody,
  AcceptInvitationResponse,
  BundleResponse,
  CaseDetail,
  CaseParams,
  CommitmentBody,
  CONTENT_SM3_HEADER,
  CreateInvitationBody,
  DeclineBody,
  ErrorBody,
  InquiryBody,
  InquiryResponse,
  InvitationResponse,
  MaritalCommitmentBody,
  MaterialItem,
  MaterialParams,
  MaterialsResponse,
  NoQuery,
  PartyParams,
  SignatureAuthorityResponse,
  SignatureRecord,
  SignaturesResponse,
  SignBody,
  SigningStatusResponse,
  ToSignResponse,
  UploadResponse,
  VerifySignatureBody,
  VerifySignatureResponse,
  UPLOAD_CONTENT_TYPES,
} from '../../contract';
import type { SigningBundle } from '../../usecases/signing/bundle';
import type { Commitments } from '../../usecases/signing/commitments';
import type { Decline } from '../../usecases/signing/decline';
import type { Inquiries } from '../../usecases/signing/inquiries';
import type { Invitations } from '../../usecases/signing/invitations';
import type { MaritalPledge } from '../../usecases/signing/maritalPledge';
import type { Materials } from '../../usecases/signing/materials';
import type { Sign } from '../../usecases/signing/sign';
import type { SignatureRecords } from '../../usecases/signing/signatures';
import type { SigningStatus } from '../../usecases/signing/signingStatus';
import type { Uploads } from '../../usecases/signing/uploads';
import { maskFor } from '../../domain/masking';
import { callerOf, requireSession, requireSessionInBackground, requireStepUp } from '../auth';
import { caseDetailFor, viewerOf } from './cases';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface SigningRouteDeps {
  invitations: Invitations;
  inquiries: Inquiries;
  materials: Materials;
  uploads: Uploads;
  commitments: Commitments;
  maritalPledge: MaritalPledge;
  bundle: SigningBundle;
  sign: Sign;
  signatures: SignatureRecords;
  decline: Decline;
  signingStatus: SigningStatus;
  /** largest upload, bytes */
  uploadMaxBytes: number;
}

const party = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  return { personId: c.personId, name: c.name };
};

/**
 * What the signer's event certificate names beyond the party: the ID number, and the fresh face
 * check (requireStepUp passed) it is issued on.
 */
const signerIdentity = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  const checkedAt = c.stepUpAt ?? '';
  return {
    idNumber: c.idNumber,
    // a session whose check was recorded before its record id was kept names the check by time
    faceCheck: { reference: c.stepUpRef ?? `stepUp:${checkedAt}`, checkedAt },
  };
};

export async function signingRoutes(app: FastifyInstance, deps: SigningRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // raw bodies for uploads (this plugin's scope only)
  for (const type of UPLOAD_CONTENT_TYPES) {
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }

  api.post(
    '/cases/:caseId/invitations',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        body: CreateInvitationBody,
        response: { 201: InvitationResponse, ...ERRORS },
      },
    },
    async (req, reply) => {
      const inv = await deps.invitations.invite(party(req), req.params.caseId, req.body.partyId);
      return reply
        .status(201)
        .send({ partyId: inv.partyId, code: inv.code, link: inv.link, expiresAt: inv.expiresAt });
    },
  );

  api.post(
    '/invitations/accept',
    {
      config: { rateLimit: RATE_LIMITS.invitationAccept },
      preHandler: requireSession,
      schema: {
        body: AcceptInvitationBody,
        response: { 200: AcceptInvitationResponse, ...ERRORS },
      },
    },
    async (req) => deps.invitations.accept(party(req), req.body.code),
  );

  api.get(
    '/me/to-sign',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: ToSignResponse, ...ERRORS } },
    },
    async (req) => ({
      items: (await deps.invitations.toSign(party(req))).map((v) =>
        caseDetailFor(viewerOf(req), v),
      ),
    }),
  );

  api.get(
    '/cases/:caseId/parties/:partyId/inquiry',
    {
      preHandler: requireSession,
      schema: {
        params: PartyParams,
        querystring: NoQuery,
        response: { 200: InquiryResponse, ...ERRORS },
      },
    },
    async (req) => deps.inquiries.inquiry(party(req), req.params.caseId, req.params.partyId),
  );

  api.put(
    '/cases/:caseId/parties/:partyId/inquiry',
    {
      preHandler: requireSession,
      schema: {
        params: PartyParams,
        body: InquiryBody,
        response: { 200: InquiryResponse, ...ERRORS },
      },
    },
    async (req) =>
      deps.inquiries.answer(party(req), req.params.caseId, req.params.partyId, req.body.answers),
  );

  api.get(
    '/cases/:caseId/materials',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: MaterialsResponse, ...ERRORS },
      },
    },
    async (req) => ({ items: await deps.materials.list(party(req), req.params.caseId) }),
  );

  api.post(
    '/cases/:caseId/materials/:materialCode/files',
    {
      preHandler: requireSession,
      // a little above the limit so that the use case answers UPLOAD_TOO_LARGE itself
      bodyLimit: deps.uploadMaxBytes + 1024 * 1024,
      schema: {
        params: MaterialParams,
        headers: Type.Object({
          [CONTENT_SM3_HEADER]: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: UploadResponse, 201: UploadResponse, ...ERRORS },
      },
    },
    async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
      const sm3 = req.headers[CONTENT_SM3_HEADER];
      const out = await deps.uploads.upload(
        party(req),
        req.params.caseId,
        req.params.materialCode,
        req.headers['content-type'],
        body,
        typeof sm3 === 'string' ? sm3 : undefined,
      );
      return reply.status(out.duplicate ? 200 : 201).send(out);
    },
  );

  api.post(
    '/cases/:caseId/materials/:materialCode/commitment',
    {
      preHandler: requireSession,
      schema: {
        params: MaterialParams,
        body: CommitmentBody,
        response: { 200: MaterialItem, ...ERRORS },
      },
    },
    async (req) => deps.commitments.commit(party(req), req.params.caseId, req.params.materialCode),
  );

  // 婚姻状况承诺 (告知承诺): the holder's own pledge while 民政 cannot answer
  api.post(
    '/cases/:caseId/marital-commitment',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        body: MaritalCommitmentBody,
        response: { 200: CaseDetail, ...ERRORS },
      },
    },
    async (req) =>
      caseDetailFor(
        viewerOf(req),
        await deps.maritalPledge.pledge(party(req), req.params.caseId, req.body),
      ),
  );

  api.get(
    '/cases/:caseId/bundle',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: BundleResponse, ...ERRORS },
      },
    },
    async (req) => deps.bundle.bundle(party(req), req.params.caseId),
  );

  api.post(
    '/cases/:caseId/signatures',
    {
      preHandler: requireStepUp,
      bodyLimit: 512 * 1024,
      schema: { params: CaseParams, body: SignBody, response: { 201: SignatureRecord, ...ERRORS } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await deps.sign.sign(
            party(req),
            req.params.caseId,
            req.body.handwriting,
            req.body.bundleDigest,
            signerIdentity(req),
          ),
        ),
  );

  api.get(
    '/cases/:caseId/signatures',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: SignaturesResponse, ...ERRORS },
      },
    },
    async (req) => ({ items: await deps.signatures.list(party(req), req.params.caseId) }),
  );

  api.post(
    '/cases/:caseId/decline',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, body: DeclineBody, response: { 200: CaseDetail, ...ERRORS } },
    },
    async (req) =>
      caseDetailFor(
        viewerOf(req),
        await deps.decline.decline(party(req), req.params.caseId, req.body.reason),
      ),
  );

  // the page asks this by itself (the fallback poll while the status stream is down): background
  // traffic, which does not extend the session
  api.get(
    '/cases/:caseId/signing-status',
    {
      preHandler: requireSessionInBackground,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: SigningStatusResponse, 304: Type.Null(), ...ERRORS },
      },
    },
    async (req, reply) => {
      const caller = party(req);
      const etag = await deps.signingStatus.etag(caller, req.params.caseId); // 404 unless a party
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send(null);
      // the other parties' names through the one masking policy, as in the case itself
      return maskFor(viewerOf(req), await deps.signingStatus.status(caller, req.params.caseId));
    },
  );

  api.post(
    '/signatures/verify',
    {
      schema: { body: VerifySignatureBody, response: { 200: VerifySignatureResponse, ...ERRORS } },
    },
    async (req) => deps.signatures.verify(req.body.record, req.body.bundleDigest),
  );

  api.get(
    '/signature-ca/certificate',
    { schema: { querystring: NoQuery, response: { 200: SignatureAuthorityResponse, ...ERRORS } } },
    async () => deps.signatures.authority(),
  );
}
