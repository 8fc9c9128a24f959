/**
 * Formatting shared by every renderer: amounts in 元 and in 大写, dates and times in Beijing
 * time, role names in Chinese, and masking of other people's personal data. Pure.
 */
import { ROLE_LABELS, type PartyRole } from '../../catalogue';
import { maskIdNumber, maskName } from '../../masking';
import type { RenderViewer } from '../rendering';

// ---------------------------------------------------------------- money

/** 168000000 fen → "1,680,000.00元". Integer fen only; grouping by hand (no locale). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}元`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const IN_GROUP = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** 0 < g < 10000 in 大写 without the leading zero: 1005 → 壹仟零伍, 10 → 壹拾. */
function groupUpper(g: number): string {
  let out = '';
  let pendingZero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(g / 10 ** pos) % 10;
    if (d === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    out += DIGITS[d] + IN_GROUP[pos];
    pendingZero = false;
  }
  return out;
}

/** Whole yuan in 大写: 1680000 → 壹佰陆拾捌万, 100010 → 壹拾万零壹拾. */
function integerUpper(n: number): string {
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 10000)) groups.push(x % 10000);
  let out = '';
  let skipped = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) {
      if (out) skipped = true;
      continue;
    }
    // a zero between two non-zero groups, or a group with fewer than four digits after a higher one
    if (out && (skipped || g < 1000)) out += '零';
    out += groupUpper(g) + GROUPS[i];
    skipped = false;
  }
  return out;
}

/**
 * An amount in 大写 as written on 票据 and 合同 (中国人民银行《支付结算办法》附件: 正确填写票据和结算
 * 凭证的基本规定): 1,680,000.00 → 壹佰陆拾捌万元整; 1,000.50 → 壹仟元伍角整; 1.01 → 壹元零壹分;
 * 0.05 → 伍分. "整" after 元 or 角, never after 分. Integer fen, 0 ≤ fen < 2^53.
 */
export function yuanUpper(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('金额必须是非负整数（分）');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${integerUpper(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  return cents > 0 ? `${out}${DIGITS[cents]}分` : `${out}整`;
}

/** "1,680,000.00元（人民币壹佰陆拾捌万元整）": the 小写 and 大写 of a paper form. */
export const yuanWithUpper = (fen: number): string => `${yuanText(fen)}（人民币${yuanUpper(fen)}）`;

/** Whole yuan (as some stored data holds it) → fen. */
export const fenOfYuan = (yuan: number): number => Math.round(yuan * 100);

// ---------------------------------------------------------------- dates and times

/** Dates and times in Beijing time, from the server's one time module (domain/time.ts). */
export { dateText, dateTimeText } from '../../time';

// ---------------------------------------------------------------- roles

/** Role names as the forms print them (docs/glossary.md). */
export const ROLE_NAMES: Record<PartyRole, string> = ROLE_LABELS;

/**
 * A role's name on a form: the business type's own (`labels`, from the catalogue: a mortgage's
 * 抵押人 and 抵押权人), else the general name.
 */
export function roleName(
  role: string,
  _registrationKind?: string,
  labels?: Partial<Record<string, string>>,
): string {
  return labels?.[role] ?? ROLE_NAMES[role as PartyRole] ?? '当事人';
}

// ---------------------------------------------------------------- masking

/** Sees this person's data in full: the person, or registry staff. */
export const seesInFull = (viewer: RenderViewer, personId?: string, name?: string): boolean =>
  Boolean(
    viewer.staff ||
    (personId !== undefined && viewer.personId === personId) ||
    (personId === undefined && name !== undefined && viewer.name === name),
  );

/** A natural person's name as this viewer may see it; organisations' names are public. */
export function nameFor(
  viewer: RenderViewer,
  p: { personId?: string; partyId?: string; name: string; organisation?: boolean },
): string {
  if (p.organisation || seesInFull(viewer, p.personId ?? p.partyId, p.name)) return p.name;
  return maskName(p.name);
}

export function idNumberFor(
  viewer: RenderViewer,
  p: { personId?: string; name?: string; idNumber: string },
): string {
  return seesInFull(viewer, p.personId, p.name) ? p.idNumber : maskIdNumber(p.idNumber);
}

/** basis points → "50%", "33.33%". */
export const shareText = (bp: number): string => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/** '' → '—' so that a form never shows an empty or "null" cell. */
export const orDash = (s: string | undefined | null): string =>
  s === undefined || s === null || s === '' ? '—' : s;
