/** Yuan as typed (digits, at most two decimals) → integer fen; null when it is not a price. */
import { groupThousands } from '@/shared/lib/number';
import { daysBetween, isCalendarDate } from '@/shared/lib/time';

export function yuanToFen(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function fenToYuanText(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents ? `${yuan}.${String(cents).padStart(2, '0')}` : String(yuan);
}

/** ¥1,234.50 for display */
export function formatFen(fen: number): string {
  const yuan = groupThousands(Math.floor(fen / 100));
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

export const formatRate = (basisPoints: number): string =>
  `${(basisPoints / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

export interface TermsInput {
  price: string;
  paymentMethod: string;
  handoverDate: string;
  fixtures: string;
}

export type TermsErrors = Partial<Record<keyof TermsInput, string>>;

export const FIXTURES_MAX = 500;

/** The same ranges as the server (domain/sale/contract.ts), checked as the user types. */
export function checkTerms(t: TermsInput, today: string): TermsErrors {
  const e: TermsErrors = {};
  const fen = yuanToFen(t.price);
  if (t.price.trim() === '') e.price = '请填写成交价格';
  else if (fen === null) e.price = '请输入金额，最多两位小数，例如 1860000';
  else if (fen < 100_000) e.price = '成交价格不能低于1000元，请核对';
  else if (fen > 100_000_000_000) e.price = '成交价格不能超过10亿元，请核对';
  if (!t.paymentMethod) e.paymentMethod = '请选择付款方式';
  const valid = isCalendarDate(t.handoverDate);
  if (t.handoverDate.trim() === '') e.handoverDate = '请选择交房日期';
  else if (!valid) e.handoverDate = '请重新选择交房日期';
  else {
    const days = daysBetween(today, t.handoverDate);
    if (days < -366) e.handoverDate = '交房日期不能早于一年前';
    else if (days > 3 * 366) e.handoverDate = '交房日期不能晚于三年后';
  }
  if ([...t.fixtures.trim()].length > FIXTURES_MAX)
    e.fixtures = `附属设施说明不能超过${FIXTURES_MAX}字`;
  return e;
}
