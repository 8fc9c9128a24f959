import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { SharesEditor } from '@/features/apply';
import { bpToPercent, checkShares, evenShares, percentToBp } from '@/features/apply/shares';

function Harness({ initial }: { initial: string[] }) {
  const [percents, setPercents] = useState(initial);
  return (
    <SharesEditor
      holders={percents.map((p, i) => ({
        key: `k${i}`,
        name: ['应敏', '金海斌', '陈杰'][i],
        percent: p,
      }))}
      onChange={setPercents}
    />
  );
}

const inputs = () => Array.from(document.querySelectorAll<HTMLInputElement>('.shares__row input'));
async function ready(n: number) {
  await waitFor(() => expect(inputs()).toHaveLength(n));
}
function type(i: number, value: string) {
  const el = inputs()[i];
  el.value = value;
  fireEvent.input(el, { target: { value } });
}

describe('shares editor (按份共有 must total exactly 100%)', () => {
  it('shows the total and what is missing, live', async () => {
    render(<Harness initial={['60', '30']} />);
    await ready(2);
    expect(document.querySelector('.shares__sum')).toHaveTextContent('✗ 合计 90%');
    expect(screen.getByRole('alert')).toHaveTextContent('必须正好等于 100%（还差 10%）');
    type(1, '40');
    expect(document.querySelector('.shares__sum')).toHaveTextContent('✓ 合计 100%');
    expect(screen.queryByRole('alert')).toBeNull();
    type(1, '45.5');
    expect(screen.getByRole('alert')).toHaveTextContent('多了 5.5%');
  });

  it('平均分配 splits 100% exactly, the odd basis point to the first', async () => {
    render(<Harness initial={['', '', '']} />);
    await ready(3);
    fireEvent.click(screen.getByRole('button', { name: '平均分配' }));
    await waitFor(() => expect(inputs().map((i) => i.value)).toEqual(['33.34', '33.33', '33.33']));
    expect(document.querySelector('.shares__sum')).toHaveTextContent('✓ 合计 100%');
  });

  it('flags a bad row', () => {
    render(<Harness initial={['100.5', '0']} />);
    expect(document.querySelector('.shares__row')).toHaveTextContent('份额为0到100之间的数');
  });

  it('maths: percent ↔ basis points, exact total', () => {
    expect(percentToBp('33.33')).toBe(3333);
    expect(percentToBp('50%')).toBe(5000);
    expect(percentToBp('33.333')).toBeNull();
    expect(percentToBp('abc')).toBeNull();
    expect(bpToPercent(3334)).toBe('33.34');
    expect(bpToPercent(5000)).toBe('50');
    expect(checkShares(['33.33', '33.33', '33.33']).ok).toBe(false);
    expect(checkShares(evenShares(3)).ok).toBe(true);
    expect(checkShares(evenShares(7)).totalBp).toBe(10000);
  });
});
