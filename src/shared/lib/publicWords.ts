/**
 * 对公众的用语: the words a citizen reads for register terms, from one table (docs/glossary.md,
 * section "对公众的用语"). The register's own words stay in the law, the documents and the staff
 * console; the app shows these. Server texts (a certificate's status summary, a verification
 * message) pass through plainWords() before they are shown, so a term the server still sends in
 * register language reaches the citizen in plain words.
 */

export interface PublicTerm {
  /** the register's term */
  term: string;
  /** what a citizen reads instead */
  plain: string;
}

/**
 * Longest terms first, so that 现势不动产 is replaced before 现势. Keep in step with the table in
 * docs/glossary.md (tests/unit/app/public-words.test.ts compares the two).
 */
export const PUBLIC_TERMS: readonly PublicTerm[] = [
  { term: '现势不动产', plain: '有效不动产' },
  { term: '现势权利', plain: '有效权利' },
  { term: '现势', plain: '有效' },
  { term: '已归档', plain: '已办结并归档' },
  { term: '已登簿', plain: '已登记' },
  { term: '已核准', plain: '审核通过' },
  { term: '待补正', plain: '待补充材料' },
  { term: '已补正', plain: '已补充材料' },
];

/** Register terms in a text replaced by the words for the public (each term once, longest first). */
export function plainWords(text: string): string {
  if (!text) return text;
  // one pass over all terms, so that a plain word is never replaced again
  const pattern = new RegExp(PUBLIC_TERMS.map((t) => t.term).join('|'), 'g');
  return text.replace(pattern, (m) => PUBLIC_TERMS.find((t) => t.term === m)?.plain ?? m);
}

/** The word for one register term ('现势' → '有效'); a term not in the table is returned as is. */
export function publicWord(term: string): string {
  return PUBLIC_TERMS.find((t) => t.term === term)?.plain ?? term;
}

/**
 * What a citizen reads of a message by default: no error code (VERIFY_CODE_NOT_FOUND), key id
 * (REGKEY-…), signature or receipt id (SIG-…, WSZM-…) or algorithm name (SM2-with-SM3). Those
 * stay available behind 详情 for whoever needs them. Register terms in plain words.
 */
export function citizenText(text: string): string {
  return plainWords(
    text
      .replace(TECHNICAL_IN_BRACKETS, '')
      .replace(TECHNICAL, '')
      .replace(/[（(]\s*[，,、]?\s*[）)]/g, '')
      .replace(/[ \t]{2,}/g, ' ')
      .trim(),
  );
}

/** Technical tokens never shown by default (also used by tests scanning the visible text). */
export const TECHNICAL_TOKEN =
  /\b(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|(?:SIG|WSZM|REGKEY|CASE|CERT|DOC|PRES|PROOF|RES|EV|FILE|MSG|SHR|QRY|OBJ|CHG|RCK|QST|VOID|ARC|RIGHT)-[A-Za-z0-9-]+|SM2-with-SM3|SM[234])\b/;
const TECHNICAL = new RegExp(
  `\\s*(?:(?:原因代码|错误代码|代码|密钥标识|密钥|算法)[：:]?\\s*)?${TECHNICAL_TOKEN.source}\\s*`,
  'g',
);
const TECHNICAL_IN_BRACKETS = new RegExp(
  `[（(][^（）()]*${TECHNICAL_TOKEN.source}[^（）()]*[）)]`,
  'g',
);
