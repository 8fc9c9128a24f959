/**
 * The holder's e-certificates: wallet, one item with its history and verification log,
 * presentations (亮证, fresh face check), holdings proofs, the printable PDF and its detached
 * signature; and, with SIMULATORS_ENABLED, a bank's mortgage 登簿 for demos and tests.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CertificateFileParams,
  CertificateFileQuery,
  DetachedSignature,
  ErrorBody,
  HoldingsProofBody,
  NoQuery,
  PresentationResponse,
  PresentBody,
  SimMortgageBody,
  SimMortgageResponse,
  VerificationLogResponse,
  WalletItem,
  WalletItemDetail,
  WalletItemParams,
  WalletResponse,
} from '../../contract';
import type { HoldingsProofs } from '../../usecases/certificates/holdingsProofs';
import type { MortgageSimulator } from '../../usecases/certificates/mortgageSimulator';
import type { CertificatePdf } from '../../usecases/certificates/pdf';
import type { Presentations } from '../../usecases/certificates/presentations';
import type { VerificationLog } from '../../usecases/certificates/verificationLog';
import type { Wallet } from '../../usecases/certificates/wallet';
import { callerOf, requireSession, requireStepUp } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface CertificateRouteDeps {
  wallet: Wallet;
  verificationLog: VerificationLog;
  presentations: Presentations;
  holdingsProofs: HoldingsProofs;
  pdf: CertificatePdf;
  mortgageSimulator: MortgageSimulator;
  simulatorsEnabled: boolean;
  /** the origin printed in the PDF's QR (config PUBLIC_BASE_URL); else the request's */
  publicBaseUrl?: string;
}

const person = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  return { personId: c.personId, name: c.name, idNumber: c.idNumber };
};

export async function certificateRoutes(
  app: FastifyInstance,
  deps: CertificateRouteDeps,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/me/wallet',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: WalletResponse, ...ERRORS } },
    },
    async (req) => ({ items: (await deps.wallet.list(person(req))) as WalletResponse['items'] }),
  );

  api.get(
    '/me/wallet/:itemId',
    {
      preHandler: requireSession,
      schema: {
        params: WalletItemParams,
        querystring: NoQuery,
        response: { 200: WalletItemDetail, ...ERRORS },
      },
    },
    async (req) => (await deps.wallet.detail(person(req), req.params.itemId)) as WalletItemDetail,
  );

  api.get(
    '/me/wallet/:itemId/verifications',
    {
      preHandler: requireSession,
      schema: {
        params: WalletItemParams,
        querystring: NoQuery,
        response: { 200: VerificationLogResponse, ...ERRORS },
      },
    },
    async (req) => ({ items: await deps.verificationLog.of(person(req), req.params.itemId) }),
  );

  api.post(
    '/me/wallet/:itemId/presentations',
    {
      preHandler: requireStepUp,
      schema: {
        params: WalletItemParams,
        body: PresentBody,
        response: { 201: PresentationResponse, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await deps.presentations.present(person(req), req.params.itemId, req.body.view)),
  );

  api.post(
    '/me/holdings-proofs',
    {
      preHandler: requireStepUp,
      schema: { body: HoldingsProofBody, response: { 201: WalletItem, ...ERRORS } },
    },
    async (req, reply) =>
      reply.status(201).send((await deps.holdingsProofs.request(person(req))) as WalletItem),
  );

  // the printable PDF and its detached signature
  const originOf = (req: { protocol: string; host: string }) =>
    deps.publicBaseUrl ?? `${req.protocol}://${req.host}`;

  api.get(
    '/certificates/:id/certificate.pdf',
    {
      preHandler: requireSession,
      schema: {
        params: CertificateFileParams,
        querystring: CertificateFileQuery,
        response: ERRORS,
      },
    },
    async (req, reply) => {
      const pdf = await deps.pdf.pdf(person(req), req.params.id, originOf(req), req.query.at);
      // binary body: the typed reply knows only the JSON error schemas
      return (reply as FastifyReply)
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
        .header('cache-control', 'private, no-store')
        .header('x-printed-at', pdf.printedAt)
        .send(Buffer.from(pdf.bytes));
    },
  );

  api.get(
    '/certificates/:id/certificate.pdf.sig',
    {
      preHandler: requireSession,
      schema: {
        params: CertificateFileParams,
        querystring: CertificateFileQuery,
        response: { 200: DetachedSignature, ...ERRORS },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return deps.pdf.signature(person(req), req.params.id, originOf(req), req.query.at);
    },
  );

  if (deps.simulatorsEnabled) {
    api.post(
      '/sim/register/mortgages',
      { schema: { body: SimMortgageBody, response: { 201: SimMortgageResponse, ...ERRORS } } },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await deps.mortgageSimulator.mortgage(req.body.unitCode, req.body.securedAmountYuan),
          ),
    );
  }
}
