/**
 * The home sale as one online flow, for the case's parties (others get 404):
 *   GET/PUT  /cases/:caseId/contract        在线签约: the terms buyer and seller fill (buyer/seller only)
 *   GET      /cases/:caseId/tax             the assessment, line by line with its rule; payment; receipt
 *   POST     /cases/:caseId/tax-payment     缴税: charges once per case (double taps and retries too);
 *                                           answers the case (GET …/tax then shows the receipt)
 *   GET/PUT  /cases/:caseId/utilities       水电气网联动过户: the buyer's opt-in, the confirmations
 *   POST     /cases/:caseId/utilities/retry notify the providers that failed again
 * and with SIMULATORS_ENABLED the demo switches /sim/payment/faults and /sim/utilities/faults, and
 * GET /sim/payment/charges (the money the simulated gateway moved).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CaseDetail,
  CaseParams,
  ContractResponse,
  ContractTermsBody,
  ErrorBody,
  IDEMPOTENCY_KEY_HEADER,
  NoQuery,
  PaymentFaultsBody,
  TaxPaymentBody,
  TaxResponse,
  UtilitiesBody,
  UtilitiesResponse,
  UtilityFaultsBody,
} from '../../contract';
import { AppError } from '../../domain/errors';
import type { SqlPaymentFaults, SimulatedPaymentGateway } from '../../adapters/payment-sim';
import type { UtilityFaultQueues } from '../../adapters/utility-sim';
import type { CaseTax } from '../../usecases/sale/caseTax';
import type { SaleContract } from '../../usecases/sale/contract';
import type { UtilityOptIn } from '../../usecases/sale/utilityOptIn';
import { callerOf, requireSession, requireStepUp } from '../auth';
import { caseDetailFor, viewerOf } from './cases';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;
const KEY = /^[A-Za-z0-9_-]{8,128}$/;

export interface SaleRouteDeps {
  sale: {
    sale: { contract: SaleContract; tax: CaseTax; utilities: UtilityOptIn };
    /** the demo switches and the money the simulated gateway moved (SIMULATORS_ENABLED) */
    gateway: Pick<SimulatedPaymentGateway, 'charges'>;
    paymentFaults: Pick<SqlPaymentFaults, 'set'>;
    utilityFaults: Pick<UtilityFaultQueues, 'set'>;
  };
  simulatorsEnabled: boolean;
}

const party = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  return { personId: c.personId, name: c.name };
};

export async function saleRoutes(app: FastifyInstance, deps: SaleRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { sale } = deps.sale;

  api.get(
    '/cases/:caseId/contract',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: ContractResponse, ...ERRORS },
      },
    },
    async (req) => sale.contract.contract(party(req), req.params.caseId),
  );

  api.put(
    '/cases/:caseId/contract',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        body: ContractTermsBody,
        response: { 200: ContractResponse, ...ERRORS },
      },
    },
    async (req) => sale.contract.putTerms(party(req), req.params.caseId, req.body),
  );

  api.get(
    '/cases/:caseId/tax',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: TaxResponse, ...ERRORS },
      },
    },
    async (req) => sale.tax.tax(party(req), req.params.caseId),
  );

  api.post(
    '/cases/:caseId/tax-payment',
    {
      // paying is an act of the taxpayer in person: a fresh face check, as signing needs
      preHandler: requireStepUp,
      schema: {
        params: CaseParams,
        body: Type.Optional(TaxPaymentBody),
        response: { 200: CaseDetail, ...ERRORS },
      },
    },
    async (req) => {
      // the app sends one key per case and assessment, the same on every retry; the charge is
      // once per case in any case (usecases/tax/payTax.ts), the key is checked for shape only
      const key = req.headers[IDEMPOTENCY_KEY_HEADER];
      if (key !== undefined && (typeof key !== 'string' || !KEY.test(key)))
        throw new AppError('VALIDATION_FAILED', '请求标识格式不正确');
      return caseDetailFor(
        viewerOf(req),
        await sale.tax.pay(party(req), req.params.caseId, req.body ?? {}),
      );
    },
  );

  api.get(
    '/cases/:caseId/utilities',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: UtilitiesResponse, ...ERRORS },
      },
    },
    async (req) => sale.utilities.utilities(party(req), req.params.caseId),
  );

  api.put(
    '/cases/:caseId/utilities',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        body: UtilitiesBody,
        response: { 200: UtilitiesResponse, ...ERRORS },
      },
    },
    async (req) => sale.utilities.optIn(party(req), req.params.caseId, req.body.items),
  );

  api.post(
    '/cases/:caseId/utilities/retry',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, response: { 200: UtilitiesResponse, ...ERRORS } },
    },
    async (req) => sale.utilities.retry(party(req), req.params.caseId),
  );

  if (deps.simulatorsEnabled) {
    api.post(
      '/sim/payment/faults',
      { schema: { body: PaymentFaultsBody, response: { 204: Type.Null(), ...ERRORS } } },
      async (req, reply) => {
        await deps.sale.paymentFaults.set(req.body.faults);
        return reply.status(204).send(null);
      },
    );
    api.get(
      '/sim/payment/charges',
      {
        schema: {
          querystring: NoQuery,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  chargeId: Type.String(),
                  caseId: Type.String(),
                  amountFen: Type.Integer(),
                }),
              ),
            }),
            ...ERRORS,
          },
        },
      },
      async () => ({
        items: (await deps.sale.gateway.charges()).map((c) => ({
          chargeId: c.chargeId,
          caseId: c.caseId,
          amountFen: c.amountFen,
        })),
      }),
    );
    api.post(
      '/sim/utilities/faults',
      { schema: { body: UtilityFaultsBody, response: { 204: Type.Null(), ...ERRORS } } },
      async (req, reply) => {
        await deps.sale.utilityFaults.set(req.body.kind, req.body.faults);
        return reply.status(204).send(null);
      },
    );
  }
}
