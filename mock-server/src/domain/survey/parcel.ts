/**
 * 宗地界址 (parcel boundaries) of a 权籍调查 result: the boundary points (界址点) in CGCS2000 plane
 * coordinates (Gauss–Krüger, metres: x northing, y easting), the checks that the ring is closed
 * and simple, and how much two parcels overlap (docs/registry-facts.md §16: parcel polygons closed
 * and not overlapping parcels already entered). Pure.
 *
 * The overlap is an area, not a yes/no on the boundary: neighbouring parcels share 界址线 and
 * 界址点, so touching is not overlapping. Both rings are cut into triangles (ear clipping) and
 * every pair of triangles is clipped against each other (convex clipping); the sum of the pieces
 * is the area of the intersection. Coordinates are shifted to a local origin first, so the
 * seven-digit northings keep their centimetres.
 */

export interface BoundaryPoint {
  /** 纵坐标 X (northing), metres */
  x: number;
  /** 横坐标 Y (easting, with the zone number), metres */
  y: number;
}

/** Two points closer than this (metres) are the same 界址点 (the survey's 1 cm resolution). */
export const POINT_TOLERANCE_M = 0.005;
/** Overlaps smaller than this (㎡) are rounding of shared boundaries, not an overlap. */
export const OVERLAP_TOLERANCE_M2 = 0.01;

export type RingProblem =
  'tooFewPoints' | 'notClosed' | 'notFinite' | 'selfIntersecting' | 'noArea';

export const RING_PROBLEM_MESSAGES: Record<RingProblem, string> = {
  tooFewPoints: '宗地界址点不足：闭合的界址线至少需要3个不同的界址点',
  notClosed: '宗地界址线未闭合：最后一个界址点须与第一个界址点相同',
  notFinite: '宗地界址点坐标须为有效数字（CGCS2000 平面坐标，单位米）',
  selfIntersecting: '宗地界址线自相交',
  noArea: '宗地面积为零',
};

type P = { x: number; y: number };

const same = (a: P, b: P) =>
  Math.abs(a.x - b.x) <= POINT_TOLERANCE_M && Math.abs(a.y - b.y) <= POINT_TOLERANCE_M;

const cross = (o: P, a: P, b: P) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** Signed area of an open ring (positive counter-clockwise in x-y axes), ㎡. */
export function signedArea(ring: readonly P[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    s += a.x * b.y - b.x * a.y;
  }
  return s / 2;
}

/** Whether segments ab and cd meet anywhere (touching counts). */
function segmentsMeet(a: P, b: P, c: P, d: P): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return true;
  const on = (p: P, q: P, r: P) =>
    Math.abs(cross(p, q, r)) < 1e-9 &&
    Math.min(p.x, q.x) - 1e-9 <= r.x &&
    r.x <= Math.max(p.x, q.x) + 1e-9 &&
    Math.min(p.y, q.y) - 1e-9 <= r.y &&
    r.y <= Math.max(p.y, q.y) + 1e-9;
  return on(c, d, a) || on(c, d, b) || on(a, b, c) || on(a, b, d);
}

export type RingCheck = { ok: true; ring: BoundaryPoint[] } | { ok: false; problem: RingProblem };

/**
 * Checks a boundary as submitted (closed: the last point repeats the first) and answers the open
 * ring (without the repeated point): finite coordinates, closed, at least 3 distinct points, no
 * edge crossing or touching another that is not its neighbour, an area.
 */
export function checkBoundary(points: readonly BoundaryPoint[]): RingCheck {
  if (points.some((p) => !Number.isFinite(p?.x) || !Number.isFinite(p?.y)))
    return { ok: false, problem: 'notFinite' };
  if (points.length < 2) return { ok: false, problem: 'tooFewPoints' };
  if (!same(points[0], points[points.length - 1])) return { ok: false, problem: 'notClosed' };
  const ring = points.slice(0, -1).map((p) => ({ x: p.x, y: p.y }));
  if (ring.length < 3) return { ok: false, problem: 'tooFewPoints' };
  for (let i = 0; i < ring.length; i++)
    for (let j = i + 1; j < ring.length; j++)
      if (same(ring[i], ring[j])) return { ok: false, problem: 'selfIntersecting' };
  const o = ring[0];
  const local = ring.map((p) => ({ x: p.x - o.x, y: p.y - o.y }));
  const n = local.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // neighbours share a point by construction
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(local[i], local[(i + 1) % n], local[j], local[(j + 1) % n]))
        return { ok: false, problem: 'selfIntersecting' };
    }
  }
  if (Math.abs(signedArea(local)) < OVERLAP_TOLERANCE_M2) return { ok: false, problem: 'noArea' };
  return { ok: true, ring };
}

