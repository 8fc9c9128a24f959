import type { FaceFrame, FaceStartResponse } from '@contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from '@/shared/api';
import { getPlatform } from '@/shared/platform';
import {
  CameraError,
  getFace,
  type CameraSession,
  type CameraTarget,
} from '@/shared/platform/face';
import { signIn } from '@/shared/session';
import { completeFace, completeStepUp, deviceName, startFace, startStepUp } from './api';
import { challengeDeadline, challengeSteps, FIX_ENTRY_CODES, type ActionPrompt } from './prompts';

export type FacePurpose = 'login' | 'stepup';

export type FacePhase =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'camera' }
  | { kind: 'capturing'; step: number; steps: ActionPrompt[]; frames: number; deadline: number }
  | { kind: 'submitting' }
  | { kind: 'success' }
  | {
      kind: 'error';
      code: string;
      message: string;
      /** trying again may help */
      canRetry: boolean;
      /** the name or number must be corrected on the login page */
      fixEntry: boolean;
    };

export interface FaceCheckOptions {
  purpose: FacePurpose;
  claim: { name: string; idNumber: string };
  /** where the camera preview goes */
  target: () => CameraTarget | null;
  /** how long each prompt stays before its frame is taken */
  stepMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const EXPIRED_LOCALLY = '本次刷脸已超过 120 秒，请点“重试”重新开始。';

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function failure(e: unknown): Extract<FacePhase, { kind: 'error' }> {
  if (e instanceof CameraError) {
    return {
      kind: 'error',
      code: `CAMERA_${e.problem.toUpperCase()}`,
      message: e.message,
      canRetry: e.problem !== 'unavailable' && e.problem !== 'unsupported',
      fixEntry: false,
    };
  }
  const err = toApiError(e);
  return {
    kind: 'error',
    code: err.code,
    message: err.message,
    canRetry: !FIX_ENTRY_CODES.has(err.code) && err.code !== 'LOCKED_OUT',
    fixEntry: FIX_ENTRY_CODES.has(err.code),
  };
}

/**
 * The camera face check: start (challenge) → camera → one frame facing the screen and one per
 * action, each prompt shown in order within the 120 s window → submit → signed in (login) or
 * fresh step-up. `run()` starts (and restarts, for 重试) the whole check.
 */
export function useFaceCheck({
  purpose,
  claim,
  target,
  stepMs = 1800,
  sleep = realSleep,
}: FaceCheckOptions) {
  const [phase, setPhase] = useState<FacePhase>({ kind: 'idle' });
  // the identity platform simulator takes the 演示摄像头 (it says so in its challenge); a real
  // platform never does, and then the page does not offer it
  const [demoOffered, setDemoOffered] = useState(false);
  const [demoOn, setDemoOn] = useState(false);
  const runId = useRef(0);
  const camera = useRef<CameraSession | null>(null);

  const stopCamera = () => {
    camera.current?.stop();
    camera.current = null;
  };

  /** starts the check; `demo`: with the 演示摄像头, if the platform takes it */
  const run = useCallback(
    async (options: { demo?: boolean } = {}) => {
      const my = ++runId.current;
      const live = () => runId.current === my;
      stopCamera();
      setPhase({ kind: 'starting' });
      try {
        const start: FaceStartResponse =
          purpose === 'login' ? await startFace(claim.name, claim.idNumber) : await startStepUp();
        if (!live()) return;
        const deadline = challengeDeadline(start.challenge.expiresAt, Date.now());
        const face = getFace();
        const demoTaken = start.demoCamera === true && !!face.openDemoCamera;
        setDemoOffered(demoTaken);
        const demo = demoTaken && options.demo === true;
        setDemoOn(demo);
        setPhase({ kind: 'camera' });
        const where = target();
        if (!where) throw new CameraError('unsupported');
        const session =
          demo && face.openDemoCamera
            ? await face.openDemoCamera(where)
            : await face.openCamera(where);
        if (!live()) {
          session.stop();
          return;
        }
        camera.current = session;
        const steps = challengeSteps(start.challenge.actions);
        const frames: FaceFrame[] = [];
        const shoot = async (step: number) => {
          setPhase({ kind: 'capturing', step, steps, frames: frames.length, deadline });
          // the identity platform's pace when it gives one
          await sleep(start.promptMs ?? stepMs);
          if (!live()) return false;
          if (Date.now() > deadline) {
            throw Object.assign(new Error(EXPIRED_LOCALLY), { local: true });
          }
          const f = await session.capture(start.maxFrameBytes);
          frames.push({ data: f.data, capturedAt: f.capturedAt });
          return true;
        };
        for (let i = 0; i < steps.length; i++) if (!(await shoot(i))) return;
        // a challenge with fewer steps than the minimum: more frames on the last prompt
        while (frames.length < start.minFrames) if (!(await shoot(steps.length - 1))) return;
        stopCamera();
        setPhase({ kind: 'submitting' });
        if (purpose === 'login') {
          signIn(await completeFace(start.certifyId, frames, deviceName(getPlatform().name)));
        } else {
          await completeStepUp(start.certifyId, frames);
        }
        if (!live()) return;
        setPhase({ kind: 'success' });
      } catch (e) {
        stopCamera();
        if (!live()) return;
        if ((e as { local?: boolean }).local) {
          setPhase({
            kind: 'error',
            code: 'CHALLENGE_EXPIRED',
            message: EXPIRED_LOCALLY,
            canRetry: true,
            fixEntry: false,
          });
        } else {
          setPhase(failure(e));
        }
      }
    },
    [purpose, claim.name, claim.idNumber, target, stepMs, sleep],
  );

  // leaving the page stops the camera and any run in progress
  useEffect(
    () => () => {
      runId.current++;
      stopCamera();
    },
    [],
  );

  return { phase, run, demoOffered, demoOn };
}
