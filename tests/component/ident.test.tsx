/**
 * Identifiers never break mid-number: each run of digits and letters of a 证号, 不动产单元号,
 * 受理编号 or 邀请码 is a nowrap piece; the Chinese around it may wrap, a long dotted e-licence id
 * may break after its dots.
 */
import { render } from '@testing-library/react';
import { Ident, identPieces } from '@/shared/ui';

const runs = (c: HTMLElement) =>
  Array.from(c.querySelectorAll('.ui-ident__run')).map((e) => e.textContent);

describe('Ident', () => {
  it('keeps the numbers of a certificate number whole', () => {
    const { container } = render(<Ident>浙(2022)台州市不动产权第0012344号</Ident>);
    expect(container.textContent).toBe('浙(2022)台州市不动产权第0012344号');
    expect(runs(container)).toEqual(['2022', '0012344']);
  });

  it('keeps a unit code in its three groups', () => {
    const { container } = render(<Ident>331002005008 GB07196 F00080001</Ident>);
    expect(runs(container)).toEqual(['331002005008', 'GB07196', 'F00080001']);
  });

  it('lets a long dotted e-licence id break only after a dot', () => {
    const id = '1.2.156.3005.2.11100000MB03271699001.331002.20220012344.001.X';
    const pieces = identPieces(`证照标识 ${id}`);
    expect(pieces[0]).toEqual({ text: '证照标识 ', keep: false });
    expect(pieces.slice(1).every((p) => p.keep && (p.text.endsWith('.') || p.text === 'X'))).toBe(
      true,
    );
    expect(pieces.map((p) => p.text).join('')).toBe(`证照标识 ${id}`);
    expect(pieces.some((p) => p.text === '11100000MB03271699001.')).toBe(true);
  });

  it('keeps an invitation code and a 受理编号 whole', () => {
    expect(identPieces('K7P2QX')).toEqual([{ text: 'K7P2QX', keep: true }]);
    expect(identPieces('受理编号：TZ2026-000123')).toEqual([
      { text: '受理编号：', keep: false },
      { text: 'TZ2026-000123', keep: true },
    ]);
  });
});
