/**
 * Handwritten signature pad. Not exported from ./index: it loads with the signing
 * pages only.
 *
 * H5: a plain <canvas> sized for devicePixelRatio, pointer events (mouse, pen and touch),
 * `touch-action: none` so a stroke does not pan the page, the 2D context created lazily on the
 * first pointer-down (toolchain.md). Mini-programs: <Canvas type="2d"> with touch events.
 * Exports a PNG (base64, no data: prefix) on a white background.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Canvas } from './controls';
import { forwardRef, useCallback, useImperativeHandle, useRef, useState } from 'react';
import {
  addPoint,
  backingSize,
  drawStroke,
  inkLength,
  type Point,
  type Stroke,
} from '../lib/strokes';
import { Button } from './Button';
import './signature.css';

export interface SignaturePadHandle {
  clear(): void;
  isEmpty(): boolean;
  /** base64 PNG without the data: prefix; null when nothing is drawn */
  toPng(): Promise<string | null>;
}

export interface SignaturePadProps {
  /** accessible name, e.g. "李国平的手写签名" */
  label: string;
  /** CSS height of the pad, px */
  height?: number;
  onChange?: (hasInk: boolean) => void;
  className?: string;
}

const LINE_WIDTH = 3;
/** below this much ink a signature is treated as empty */
const MIN_INK_PX = 24;
const isMini = () => process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay';

interface Surface {
  ctx: CanvasRenderingContext2D;
  canvas: HTMLCanvasElement;
  cssWidth: number;
  cssHeight: number;
}

function style(ctx: CanvasRenderingContext2D) {
  ctx.lineWidth = LINE_WIDTH;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#111';
  ctx.fillStyle = '#111';
}

