/**
 * The home sale as one online flow: the online contract (在线签约), the tax
 * assessment with every line's rule, payment (缴税) with the sealed 完税证明, and utilities
 * (水电气网联动过户). The server owns these schemas; the app imports their types only.
 */
import { Type, type Static } from '@sinclair/typebox';
import { SALE_DOMAIN_ERROR_CODES } from '../domain/sale/codes';
import { CaseParams } from './cases';

const Str = Type.String();
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

export const SALE_ERROR_CODES = SALE_DOMAIN_ERROR_CODES;

export const PaymentMethod = Type.Union([
  Type.Literal('fullPayment'),
  Type.Literal('mortgageLoan'),
  Type.Literal('providentFundLoan'),
  Type.Literal('instalments'),
]);
export type PaymentMethod = Static<typeof PaymentMethod>;

/** PUT /cases/:caseId/contract — what buyer or seller fills in; ranges are checked by the server. */
export const ContractTermsBody = Type.Object(
  {
    priceFen: Type.Integer({ description: '成交价格，分（整数）' }),
    paymentMethod: PaymentMethod,
    handoverDate: Type.String({ maxLength: 10, description: '交房日期 YYYY-MM-DD' }),
    fixtures: Type.String({ maxLength: 2000, description: '附属设施，最多500字（服务端检查）' }),
  },
  { additionalProperties: false },
);
export type ContractTermsBody = Static<typeof ContractTermsBody>;

export const ContractTermsView = Type.Object({
  priceFen: Type.Integer(),
  priceText: Str,
  paymentMethod: PaymentMethod,
  paymentMethodName: Str,
  handoverDate: Str,
  fixtures: Str,
});

export const ContractResponse = Type.Object({
  caseId: Str,
  /** may the caller change the terms now (buyer/seller, before submission) */
  editable: Type.Boolean(),
  terms: Opt(ContractTermsBody),
  view: Opt(ContractTermsView),
  updatedAt: Opt(Str),
  updatedByName: Opt(Str),
  /** 网签备案: present once the contract was filed with the housing department */
  filing: Opt(Type.Object({ contractNumber: Str, filedAt: Str, termsDigest: Str, filedBy: Str })),
  sellers: Type.Array(Str),
  buyers: Type.Array(Str),
});
export type ContractResponse = Static<typeof ContractResponse>;

const TaxKind = Type.Union([
  Type.Literal('deedTax'),
  Type.Literal('vat'),
  Type.Literal('incomeTax'),
  Type.Literal('stampDuty'),
  Type.Literal('landVat'),
  Type.Literal('urbanMaintenanceTax'),
  Type.Literal('educationSurcharge'),
  Type.Literal('localEducationSurcharge'),
]);
const TaxPayer = Type.Union([Type.Literal('rightHolder'), Type.Literal('obligor')]);

export const TaxLineView = Type.Object({
  tax: TaxKind,
  taxName: Str,
  payer: TaxPayer,
  baseFen: Type.Integer(),
  /** basis points: 100 = 1% */
  rate: Type.Integer(),
  amountFen: Type.Integer(),
  exempt: Type.Boolean(),
  /** the rule that produced the line, plain Chinese, with its legal basis */
  rule: Str,
  /** the taxpayer (纳税人) this line is owed by: a party of the case */
  taxpayerId: Opt(Str),
  taxpayerName: Opt(Str),
});
export type TaxLineView = Static<typeof TaxLineView>;

export const TaxReceiptView = Type.Object({
  body: Type.Object({
    receiptNo: Str,
    caseId: Str,
    /** the taxpayer this receipt is for (they paid exactly the lines listed) */
    taxpayer: Opt(Type.Object({ personId: Str, name: Str })),
    unitCode: Opt(Str),
    lines: Type.Array(
      Type.Object({
        tax: TaxKind,
        payer: TaxPayer,
        baseFen: Type.Integer(),
        rate: Type.Integer(),
        amountFen: Type.Integer(),
      }),
    ),
    totalFen: Type.Integer(),
    chargeId: Str,
    paidAt: Str,
    issuedAt: Str,
    issuer: Str,
  }),
  seal: Type.Object({
    algorithm: Type.Literal('SM2-with-SM3'),
    userId: Str,
    keyId: Str,
    publicKey: Str,
    digest: Str,
    signature: Str,
  }),
});
export type TaxReceiptView = Static<typeof TaxReceiptView>;

