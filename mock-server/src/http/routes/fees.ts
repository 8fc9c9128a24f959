/**
 * The registration fee and refunds, for the case's parties (others get 404):
 *   GET  /cases/:caseId/fee          the fee card: lines with their rule, who pays, the payer's
 *                                    财政电子票据 and refund records (fee and tax) once refunded
 *   POST /cases/:caseId/fee-payment  缴纳登记费 by the payer, confirming the amount shown; charges
 *                                    once per case (double taps and retries too); answers the card
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CaseParams, ErrorBody, FeeResponse, NoQuery, PayFeeBody } from '../../contract';
import type { CaseFee } from '../../usecases/fees/caseFee';
import { callerOf, requireSession } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export interface FeeRouteDeps {
  fee: Pick<CaseFee, 'fee' | 'pay'>;
}

const party = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  return { personId: c.personId, name: c.name };
};

export async function feeRoutes(app: FastifyInstance, deps: FeeRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/cases/:caseId/fee',
    {
      preHandler: requireSession,
      schema: {
        params: CaseParams,
        querystring: NoQuery,
        response: { 200: FeeResponse, ...ERRORS },
      },
    },
    async (req) => deps.fee.fee(party(req), req.params.caseId),
  );

  api.post(
    '/cases/:caseId/fee-payment',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, body: PayFeeBody, response: { 200: FeeResponse, ...ERRORS } },
    },
    async (req) => deps.fee.pay(party(req), req.params.caseId, req.body.confirmAmountFen),
  );
}
