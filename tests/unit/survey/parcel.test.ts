/**
 * Known answers for the parcel geometry of 权籍调查入库 (domain/survey/parcel.ts): a boundary is
 * closed and simple, and two parcels overlap by an area worked out by hand — neighbours that share
 * a boundary line or a point do not overlap; at CGCS2000 plane coordinates (seven-digit
 * northings) the centimetres are kept.
 */
import {
  checkBoundary,
  overlapArea,
  overlaps,
  ringArea,
  type BoundaryPoint,
} from '../../../mock-server/src/domain/survey/parcel';

const ring = (...pts: [number, number][]): BoundaryPoint[] => pts.map(([x, y]) => ({ x, y }));
const closed = (r: BoundaryPoint[]) => [...r, r[0]];
const rect = (x0: number, y0: number, w: number, h: number) =>
  ring([x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h]);

describe('checkBoundary', () => {
  it('accepts a closed simple ring and answers it open', () => {
    const r = checkBoundary(closed(rect(0, 0, 10, 10)));
    expect(r).toEqual({ ok: true, ring: rect(0, 0, 10, 10) });
  });
  it('names each problem', () => {
    expect(checkBoundary(rect(0, 0, 10, 10))).toEqual({ ok: false, problem: 'notClosed' });
    expect(checkBoundary(closed(ring([0, 0], [1, 1])))).toEqual({
      ok: false,
      problem: 'tooFewPoints',
    });
    // a bow tie: its edges cross
    expect(checkBoundary(closed(ring([0, 0], [10, 10], [10, 0], [0, 10])))).toEqual({
      ok: false,
      problem: 'selfIntersecting',
    });
    expect(checkBoundary(closed(ring([0, 0], [5, 0], [10, 0])))).toEqual({
      ok: false,
      problem: 'noArea',
    });
    expect(checkBoundary([{ x: NaN, y: 0 }])).toEqual({ ok: false, problem: 'notFinite' });
  });
  it('treats points within half a centimetre as the same 界址点', () => {
    const r = rect(0, 0, 10, 10);
    expect(checkBoundary([...r, { x: 0.004, y: -0.003 }]).ok).toBe(true);
    expect(checkBoundary([...r, { x: 0.02, y: 0 }])).toEqual({ ok: false, problem: 'notClosed' });
  });
});

describe('overlapArea', () => {
  const A = rect(0, 0, 2, 2);
  it('knows the area two squares share', () => {
    expect(overlapArea(A, rect(1, 0, 2, 2))).toBeCloseTo(2, 9);
    expect(overlapArea(A, rect(1, 1, 2, 2))).toBeCloseTo(1, 9);
    expect(overlapArea(A, A)).toBeCloseTo(4, 9);
    expect(overlapArea(rect(0, 0, 10, 10), rect(2, 3, 1, 1))).toBeCloseTo(1, 9);
  });
  it('does not count neighbours sharing an edge, part of one, or a corner', () => {
    expect(overlapArea(A, rect(2, 0, 2, 2))).toBeCloseTo(0, 9);
    expect(overlapArea(A, rect(2, 1, 2, 2))).toBeCloseTo(0, 9);
    expect(overlapArea(A, rect(2, 2, 2, 2))).toBeCloseTo(0, 9);
    expect(overlaps(A, rect(2, 0, 2, 2))).toBe(false);
    expect(overlaps(A, rect(5, 5, 1, 1))).toBe(false);
  });
  it('handles concave parcels (an L inside whose notch a square sits)', () => {
    // L: the 4×4 square without its top-right 2×2 quarter (area 12)
    const L = ring([0, 0], [4, 0], [4, 2], [2, 2], [2, 4], [0, 4]);
    expect(ringArea(L)).toBe(12);
    expect(overlapArea(L, rect(2, 2, 2, 2))).toBeCloseTo(0, 9);
    expect(overlapArea(L, rect(1, 1, 2, 2))).toBeCloseTo(4 - 1, 9);
    expect(overlapArea(L, rect(-1, -1, 6, 6))).toBeCloseTo(12, 9);
    // either orientation
    expect(overlapArea([...L].reverse(), rect(1, 1, 2, 2))).toBeCloseTo(3, 9);
  });
  it('keeps centimetres at CGCS2000 plane coordinates', () => {
    const x0 = 3171000.12;
    const y0 = 40512000.34;
    const a = rect(x0, y0, 40, 40);
    // 1 cm into the neighbour along a 40 m edge: 0.4 ㎡, an overlap
    expect(overlapArea(a, rect(x0 + 39.99, y0, 40, 40))).toBeCloseTo(0.4, 4);
    expect(overlaps(a, rect(x0 + 39.99, y0, 40, 40))).toBe(true);
    expect(overlaps(a, rect(x0 + 40, y0, 40, 40))).toBe(false);
    expect(ringArea(a)).toBe(1600);
  });
});