export const TaxResponse = Type.Object({
  caseId: Str,
  status: Str,
  assessment: Type.Object({
    base: Type.Object({
      contractPriceFen: Type.Integer(),
      referencePriceFen: Type.Integer(),
      baseFen: Type.Integer(),
      usesReference: Type.Boolean(),
      rule: Str,
    }),
    yearsHeld: Type.Integer(),
    lines: Type.Array(TaxLineView),
    totals: Type.Object({
      rightHolder: Type.Integer(),
      obligor: Type.Integer(),
      all: Type.Integer(),
    }),
    configLabel: Str,
    cause: Opt(Str),
    manual: Opt(Type.Object({ reason: Str })),
  }),
  /** per taxpayer: the caller sees only their own lines; what they owe and whether they have any */
  perTaxpayer: Opt(Type.Object({ ownFen: Type.Integer(), hasLines: Type.Boolean() })),
  /** 待人工核定: the case is outside every rule and waits for the tax office, with the reason */
  manualAssessment: Opt(Type.Object({ reason: Str })),
  /** where each fact came from (filed contract, register, shared housing data…) */
  facts: Type.Array(Type.Object({ fact: Str, source: Str, detail: Str })),
  assessedAt: Str,
  /** may the caller pay now */
  canPay: Type.Boolean(),
  payment: Opt(Type.Object({ chargeId: Str, amountFen: Type.Integer(), chargedAt: Str })),
  /** the sealed 完税证明, once issued; sealValid checked with the department's trusted key */
  receipt: Opt(TaxReceiptView),
  sealValid: Opt(Type.Boolean()),
});
export type TaxResponse = Static<typeof TaxResponse>;

/**
 * 缴税 after the confirmation screen: whose lines (must be the caller's own) and the amount shown
 * (must be what they owe now). Both optional.
 */
export const TaxPaymentBody = Type.Object(
  {
    taxpayerId: Opt(Type.String({ minLength: 1, maxLength: 64 })),
    amountFen: Opt(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type TaxPaymentBody = Static<typeof TaxPaymentBody>;

export const UtilityKind = Type.Union([
  Type.Literal('water'),
  Type.Literal('power'),
  Type.Literal('gas'),
  Type.Literal('broadband'),
]);
export type UtilityKind = Static<typeof UtilityKind>;

/** PUT /cases/:caseId/utilities — the buyer's choice (empty = none); account numbers optional. */
export const UtilitiesBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { kind: UtilityKind, accountNumber: Opt(Type.String({ maxLength: 64 })) },
        { additionalProperties: false },
      ),
      { maxItems: 4 },
    ),
  },
  { additionalProperties: false },
);
export type UtilitiesBody = Static<typeof UtilitiesBody>;

export const UtilityItem = Type.Object({
  kind: UtilityKind,
  name: Str,
  provider: Str,
  accountNumber: Opt(Str),
  status: Type.Union([
    Type.Literal('optedIn'),
    Type.Literal('pending'),
    Type.Literal('confirmed'),
    Type.Literal('failed'),
  ]),
  attempts: Type.Integer(),
  lastError: Opt(Str),
  optedInAt: Str,
  notifiedAt: Opt(Str),
  confirmedAt: Opt(Str),
  confirmationNo: Opt(Str),
});
export type UtilityItem = Static<typeof UtilityItem>;

export const UtilitiesResponse = Type.Object({
  caseId: Str,
  editable: Type.Boolean(),
  canRetry: Type.Boolean(),
  items: Type.Array(UtilityItem),
});
export type UtilitiesResponse = Static<typeof UtilitiesResponse>;

/** POST /sim/utilities/faults (SIMULATORS_ENABLED): the next answers of one provider. */
export const UtilityFaultsBody = Type.Object(
  {
    kind: UtilityKind,
    faults: Type.Array(
      Type.Union([Type.Literal('ok'), Type.Literal('unavailable'), Type.Literal('timeout')]),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);

/** POST /sim/payment/faults (SIMULATORS_ENABLED): the next answers of the payment gateway. */
export const PaymentFaultsBody = Type.Object(
  {
    faults: Type.Array(
      Type.Union([
        Type.Literal('ok'),
        Type.Literal('timeoutBeforeCharge'),
        Type.Literal('timeoutAfterCharge'),
        Type.Literal('transient'),
        Type.Literal('duplicateCallback'),
      ]),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);

export const SaleCaseParams = CaseParams;
