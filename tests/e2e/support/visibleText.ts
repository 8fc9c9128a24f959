/**
 * What a citizen reads must be in plain words and Beijing time: the visible text of a page may
 * not contain a machine timestamp (ISO 8601 / UTC), an English error code or error message, a
 * `null` / `undefined` that leaked from data, or a money amount still in fen (分, the unit the
 * server counts in). `findTextProblems` checks a text (unit-tested against known strings);
 * `scanVisibleText` reads what the page shows (innerText: hidden pages, closed 详情 folds,
 * alt texts and attributes are not read) and fails naming the offending text.
 */
import type { Page } from 'playwright-core';

export type TextProblemKind = 'utcTime' | 'errorCode' | 'nullish' | 'fen';

export interface TextProblem {
  kind: TextProblemKind;
  /** the offending text itself */
  text: string;
  /** a few characters either side, to find it on the page */
  context: string;
}

export const PROBLEM_NAMES: Record<TextProblemKind, string> = {
  utcTime: '机器时间格式（ISO/UTC，未换成北京时间）',
  errorCode: '英文错误代码或错误信息',
  nullish: '程序的空值（null/undefined）',
  fen: '以“分”为单位的金额',
};

/** The server's single-word codes (the UPPER_SNAKE ones are caught by their shape). */
const ONE_WORD_CODES = [
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'UNAUTHORIZED',
  'OFFLINE',
  'TIMEOUT',
  'UNKNOWN',
  'CANCELED',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'NULL',
];

/** The client libraries' and HTTP's own English messages. */
const ENGLISH_ERRORS = [
  'Network Error',
  'Request failed with status code \\d+',
  'timeout of \\d+ms exceeded',
  'Internal Server Error',
  'Bad Request',
  'Not Found',
  'Service Unavailable',
  'Failed to fetch',
  'Unexpected token',
  'is not a function',
  'Cannot read propert(?:y|ies) of',
  'Loading chunk \\S+ failed',
];

/** 分 that is not a money unit: 分钟 (minutes), 分期, 几分之几, 分局/分行/分区, 1分30秒 … */
const FEN_NOT_MONEY = '钟|期|之|局|行|区|户|别|摊|配|割|享|类|段|批|项|栋|层|\\d';

const RULES: Array<{ kind: TextProblemKind; pattern: RegExp }> = [
  // 2026-12-07T07:40:34Z, 2026-12-07T07:40:34.000+00:00, 2026-12-07T07:40
  {
    kind: 'utcTime',
    pattern: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
  },
  // 07:40:34Z, 07:40 UTC, GMT+0000
  { kind: 'utcTime', pattern: /\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z(?![A-Za-z])/g },
  { kind: 'utcTime', pattern: /\b(?:UTC|GMT)(?:[+-]\d{1,4})?\b/g },
  // VALIDATION_FAILED, VERIFY_CODE_NOT_FOUND
  { kind: 'errorCode', pattern: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g },
  { kind: 'errorCode', pattern: new RegExp(`\\b(?:${ONE_WORD_CODES.join('|')})\\b`, 'g') },
  { kind: 'errorCode', pattern: new RegExp(ENGLISH_ERRORS.join('|'), 'g') },
  { kind: 'nullish', pattern: /\b(?:null|undefined|NaN)\b|\[object Object\]/g },
  // 15000000 分, 1,500 分 (but not 5 分钟)
  {
    kind: 'fen',
    pattern: new RegExp(`\\d[\\d,]*(?:\\.\\d+)?\\s*分(?!${FEN_NOT_MONEY})`, 'g'),
  },
  // ¥150000000 (the app writes yuan grouped: ¥1,500,000.00) and 150000000 元
  { kind: 'fen', pattern: /[¥￥]\s*\d{5,}(?![\d,])/g },
  { kind: 'fen', pattern: /(?<![\d,.])\d{7,}(?:\.\d+)?\s*元/g },
  // a field name that leaked (priceFen, amount_fen, fen)
  { kind: 'fen', pattern: /\b(?:fen|[a-z]+Fen|[a-z]+_fen)\b/g },
];

/** Every problem in `text`, in the order they appear (a match inside another is one problem). */
export function findTextProblems(shown: string): TextProblem[] {
  // an address on screen (the invitation link, the verification address) is there to be copied
  // or scanned, not read: its signed token may hold any letters, so it is not scanned
  const text = shown.replace(/https?:\/\/\S+/g, (url) => ' '.repeat(url.length));
  const found: Array<TextProblem & { at: number; end: number }> = [];
  for (const { kind, pattern } of RULES) {
    for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
      const at = m.index ?? 0;
      const context = shown
        .slice(Math.max(0, at - 12), at + m[0].length + 12)
        .replace(/\s+/g, ' ')
        .trim();
      found.push({ kind, text: m[0], context, at, end: at + m[0].length });
    }
  }
  found.sort((a, b) => a.at - b.at || b.end - a.end);
  const kept: typeof found = [];
  for (const f of found) {
    if (!kept.some((k) => f.at >= k.at && f.end <= k.end)) kept.push(f);
  }
  return kept.map(({ kind, text: t, context }) => ({ kind, text: t, context }));
}

/** A readable list of problems, one a line. */
export function formatTextProblems(problems: TextProblem[]): string {
  return problems
    .map((p) => `  - ${PROBLEM_NAMES[p.kind]}：“${p.text}”（…${p.context}…）`)
    .join('\n');
}

/** Throws when the visible text of `page` has a problem, naming the offending text. */
export async function scanVisibleText(page: Page, label: string): Promise<void> {
  const text = await page.evaluate(() => document.body?.innerText ?? '');
  const problems = findTextProblems(text);
  if (problems.length > 0) {
    throw new Error(
      `页面上有不该给群众看的文字（${label}，${page.url()}）：\n${formatTextProblems(problems)}`,
    );
  }
}
