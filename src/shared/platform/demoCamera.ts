/**
 * 演示摄像头: a camera without a camera, for trying the app in a desktop browser (README
 * 不用手机试一试). It draws a moving cartoon face on a canvas, clearly marked 演示, with the time
 * and a little noise in every picture, so no two frames are alike: the identity platform
 * simulator, which refuses a frame it has seen before, takes them like a real camera's.
 *
 * The face page offers it only when the server's face check says the simulator is answering
 * (`demoCamera` in the challenge, SIMULATORS_ENABLED); a real identity platform never does, and
 * nothing here is reachable otherwise. H5 only (a desktop browser).
 */
import { dateTime } from '@/shared/lib/time';
import { CameraError, encodeJpeg, type CameraSession, type CameraTarget } from './face';

export const DEMO_LABEL = '演示摄像头 · 合成画面';

const WIDTH = 480;
const HEIGHT = 360;

export interface DemoCameraDeps {
  doc: Document;
  now?: () => Date;
  random?: () => number;
}

/** One picture of the demonstration at `t` ms: a face that sways and nods, and the labels. */
export function drawDemoFrame(
  ctx: CanvasRenderingContext2D,
  t: number,
  stamp: string,
  random: () => number,
): void {
  ctx.fillStyle = '#dfe8f3';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  // the face moves: side to side, up and down, the mouth opens and the eyes blink now and then
  const cx = WIDTH / 2 + Math.sin(t / 700) * 40;
  const cy = HEIGHT / 2 + Math.cos(t / 900) * 14;
  const open = (Math.sin(t / 400) + 1) / 2;
  const blink = Math.floor(t / 1300) % 3 === 0 && t % 1300 < 180;
  ctx.fillStyle = '#f2c9a0';
  ctx.beginPath();
  ctx.ellipse(cx, cy, 80, 100, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#3a2a1a';
  for (const dx of [-30, 30]) {
    ctx.beginPath();
    ctx.ellipse(cx + dx, cy - 25, 10, blink ? 2 : 9, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillStyle = '#a0404a';
  ctx.beginPath();
  ctx.ellipse(cx, cy + 45, 26, 4 + open * 16, 0, 0, Math.PI * 2);
  ctx.fill();
  // sensor noise: a real camera never gives the same picture twice
  for (let i = 0; i < 40; i++) {
    const v = Math.floor(random() * 256);
    ctx.fillStyle = `rgb(${v},${(v * 7) % 256},${(v * 13) % 256})`;
    ctx.fillRect(Math.floor(random() * WIDTH), Math.floor(random() * HEIGHT), 3, 3);
  }
  // the marks: nobody may take this for a person's face
  ctx.fillStyle = 'rgba(176, 0, 32, 0.9)';
  ctx.fillRect(0, 0, WIDTH, 40);
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 22px sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText(`演示 ${DEMO_LABEL}`, 12, 20);
  ctx.fillStyle = '#1f1f1f';
  ctx.font = '16px sans-serif';
  ctx.fillText(stamp, 12, HEIGHT - 16);
}

/**
 * Opens the demonstration camera: the picture is drawn about 15 times a second into the page's
 * <video> (as a stream, where the browser can) and each capture is a fresh JPEG of it.
 */
export function openDemoCamera(target: CameraTarget, deps: DemoCameraDeps): CameraSession {
  if (!('video' in target)) throw new CameraError('unsupported');
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const canvas = deps.doc.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new CameraError('failed', 'no 2d context');
  const started = now().getTime();
  let frame = 0;
  const draw = () => {
    frame += 1;
    const at = now();
    drawDemoFrame(ctx, at.getTime() - started, `${dateTime(at)} · 第 ${frame} 帧`, random);
  };
  draw();
  const timer = setInterval(draw, 66);
  const video = target.video;
  const stream = (canvas as { captureStream?: (fps: number) => MediaStream }).captureStream?.(15);
  if (stream) {
    video.muted = true;
    video.srcObject = stream;
    void video.play()?.catch(() => undefined);
  }
  return {
    async capture(maxBytes) {
      draw();
      return encodeJpeg(canvas, maxBytes, now);
    },
    stop() {
      clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
      if (stream) video.srcObject = null;
    },
  };
}
