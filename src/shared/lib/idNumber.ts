/**
 * 公民身份号码 (GB 11643-1999) checks for the login form: 6 area + 8 birth date YYYYMMDD +
 * 3 sequence + 1 check character (docs/registry-facts.md §2). Pure: the caller passes "today" when
 * it matters.
 *
 * `checkIdNumber(value)` judges a finished entry; `checkIdNumberTyping(value)` judges one that
 * may still be incomplete, reporting only mistakes that more typing cannot fix.
 */
import { dayNumber } from './time';

export type IdNumberProblem = 'empty' | 'length' | 'characters' | 'birthDate' | 'checkDigit';

export type IdNumberCheck =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: IdNumberProblem; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  empty: '请输入公民身份号码',
  length: '公民身份号码应为 18 位',
  characters: '公民身份号码只能包含数字，最后一位可以是字母 X',
  birthDate: '公民身份号码第 7 至 14 位的出生日期不正确，请核对',
  checkDigit: '公民身份号码最后一位校验码不正确，请核对每一位数字',
};

/** Upper-cases x and drops spaces (people copy numbers grouped as 6-8-4). */
export function normaliseIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function fail(problem: IdNumberProblem): IdNumberCheck {
  return { ok: false, problem, message: ID_NUMBER_MESSAGES[problem] };
}

/** Characters valid so far: digits, and X only in the 18th place. */
function charactersOk(v: string): boolean {
  return /^\d{0,17}$/.test(v) || /^\d{17}[\dX]$/.test(v);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** YYYYMMDD is a real date from 1900-01-01 up to `today` (inclusive). */
export function birthDateOk(yyyymmdd: string, today: Date = new Date()): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (d > days) return false;
  return y * 10000 + m * 100 + d <= dayNumber(today);
}

/** A finished entry: every rule, each mistake with its own message. */
export function checkIdNumber(input: string, today: Date = new Date()): IdNumberCheck {
  const v = normaliseIdNumber(input);
  if (v === '') return fail('empty');
  if (!charactersOk(v.slice(0, 18))) return fail('characters');
  if (v.length !== 18) return fail('length');
  const birth = v.slice(6, 14);
  if (!birthDateOk(birth, today)) return fail('birthDate');
  if (idNumberCheckChar(v) !== v[17]) return fail('checkDigit');
  return {
    ok: true,
    value: v,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: Number(v[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/**
 * While the user types: null when nothing is wrong yet (including an incomplete but plausible
 * number), else the first mistake that further typing cannot fix.
 */
export function checkIdNumberTyping(input: string, today: Date = new Date()): IdNumberCheck | null {
  const v = normaliseIdNumber(input);
  if (v === '') return null;
  if (!charactersOk(v.slice(0, 18))) return fail('characters');
  if (v.length > 18) return fail('length');
  if (v.length >= 14 && !birthDateOk(v.slice(6, 14), today)) return fail('birthDate');
  if (v.length < 18) return null;
  return checkIdNumber(v, today);
}
