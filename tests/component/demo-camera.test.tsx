/**
 * 演示摄像头: with the identity platform simulator (its challenge says demoCamera) the face page
 * offers a demonstration camera, labelled 演示, whose moving synthetic frames are never alike;
 * without it (a real platform) there is no such offer.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FaceScreen } from '@/features/auth';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { openDemoCamera } from '@/shared/platform/demoCamera';
import { setFace, type CameraSession } from '@/shared/platform/face';
import { reloadSession, signIn, signOut } from '@/shared/session';
import { CHALLENGE, fakeCamera, LOGIN } from './auth-fakes';
import { fail, fakePlatform, serveRoutes } from './fakes';

const REPLAYED = fail({
  status: 422,
  code: 'FRAMES_REPLAYED',
  message: '检测到重复或已使用过的画面，请重新刷脸',
});

beforeEach(() => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
});
afterEach(() => {
  setFace(undefined);
  setApiClient(undefined);
  setPlatform(undefined);
  signOut();
});

function demoFace() {
  let n = 0;
  const demo = { opened: 0 };
  const camera = fakeCamera({
    async openDemoCamera() {
      demo.opened++;
      const session: CameraSession = {
        async capture() {
          n++;
          return { data: btoa(`demo-frame-${n}`), bytes: 12, capturedAt: new Date().toISOString() };
        },
        stop: () => undefined,
      };
      return session;
    },
  });
  setFace(camera.face);
  return { ...camera, demo };
}

it('a real identity platform: no demonstration camera is offered', async () => {
  const { demo } = demoFace();
  serveRoutes({
    'POST /auth/step-up/start': CHALLENGE,
    'POST /auth/step-up/complete': REPLAYED,
  });
  render(<FaceScreen purpose="stepup" stepMs={1} onStepUpDone={() => undefined} />);
  await screen.findByText('✕ 验证未通过');
  expect(screen.queryByRole('button', { name: '使用演示摄像头' })).toBeNull();
  expect(screen.queryByText(/演示/)).toBeNull();
  expect(demo.opened).toBe(0);
});

it('the simulator: 使用演示摄像头 runs the check on the demo camera, marked 演示, and passes', async () => {
  const { demo, stats } = demoFace();
  let completes = 0;
  const seen = serveRoutes({
    'POST /auth/step-up/start': { ...CHALLENGE, demoCamera: true },
    // the browser's own camera sent a picture seen before; the demo camera's are new
    'POST /auth/step-up/complete': () =>
      ++completes === 1 ? REPLAYED : { stepUpValidUntil: '2099-01-01T00:05:00Z' },
  });
  const done = jest.fn();
  render(<FaceScreen purpose="stepup" stepMs={1} onStepUpDone={done} />);
  await screen.findByText('✕ 验证未通过');
  expect(stats.opened).toBe(1);
  expect(screen.getByRole('note')).toHaveTextContent('演示环境');
  fireEvent.click(screen.getByRole('button', { name: '使用演示摄像头' }));
  await waitFor(() => expect(done).toHaveBeenCalled());
  expect(demo.opened).toBe(1);
  expect(stats.opened).toBe(1);
  const last = seen.filter((s) => s.key === 'POST /auth/step-up/complete').pop()!;
  const frames = (last.body as { frames: { data: string }[] }).frames.map((f) => atob(f.data));
  expect(frames.every((f) => f.startsWith('demo-frame-'))).toBe(true);
});

describe('the demonstration camera itself', () => {
  /** a canvas that records what is drawn; its JPEG is the text drawn and the noise placed */
  function fakeDoc() {
    const drawn: string[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_t, prop) =>
          prop === 'fillText'
            ? (text: string) => drawn.push(`text:${text}`)
            : prop === 'fillRect'
              ? (x: number, y: number) => drawn.push(`rect:${x},${y}`)
              : () => undefined,
        set: () => true,
      },
    );
    const canvas = {
      width: 0,
      height: 0,
      getContext: () => ctx,
      toDataURL: () =>
        `data:image/jpeg;base64,${Buffer.from(drawn.slice(-60).join('|')).toString('base64')}`,
    };
    return { doc: { createElement: () => canvas } as unknown as Document, drawn };
  }

  it('every frame differs, and each says 演示', async () => {
    jest.useFakeTimers();
    try {
      const { doc, drawn } = fakeDoc();
      const video = { muted: false } as unknown as HTMLVideoElement;
      let t = Date.parse('2026-12-08T01:00:00Z');
      const session = openDemoCamera({ video }, { doc, now: () => new Date((t += 700)) });
      const frames = [];
      for (let i = 0; i < 4; i++) frames.push((await session.capture(500_000)).data);
      session.stop();
      expect(new Set(frames).size).toBe(4);
      expect(drawn.filter((d) => d.startsWith('text:演示')).length).toBeGreaterThanOrEqual(4);
    } finally {
      jest.useRealTimers();
    }
  });
});