export const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad(
  { label, height = 200, onChange, className },
  ref,
) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const surface = useRef<Surface | null>(null);
  const strokes = useRef<Stroke[]>([]);
  const current = useRef<Stroke | null>(null);
  const [hasInk, setHasInk] = useState(false);
  const idRef = useRef(`sig-${Math.random().toString(36).slice(2, 8)}`);

  const redraw = useCallback(() => {
    const s = surface.current;
    if (!s) return;
    s.ctx.clearRect(0, 0, s.cssWidth, s.cssHeight);
    style(s.ctx);
    for (const st of strokes.current) drawStroke(s.ctx, st, LINE_WIDTH);
  }, []);

  /** Lazily (first touch): size the backing store for the DPR and get the context. */
  const ensureH5 = useCallback((): Surface | null => {
    const canvas = canvasRef.current;
    if (!canvas) return null;
    const rect = canvas.getBoundingClientRect();
    const cssWidth = rect.width || canvas.clientWidth || 300;
    const cssHeight = rect.height || canvas.clientHeight || height;
    if (surface.current && surface.current.cssWidth === cssWidth) return surface.current;
    const b = backingSize(cssWidth, cssHeight, window.devicePixelRatio);
    canvas.width = b.width;
    canvas.height = b.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(b.ratio, 0, 0, b.ratio, 0, 0);
    surface.current = { ctx, canvas, cssWidth, cssHeight };
    redraw();
    return surface.current;
  }, [height, redraw]);

  const ensureMini = useCallback(
    () =>
      new Promise<Surface | null>((resolve) => {
        if (surface.current) return resolve(surface.current);
        Taro.createSelectorQuery()
          .select(`#${idRef.current}`)
          .fields({ node: true, size: true })
          .exec((res: Array<{ node?: HTMLCanvasElement; width: number; height: number }>) => {
            const r = res?.[0];
            if (!r?.node) return resolve(null);
            const canvas = r.node;
            const b = backingSize(r.width, r.height, Taro.getSystemInfoSync().pixelRatio);
            canvas.width = b.width;
            canvas.height = b.height;
            const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
            ctx.scale(b.ratio, b.ratio);
            surface.current = { ctx, canvas, cssWidth: r.width, cssHeight: r.height };
            resolve(surface.current);
          });
      }),
    [],
  );

  const settleInk = useCallback(() => {
    const ink = inkLength(strokes.current) >= MIN_INK_PX || strokes.current.some((s) => s.length);
    setHasInk(ink);
    onChange?.(ink);
  }, [onChange]);

  const begin = (s: Surface | null, p: Point) => {
    if (!s) return;
    current.current = [p];
    strokes.current.push(current.current);
    style(s.ctx);
    drawStroke(s.ctx, current.current, LINE_WIDTH);
  };
  const extend = (p: Point) => {
    const s = surface.current;
    const st = current.current;
    if (!s || !st) return;
    if (addPoint(st, p)) redraw();
  };
  const end = () => {
    if (!current.current) return;
    current.current = null;
    settleInk();
  };

  const clear = useCallback(() => {
    strokes.current = [];
    current.current = null;
    const s = surface.current;
    if (s) s.ctx.clearRect(0, 0, s.cssWidth, s.cssHeight);
    setHasInk(false);
    onChange?.(false);
  }, [onChange]);

  useImperativeHandle(
    ref,
    () => ({
      clear,
      isEmpty: () => strokes.current.length === 0,
      async toPng() {
        const s = surface.current;
        if (!s || strokes.current.length === 0) return null;
        if (isMini()) {
          const res = await Taro.canvasToTempFilePath({
            canvas: s.canvas as never,
            fileType: 'png',
          } as never);
          const data = await new Promise<string>((ok, fail) =>
            Taro.getFileSystemManager().readFile({
              filePath: (res as { tempFilePath: string }).tempFilePath,
              encoding: 'base64',
              success: (r) => ok(r.data as string),
              fail,
            }),
          );
          return data;
        }
        // white background under the ink, at the pad's backing resolution
        const out = document.createElement('canvas');
        out.width = s.canvas.width;
        out.height = s.canvas.height;
        const o = out.getContext('2d');
        if (!o) return s.canvas.toDataURL('image/png').replace(/^data:[^,]*,/, '');
        o.fillStyle = '#fff';
        o.fillRect(0, 0, out.width, out.height);
        o.drawImage(s.canvas, 0, 0);
        return out.toDataURL('image/png').replace(/^data:[^,]*,/, '');
      },
    }),
    [clear],
  );

  const pointOf = (e: { clientX: number; clientY: number }): Point => {
    const r = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const pad = isMini() ? (
    <Canvas
      type="2d"
      id={idRef.current}
      className="sig-pad__canvas"
      style={{ height: `${height}px` }}
      disableScroll
      onTouchStart={(e) => {
        const t = e.touches[0] as unknown as { x: number; y: number };
        void ensureMini().then((s) => begin(s, { x: t.x, y: t.y }));
      }}
      onTouchMove={(e) => {
        const t = e.touches[0] as unknown as { x: number; y: number };
        extend({ x: t.x, y: t.y });
      }}
      onTouchEnd={end}
    />
  ) : (
    <canvas
      ref={canvasRef}
      className="sig-pad__canvas"
      style={{ height: `${height}px`, touchAction: 'none' }}
      role="img"
      aria-label={label}
      onPointerDown={(e) => {
        e.preventDefault();
        try {
          e.currentTarget.setPointerCapture?.(e.pointerId);
        } catch {
          /* synthetic pointers cannot be captured */
        }
        begin(ensureH5(), pointOf(e));
      }}
      onPointerMove={(e) => {
        if (current.current) extend(pointOf(e));
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onPointerLeave={end}
    />
  );

  return (
    <View className={`sig-pad${className ? ` ${className}` : ''}`}>
      <View className="sig-pad__frame">
        {pad}
        {!hasInk ? (
          <Text className="sig-pad__hint" aria-hidden="true">
            请在此处用手指签写您的姓名
          </Text>
        ) : null}
      </View>
      <View className="sig-pad__actions">
        <Button variant="secondary" className="sig-pad__clear" onPress={clear} disabled={!hasInk}>
          清除重写
        </Button>
      </View>
    </View>
  );
});
