/**
 * 对公众的用语: the app's one table of plain words equals the table in docs/glossary.md, and the
 * helpers put plain words in and technical tokens out of what a citizen reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  citizenText,
  plainWords,
  PUBLIC_TERMS,
  publicWord,
  TECHNICAL_TOKEN,
} from '@/shared/lib/publicWords';
import { STATUS_TEXT } from '@/features/cases/labels';

const GLOSSARY = path.resolve(__dirname, '../../../docs/glossary.md');

function glossaryTable(): { term: string; plain: string }[] {
  const text = fs.readFileSync(GLOSSARY, 'utf8');
  const section = text.split(/^## 对公众的用语$/m)[1] ?? '';
  return section
    .split('\n')
    .filter((l) => /^\| [^-]/.test(l) && !l.startsWith('| 登记用语'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map(([, term, plain]) => ({ term, plain }));
}

describe('对公众的用语', () => {
  it('the app uses exactly the glossary table', () => {
    const table = glossaryTable();
    expect(table.length).toBeGreaterThan(0);
    expect([...PUBLIC_TERMS].sort((a, b) => a.term.localeCompare(b.term))).toEqual(
      table.sort((a, b) => a.term.localeCompare(b.term)),
    );
  });

  it('replaces register terms, longest first and once', () => {
    expect(plainWords('现势；已抵押')).toBe('有效；已抵押');
    expect(plainWords('没有现势不动产')).toBe('没有有效不动产');
    expect(plainWords('办件已归档')).toBe('办件已办结并归档');
    expect(publicWord('现势')).toBe('有效');
    expect(publicWord('查封')).toBe('查封');
  });

  it('no case status label uses a register term', () => {
    for (const label of Object.values(STATUS_TEXT))
      for (const { term } of PUBLIC_TERMS) expect(label).not.toContain(term);
    expect(STATUS_TEXT.archived).toBe('已办结并归档');
  });

  it.each([
    ['核验码不存在或已过期（原因代码 VERIFY_CODE_NOT_FOUND）', '核验码不存在或已过期'],
    ['电子印章有效（SM2-with-SM3，密钥 REGKEY-0a1b2c3d4e5f6789）', '电子印章有效'],
    ['签名 SIG-000123 已作废，请重新签名', '签名已作废，请重新签名'],
    ['完税证明 WSZM-2026-0001 已开具', '完税证明已开具'],
    ['电子印章有效，证照真实。当前状态：现势', '电子印章有效，证照真实。当前状态：有效'],
  ])('citizenText(%s)', (raw, shown) => {
    expect(citizenText(raw)).toBe(shown);
    expect(TECHNICAL_TOKEN.test(citizenText(raw))).toBe(false);
  });

  it('leaves public numbers alone', () => {
    const text = '受理编号 TZ20261207000123，证号 浙(2026)台州市不动产权第0012345号，邀请码 K7M2QX';
    expect(citizenText(text)).toBe(text);
  });
});
