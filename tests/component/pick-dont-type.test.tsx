/**
 * Pick, don't type: numbers open the numeric keypad (also in a phone's browser, where the input
 * type alone does not), dates come from the platform's date picker and show in Chinese.
 */
import { act, render, waitFor } from '@testing-library/react';
import { Field } from '@/features/apply/Field';
import { DateField } from '@/shared/ui/DateField';
import { pickDate } from './fakes';

describe('numeric keypads', () => {
  it.each([
    ['number', 'numeric'],
    ['digit', 'decimal'],
  ] as const)('a %s field asks for the %s keypad', async (type, mode) => {
    const { container } = render(
      <Field id="f" label="金额" value="" type={type} onInput={() => undefined} />,
    );
    // the inner <input> appears once the web component has rendered
    await waitFor(() =>
      expect(container.querySelector('input')).toHaveAttribute('inputmode', mode),
    );
  });

  it('a text field keeps the full keyboard (names, bank codes with letters)', async () => {
    const { container } = render(<Field id="t" label="姓名" value="" onInput={() => undefined} />);
    await waitFor(() => expect(container.querySelector('input')).not.toBeNull());
    expect(container.querySelector('input')).not.toHaveAttribute('inputmode');
  });
});

describe('DateField', () => {
  it('shows 请选择日期, then the picked date in Chinese, and reports YYYY-MM-DD', () => {
    const picked: string[] = [];
    const { container, rerender } = render(
      <DateField id="d" label="交房日期" value="" onChange={(v) => picked.push(v)} />,
    );
    const field = container.querySelector('#d')!;
    expect(field).toHaveTextContent('请选择日期');
    expect(field).toHaveAttribute('aria-label', '交房日期：未选择，点按选择日期');
    expect(container.querySelector('taro-picker-core')).toHaveAttribute('mode', 'date');
    act(() => pickDate(container, '.ui-date-field', '2027-01-20'));
    expect(picked).toEqual(['2027-01-20']);
    rerender(<DateField id="d" label="交房日期" value="2027-01-20" onChange={() => undefined} />);
    expect(container.querySelector('#d')).toHaveTextContent('2027年01月20日');
  });

  it('passes the allowed range to the picker and shows an error', () => {
    const { container } = render(
      <DateField
        id="d"
        label="交房日期"
        value=""
        start="2026-01-01"
        end="2029-12-31"
        error="请选择交房日期"
        onChange={() => undefined}
      />,
    );
    const picker = container.querySelector('taro-picker-core')!;
    expect(picker).toHaveAttribute('start', '2026-01-01');
    expect(picker).toHaveAttribute('end', '2029-12-31');
    expect(container.querySelector('[role="alert"]')).toHaveTextContent('请选择交房日期');
  });
});