/** The area of a checked open ring, ㎡ (two decimals). */
export const ringArea = (ring: readonly BoundaryPoint[]): number => {
  const o = ring[0];
  return (
    Math.round(Math.abs(signedArea(ring.map((p) => ({ x: p.x - o.x, y: p.y - o.y })))) * 100) / 100
  );
};

/** The bounding box of a ring (to find the parcels worth comparing). */
export function boundsOf(ring: readonly BoundaryPoint[]) {
  return {
    minX: Math.min(...ring.map((p) => p.x)),
    maxX: Math.max(...ring.map((p) => p.x)),
    minY: Math.min(...ring.map((p) => p.y)),
    maxY: Math.max(...ring.map((p) => p.y)),
  };
}

/** Ear clipping of a simple counter-clockwise ring into triangles. */
function triangulate(ccw: readonly P[]): [P, P, P][] {
  const pts = [...ccw];
  const out: [P, P, P][] = [];
  let guard = 0;
  while (pts.length > 3 && guard++ < 10_000) {
    let clipped = false;
    for (let i = 0; i < pts.length; i++) {
      const a = pts[(i + pts.length - 1) % pts.length];
      const b = pts[i];
      const c = pts[(i + 1) % pts.length];
      const turn = cross(a, b, c);
      if (turn <= 0) continue; // reflex or flat: not an ear
      const inside = pts.some(
        (p) =>
          p !== a &&
          p !== b &&
          p !== c &&
          cross(a, b, p) >= 0 &&
          cross(b, c, p) >= 0 &&
          cross(c, a, p) >= 0,
      );
      if (inside) continue;
      out.push([a, b, c]);
      pts.splice(i, 1);
      clipped = true;
      break;
    }
    // only collinear points left: the rest has no area
    if (!clipped) return out;
  }
  if (pts.length === 3 && cross(pts[0], pts[1], pts[2]) > 0) out.push([pts[0], pts[1], pts[2]]);
  return out;
}

/** Sutherland–Hodgman: a convex counter-clockwise polygon clipped by another. */
function clipConvex(subject: readonly P[], clip: readonly P[]): P[] {
  let output = [...subject];
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i];
    const b = clip[(i + 1) % clip.length];
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j];
      const q = input[(j + 1) % input.length];
      const pin = cross(a, b, p) >= 0;
      const qin = cross(a, b, q) >= 0;
      if (pin) output.push(p);
      if (pin !== qin) {
        const dp = cross(a, b, p);
        const dq = cross(a, b, q);
        const t = dp / (dp - dq);
        output.push({ x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
      }
    }
  }
  return output;
}

/**
 * The area (㎡) two checked rings have in common: 0 for parcels that only share boundary lines
 * or points.
 */
export function overlapArea(a: readonly BoundaryPoint[], b: readonly BoundaryPoint[]): number {
  const o = a[0];
  const local = (r: readonly BoundaryPoint[]) => {
    const l = r.map((p) => ({ x: p.x - o.x, y: p.y - o.y }));
    return signedArea(l) < 0 ? l.reverse() : l;
  };
  const ta = triangulate(local(a));
  const tb = triangulate(local(b));
  let sum = 0;
  for (const s of ta)
    for (const t of tb) {
      const piece = clipConvex(s, t);
      if (piece.length >= 3) sum += Math.abs(signedArea(piece));
    }
  return sum;
}

/** Whether two checked rings overlap by more than the tolerance. */
export const overlaps = (a: readonly BoundaryPoint[], b: readonly BoundaryPoint[]): boolean =>
  overlapArea(a, b) > OVERLAP_TOLERANCE_M2;
