/**
 * Handwriting strokes for the signature pad: points in CSS pixels, smoothed by drawing quadratic
 * curves through the midpoints of successive points (no corners at sampling points), and a
 * little jitter filter that drops points closer than `minDistance` to the previous one.
 */
export interface Point {
  x: number;
  y: number;
}
export type Stroke = Point[];

/** What the drawing needs of a 2D context (CanvasRenderingContext2D and mini 2d canvases). */
export interface Ctx2D {
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  stroke(): void;
  fill(): void;
}

export const MIN_DISTANCE = 1.5;

export function addPoint(stroke: Stroke, p: Point, minDistance = MIN_DISTANCE): boolean {
  const last = stroke[stroke.length - 1];
  if (last && Math.hypot(p.x - last.x, p.y - last.y) < minDistance) return false;
  stroke.push(p);
  return true;
}

const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/** Draws one stroke, smoothed. A single tap draws a dot. */
export function drawStroke(ctx: Ctx2D, s: Stroke, lineWidth: number): void {
  if (s.length === 0) return;
  ctx.beginPath();
  if (s.length === 1) {
    ctx.arc(s[0].x, s[0].y, lineWidth / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.moveTo(s[0].x, s[0].y);
  for (let i = 1; i < s.length - 1; i++) {
    const m = mid(s[i], s[i + 1]);
    ctx.quadraticCurveTo(s[i].x, s[i].y, m.x, m.y);
  }
  const last = s[s.length - 1];
  ctx.lineTo(last.x, last.y);
  ctx.stroke();
}

/** Total length of the strokes in px: a "signature" shorter than this is treated as empty. */
export function inkLength(strokes: Stroke[]): number {
  let len = 0;
  for (const s of strokes) {
    for (let i = 1; i < s.length; i++) len += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y);
  }
  return len;
}

/** Backing-store size for a CSS size at a device pixel ratio (capped at 3). */
export function backingSize(cssWidth: number, cssHeight: number, dpr: number) {
  const r = Math.min(3, Math.max(1, dpr || 1));
  return { width: Math.round(cssWidth * r), height: Math.round(cssHeight * r), ratio: r };
}
