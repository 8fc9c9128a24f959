/**
 * 在线咨询: searching the FAQ and the rules of a question to the registry.
 * Pure: no clock, storage or randomness.
 */
import { FAQ, type FaqEntry } from './faq-data';

export { FAQ, type FaqEntry } from './faq-data';
export { faqWithCatalogue, servicesFaq } from './catalogueFaq';

export const QUESTION_MAX_CHARS = 500;
export const ANSWER_MAX_CHARS = 2000;
export type QuestionTopic = 'general' | 'case';

export interface ScoredFaq {
  entry: FaqEntry;
  score: number;
}

const SPLIT = /[\s,，。.、;；:：!！?？"“”'‘’()（）《》【】\-—/]+/u;

/** The search terms of a query: words split on spaces and punctuation, lower-cased. */
export function searchTerms(q: string): string[] {
  return [
    ...new Set(
      q
        .toLowerCase()
        .split(SPLIT)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** Two-character pieces of a Chinese term, so 刷脸怎么登录 still finds 刷脸 and 登录. */
function bigrams(term: string): string[] {
  const chars = [...term];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

function scoreTerm(e: FaqEntry, term: string): number {
  let s = 0;
  if (e.question.toLowerCase().includes(term)) s += 3;
  if (e.tags.some((t) => t.toLowerCase() === term)) s += 4;
  else if (
    e.tags.some(
      (t) =>
        t.toLowerCase().includes(term) || ([...t].length >= 2 && term.includes(t.toLowerCase())),
    )
  )
    s += 2;
  if (e.answer.toLowerCase().includes(term)) s += 1;
  return s;
}

/**
 * FAQ entries matching q, best first. Each term scores question 3, exact tag 4 / partial tag 2,
 * answer 1; a term that matches nowhere whole is tried by its two-character pieces (half
 * weight). Without a query every entry is returned in order.
 */
export function searchFaq(
  q: string | undefined,
  entries: readonly FaqEntry[] = FAQ,
  limit = 50,
): ScoredFaq[] {
  const terms = searchTerms(q ?? '');
  if (!terms.length) return entries.slice(0, limit).map((entry) => ({ entry, score: 0 }));
  const scored = entries.map((entry, index) => {
    let score = 0;
    for (const term of terms) {
      const whole = scoreTerm(entry, term);
      if (whole > 0) score += whole;
      else if ([...term].length > 2)
        score += bigrams(term).reduce((a, b) => a + scoreTerm(entry, b), 0) / 2;
    }
    return { entry, score, index };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map(({ entry, score }) => ({ entry, score }));
}

/** Normalised question text, or the reason it is not acceptable. */
export function checkQuestionText(
  text: string,
  max = QUESTION_MAX_CHARS,
): { ok: true; text: string } | { ok: false; message: string } {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (!t) return { ok: false, message: '请填写要咨询的问题' };
  if ([...t].length > max) return { ok: false, message: `问题不能超过 ${max} 个字` };
  return { ok: true, text: t };
}
