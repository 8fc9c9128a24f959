import { act, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { SignaturePad, type SignaturePadHandle } from '@/shared/ui/SignaturePad';

/** jsdom has no canvas: a recording 2D context and a PNG "encoder". */
const calls: string[] = [];
const fakeCtx = new Proxy(
  {},
  {
    get: (_t, prop: string) =>
      prop === 'canvas'
        ? undefined
        : (...args: unknown[]) =>
            void calls.push(
              `${prop}(${args.map((a) => (typeof a === 'number' ? Math.round(a) : typeof a)).join(',')})`,
            ),
    set: () => true,
  },
);
const PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(() => {
  if (!('PointerEvent' in window)) {
    class PointerEventPolyfill extends MouseEvent {
      pointerId: number;
      constructor(type: string, init: PointerEventInit = {}) {
        super(type, init);
        this.pointerId = init.pointerId ?? 1;
      }
    }
    (window as unknown as { PointerEvent: unknown }).PointerEvent = PointerEventPolyfill;
  }
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => fakeCtx as never);
  jest
    .spyOn(HTMLCanvasElement.prototype, 'toDataURL')
    .mockImplementation(() => `data:image/png;base64,${PNG_B64}`);
  jest.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockImplementation(
    () =>
      ({
        left: 10,
        top: 20,
        width: 300,
        height: 200,
        right: 310,
        bottom: 220,
        x: 10,
        y: 20,
        toJSON: () => ({}),
      }) as DOMRect,
  );
  Object.defineProperty(window, 'devicePixelRatio', { value: 3, configurable: true });
});
afterAll(() => jest.restoreAllMocks());

function draw(canvas: HTMLElement, points: Array<[number, number]>) {
  const [first, ...rest] = points;
  fireEvent.pointerDown(canvas, { clientX: first[0], clientY: first[1], pointerId: 1 });
  for (const [x, y] of rest)
    fireEvent.pointerMove(canvas, { clientX: x, clientY: y, pointerId: 1 });
  fireEvent.pointerUp(canvas, { pointerId: 1 });
}

describe('signature pad', () => {
  it('draws smoothed strokes at the device pixel ratio and exports a PNG; 清除重写 empties it', async () => {
    const ref = createRef<SignaturePadHandle>();
    const onChange = jest.fn();
    render(<SignaturePad ref={ref} label="应敏的手写签名" onChange={onChange} />);
    const canvas = screen.getByRole('img', { name: '应敏的手写签名' }) as HTMLCanvasElement;
    expect(canvas.style.touchAction).toBe('none');
    expect(await ref.current!.toPng()).toBeNull(); // nothing drawn
    expect(screen.getByRole('button', { name: '清除重写' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );

    draw(canvas, [
      [20, 40],
      [60, 80],
      [100, 60],
      [140, 110],
      [180, 90],
    ]);
    // context created lazily on the first touch, backing store = CSS size × DPR
    expect(canvas.width).toBe(900);
    expect(canvas.height).toBe(600);
    expect(calls).toContain('setTransform(3,0,0,3,0,0)');
    // smoothing: quadratic curves through midpoints, in CSS pixels relative to the canvas
    expect(calls.some((c) => c.startsWith('quadraticCurveTo('))).toBe(true);
    expect(calls).toContain('moveTo(10,20)');
    expect(onChange).toHaveBeenLastCalledWith(true);
    expect(ref.current!.isEmpty()).toBe(false);

    const png = await ref.current!.toPng();
    expect(png).toBe(PNG_B64);
    expect(atob(png!).slice(1, 4)).toBe('PNG');

    fireEvent.click(screen.getByRole('button', { name: '清除重写' }));
    expect(onChange).toHaveBeenLastCalledWith(false);
    expect(ref.current!.isEmpty()).toBe(true);
    expect(await ref.current!.toPng()).toBeNull();

    // redo
    act(() =>
      draw(canvas, [
        [30, 30],
        [90, 90],
      ]),
    );
    expect(await ref.current!.toPng()).toBe(PNG_B64);
  });
});
