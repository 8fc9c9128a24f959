/**
 * The registration fee (不动产登记费, docs/registry-facts.md §14) and refunds as the app sees them:
 * the fee card (amount, rule, who pays), the payment after the payer confirms the amount, the
 * sealed 财政电子票据, and the sealed refund records of a case withdrawn or refused after payment.
 */
import { Type, type Static } from '@sinclair/typebox';
import { FEE_DOMAIN_ERROR_CODES } from '../domain/fees/codes';
import { RenderedDocument } from './documents';

const Str = Type.String();
const Int = Type.Integer();
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

export const FEE_ERROR_CODES = FEE_DOMAIN_ERROR_CODES;

const FinanceSeal = Type.Object({
  algorithm: Type.Literal('SM2-with-SM3'),
  userId: Str,
  keyId: Str,
  publicKey: Str,
  digest: Str,
  signature: Str,
});

export const FeeLineView = Type.Object({
  code: Str,
  name: Str,
  payerRole: Str,
  baseFen: Int,
  extraCertificates: Int,
  extraFen: Int,
  amountFen: Int,
  amountText: Str,
  rule: Str,
  basis: Str,
  exemption: Opt(Str),
});

export const FiscalReceiptView = Type.Object({
  body: Type.Object({
    billCode: Str,
    billNo: Str,
    checkCode: Str,
    caseId: Str,
    payerId: Str,
    payerName: Str,
    payee: Str,
    items: Type.Array(Type.Object({ name: Str, amountFen: Int })),
    totalFen: Int,
    chargeId: Str,
    paidAt: Str,
    issuedAt: Str,
    issuer: Str,
  }),
  seal: FinanceSeal,
});
export type FiscalReceiptView = Static<typeof FiscalReceiptView>;

export const RefundRecordView = Type.Object({
  body: Type.Object({
    refundNo: Str,
    caseId: Str,
    kind: Type.Union([Type.Literal('fee'), Type.Literal('tax')]),
    payerId: Str,
    amountFen: Int,
    chargeId: Str,
    receiptNo: Opt(Str),
    refundId: Str,
    reason: Type.Union([
      Type.Literal('withdrawn'),
      Type.Literal('refused'),
      Type.Literal('notAccepted'),
    ]),
    refundedAt: Str,
    issuedAt: Str,
    issuer: Str,
  }),
  seal: FinanceSeal,
  /** checked with the finance department's published key */
  sealValid: Type.Boolean(),
  /** why it was refunded, in words */
  reasonText: Str,
});
export type RefundRecordView = Static<typeof RefundRecordView>;

/** GET /cases/:caseId/fee */
export const FeeResponse = Type.Object({
  caseId: Str,
  lines: Type.Array(FeeLineView),
  totalFen: Int,
  totalText: Str,
  /** why the case pays nothing, when it does not */
  noFeeReason: Opt(Str),
  /** the roles and (masked unless the caller) names of who pays */
  payerNames: Type.Array(Str),
  /** the caller is one who pays the fee */
  mine: Type.Boolean(),
  /** the caller may pay now (the payer, unpaid, the case in process) */
  canPay: Type.Boolean(),
  paid: Type.Boolean(),
  /** the 财政电子票据, shown to the payer only */
  receipt: Opt(FiscalReceiptView),
  sealValid: Opt(Type.Boolean()),
  /** the receipt as the payer reads it (the readable 不动产登记费收费票据, same as its PDF copy) */
  receiptRendering: Opt(RenderedDocument),
  /** refunds of the caller's payments (fee and tax), once the case ended without an entry */
  refunds: Type.Array(RefundRecordView),
});
export type FeeResponse = Static<typeof FeeResponse>;

/** POST /cases/:caseId/fee-payment: the payer confirms the amount shown on the fee card. */
export const PayFeeBody = Type.Object(
  { confirmAmountFen: Type.Integer({ minimum: 0, maximum: 100_000_000 }) },
  { additionalProperties: false },
);
export type PayFeeBody = Static<typeof PayFeeBody>;
