/**
 * The online sale contract (在线签约): checking the terms buyer and seller fill
 * in the app. Pure: "today" is passed in. Prices are integer fen; the app converts yuan → fen.
 */
import { isIsoDate, toDayNumber } from '../calendar/iso-date';
import { groupThousands } from '../tax/money';

/** the same shape as ports/contracts.ts ContractTerms (the domain imports no port) */
export type PaymentMethod = 'fullPayment' | 'mortgageLoan' | 'providentFundLoan' | 'instalments';
export interface ContractTerms {
  priceFen: number;
  paymentMethod: PaymentMethod;
  /** YYYY-MM-DD */
  handoverDate: string;
  fixtures: string;
}

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  'fullPayment',
  'mortgageLoan',
  'providentFundLoan',
  'instalments',
];

export const PAYMENT_METHOD_NAMES: Record<PaymentMethod, string> = {
  fullPayment: '一次性付款',
  mortgageLoan: '商业贷款',
  providentFundLoan: '公积金贷款',
  instalments: '分期付款',
};

/** 1 000 元: below this a home price is a typing error, not a sale */
export const MIN_PRICE_FEN = 1_000_00;
/** 10 亿元 */
export const MAX_PRICE_FEN = 1_000_000_000_00;
export const FIXTURES_MAX_CHARS = 500;
/** handover at most this many days before today (already handed over) or after it */
export const HANDOVER_PAST_DAYS = 366;
export const HANDOVER_FUTURE_DAYS = 3 * 366;

export type TermsCheck =
  { ok: true; terms: ContractTerms } | { ok: false; field: keyof ContractTerms; message: string };

/** a control character other than tab and newlines */
const hasControl = (text: string): boolean =>
  [...text].some((ch) => {
    const n = ch.codePointAt(0) ?? 0;
    return (n < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') || n === 0x7f;
  });

/** Checks and normalises terms; `today` is the Beijing date YYYY-MM-DD. */
export function checkContractTerms(input: ContractTerms, today: string): TermsCheck {
  const { priceFen, paymentMethod, handoverDate } = input;
  if (!Number.isSafeInteger(priceFen) || priceFen <= 0)
    return { ok: false, field: 'priceFen', message: '成交价格必须是大于0的金额（精确到分）' };
  if (priceFen < MIN_PRICE_FEN)
    return { ok: false, field: 'priceFen', message: '成交价格不能低于1000元，请核对' };
  if (priceFen > MAX_PRICE_FEN)
    return { ok: false, field: 'priceFen', message: '成交价格不能超过10亿元，请核对' };
  if (!PAYMENT_METHODS.includes(paymentMethod))
    return { ok: false, field: 'paymentMethod', message: '请选择付款方式' };
  if (!isIsoDate(handoverDate))
    return { ok: false, field: 'handoverDate', message: '交房日期不是有效日期（格式：年-月-日）' };
  const days = toDayNumber(handoverDate) - toDayNumber(today);
  if (days < -HANDOVER_PAST_DAYS)
    return { ok: false, field: 'handoverDate', message: '交房日期不能早于一年前' };
  if (days > HANDOVER_FUTURE_DAYS)
    return { ok: false, field: 'handoverDate', message: '交房日期不能晚于三年后' };
  const fixtures = input.fixtures.trim();
  if ([...fixtures].length > FIXTURES_MAX_CHARS)
    return {
      ok: false,
      field: 'fixtures',
      message: `附属设施说明不能超过${FIXTURES_MAX_CHARS}字`,
    };
  if (hasControl(fixtures))
    return { ok: false, field: 'fixtures', message: '附属设施说明含有不能识别的字符' };
  return { ok: true, terms: { priceFen, paymentMethod, handoverDate, fixtures } };
}

/** "¥1,234,567.80" style, for documents */
export function formatYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${groupThousands(yuan)}.${cents}元`;
}

/** The contract as the parties read and sign it (part of the signing bundle). */
export function contractTermsView(terms: ContractTerms) {
  return {
    priceFen: terms.priceFen,
    priceText: formatYuan(terms.priceFen),
    paymentMethod: terms.paymentMethod,
    paymentMethodName: PAYMENT_METHOD_NAMES[terms.paymentMethod],
    handoverDate: terms.handoverDate,
    fixtures: terms.fixtures,
  };
}
