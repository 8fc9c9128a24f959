/**
 * Face verification and camera, per container — the PlatformAdapter's face capability. It lives
 * in its own module (not on the adapter object) so the camera code loads with the login and face
 * pages only, never with the first page.
 *
 *   h5      getUserMedia (front camera) + canvas JPEG frames; the app shows prompts.
 *   zlb     浙里办: ZWJSBridge.ssoTicket() for login, ZWJSBridge.zmAuthentication() for step-up
 *           (docs/registry-facts.md §10); the camera flow stays available as a fallback.
 *   weapp / alipay: the camera-frame flow through the <Camera> component and
 *           Taro.createCameraContext().takePhoto(). The platforms' own face APIs
 *           (wx.startFacialRecognitionVerify, my.ap.faceVerify) need merchant credentials and a
 *           server-side certify flow we cannot have, so they are not used.
 */
import Taro from '@tarojs/taro';
import { getPlatform } from './index';
import type { PlatformName } from './types';
import { isoInstant } from '@/shared/lib/time';

/** One camera frame: base64 JPEG without a data: prefix. */
export interface CapturedFrame {
  data: string;
  bytes: number;
  capturedAt: string;
}

export type CameraProblem = 'denied' | 'unavailable' | 'unsupported' | 'failed' | 'tooLarge';

export const CAMERA_MESSAGES: Record<CameraProblem, string> = {
  denied:
    '摄像头权限被拒绝。刷脸验证需要使用前置摄像头：请在浏览器或手机的设置中允许本页面使用摄像头，然后点“重试”。',
  unavailable: '没有找到可用的摄像头。请换用带前置摄像头的手机，或到登记窗口办理。',
  unsupported:
    '当前浏览器无法使用摄像头（需要安全连接和较新的浏览器）。请在浙里办或手机自带浏览器中打开。',
  failed: '摄像头启动失败，请关闭其他正在使用摄像头的应用后点“重试”。',
  tooLarge: '照片过大，无法上传，请点“重试”。',
};

export class CameraError extends Error {
  readonly problem: CameraProblem;
  constructor(problem: CameraProblem, detail?: string) {
    super(CAMERA_MESSAGES[problem]);
    this.name = 'CameraError';
    this.problem = problem;
    if (detail) this.cause = detail;
  }
}

export interface CameraSession {
  /** One JPEG frame of at most maxBytes (decoded). */
  capture(maxBytes: number): Promise<CapturedFrame>;
  stop(): void;
}

/** Where the preview shows: an H5 <video> element, or the mini-program <Camera> component. */
export type CameraTarget = { video: HTMLVideoElement } | { cameraId?: string };

export interface ZmAuthResult {
  pass: boolean;
  passId: string;
}

export interface FaceCapability {
  /** 'camera': the app runs its own camera screen; 'zlb': 浙里办 verifies, the app forwards ids */
  readonly kind: 'camera' | 'zlb';
  readonly platform: PlatformName;
  openCamera(target: CameraTarget): Promise<CameraSession>;
  /**
   * H5 only: the 演示摄像头 (moving synthetic frames, marked 演示), offered by the face page only
   * when the identity platform simulator says it takes them (demoCamera in the challenge)
   */
  openDemoCamera?(target: CameraTarget): Promise<CameraSession>;
  /** 浙里办 only: the signed-in 浙里办 user's single sign-on ticket */
  ssoTicket?(): Promise<string>;
  /** 浙里办 only: 浙里办's own face check of this person */
  zmAuthentication?(certNo: string, certName: string): Promise<ZmAuthResult>;
}

// ---------------------------------------------------------------- H5

interface MediaLike {
  getUserMedia?: (c: MediaStreamConstraints) => Promise<MediaStream>;
}

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = (error as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return 'denied';
  }
  if (
    name === 'NotFoundError' ||
    name === 'OverconstrainedError' ||
    name === 'DevicesNotFoundError'
  ) {
    return 'unavailable';
  }
  return 'failed';
}

/** base64 payload length → decoded bytes */
export function base64Bytes(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

/** Draws the video into a canvas ≤ 640 px wide and encodes JPEG, lowering quality to fit. */
export function captureVideoFrame(
  video: HTMLVideoElement,
  doc: Document,
  maxBytes: number,
  now: () => Date = () => new Date(),
): CapturedFrame {
  const w = video.videoWidth || 640;
  const h = video.videoHeight || 480;
  const scale = Math.min(1, 640 / w);
  const canvas = doc.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new CameraError('failed', 'no 2d context');
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  return encodeJpeg(canvas, maxBytes, now);
}

/** A canvas as one JPEG frame of at most maxBytes, lowering the quality until it fits. */
export function encodeJpeg(
  canvas: HTMLCanvasElement,
  maxBytes: number,
  now: () => Date = () => new Date(),
): CapturedFrame {
  for (const quality of [0.85, 0.7, 0.55, 0.4, 0.25]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    const data = url.slice(url.indexOf(',') + 1);
    const bytes = base64Bytes(data);
    if (url.startsWith('data:image/jpeg') && bytes <= maxBytes) {
      return { data, bytes, capturedAt: isoInstant(now()) };
    }
  }
  throw new CameraError('tooLarge');
}

export function createH5Face(
  media: MediaLike | undefined = typeof navigator !== 'undefined'
    ? navigator.mediaDevices
    : undefined,
  platform: PlatformName = 'h5',
): FaceCapability {
  return {
    kind: 'camera',
    platform,
    async openDemoCamera(target) {
      // loaded only when asked for: nobody outside a demonstration downloads it
      const { openDemoCamera } = await import('./demoCamera');
      return openDemoCamera(target, { doc: document });
    },
    async openCamera(target) {
      if (!('video' in target)) throw new CameraError('unsupported');
      if (!media || typeof media.getUserMedia !== 'function') {
        throw new CameraError('unsupported');
      }
      let stream: MediaStream;
      try {
        stream = await media.getUserMedia({
          video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
          audio: false,
        });
      } catch (e) {
        throw new CameraError(cameraProblemOf(e), String((e as Error)?.message ?? e));
      }
      const video = target.video;
      video.muted = true;
      video.setAttribute('playsinline', 'true');
      video.srcObject = stream;
      try {
        await video.play();
      } catch {
        /* autoplay of a muted inline video is allowed; frames still arrive */
      }
      return {
        async capture(maxBytes) {
          if (video.readyState < 2) {
            await new Promise<void>((resolve) => {
              const done = () => resolve();
              video.addEventListener('loadeddata', done, { once: true });
              setTimeout(done, 2000);
            });
          }
          return captureVideoFrame(video, video.ownerDocument, maxBytes);
        },
        stop() {
          stream.getTracks().forEach((t) => t.stop());
          video.srcObject = null;
        },
      };
    },
  };
}

// ---------------------------------------------------------------- 浙里办

/** The face part of ZWJSBridge (docs/registry-facts.md §10). */
export interface ZwjsFaceBridge {
  onReady?(cb: () => void): void;
  ssoTicket?(options?: object): Promise<unknown>;
  zmAuthentication?(options: { certNo: string; certName: string }): Promise<unknown>;
}

/** 1001 认证失败, 1003 姓名与身份证号不一致 */
export const ZLB_ERROR_MESSAGES: Record<string, string> = {
  '1001': '浙里办人脸认证未通过，请重试。',
  '1003': '姓名与公民身份号码不一致，请核对后重试。',
};

export class ZlbError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(ZLB_ERROR_MESSAGES[code] ?? message ?? '浙里办认证失败，请重试。');
    this.name = 'ZlbError';
    this.code = code;
  }
}

function zlbFailure(e: unknown): ZlbError {
  const o = (e ?? {}) as { code?: unknown; errorCode?: unknown; message?: unknown };
  const code = String(o.code ?? o.errorCode ?? '');
  return new ZlbError(code, typeof o.message === 'string' ? o.message : undefined);
}

export function createZlbFace(bridge: ZwjsFaceBridge, camera: FaceCapability): FaceCapability {
  let ready: Promise<void> | undefined;
  const whenReady = () =>
    (ready ??= new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 3000);
      try {
        if (!bridge.onReady) throw new Error('no onReady');
        bridge.onReady(() => {
          clearTimeout(t);
          resolve();
        });
      } catch {
        clearTimeout(t);
        resolve();
      }
    }));
  return {
    kind: 'zlb',
    platform: 'zlb',
    openCamera: (target) => camera.openCamera(target),
    async ssoTicket() {
      await whenReady();
      if (!bridge.ssoTicket) throw new ZlbError('unsupported', '当前浙里办版本不支持单点登录');
      let res: unknown;
      try {
        res = await bridge.ssoTicket({});
      } catch (e) {
        throw zlbFailure(e);
      }
      const ticketId = (res as { ticketId?: unknown } | null)?.ticketId;
      if (typeof ticketId !== 'string' || ticketId === '') {
        throw new ZlbError('noTicket', '未取得浙里办登录票据，请确认已登录浙里办');
      }
      return ticketId;
    },
    async zmAuthentication(certNo, certName) {
      await whenReady();
      if (!bridge.zmAuthentication)
        throw new ZlbError('unsupported', '当前浙里办版本不支持刷脸认证');
      let res: unknown;
      try {
        res = await bridge.zmAuthentication({ certNo, certName });
      } catch (e) {
        throw zlbFailure(e);
      }
      const r = (res ?? {}) as { pass?: unknown; passId?: unknown };
      if (r.pass !== true && r.pass !== 'true') throw new ZlbError('1001');
      return { pass: true, passId: String(r.passId ?? '') };
    },
  };
}

// ---------------------------------------------------------------- weapp / alipay

/** The Taro APIs the mini-program camera flow uses; injectable for tests. */
export interface MiniCameraApi {
  createCameraContext(id?: string): {
    takePhoto(o: {
      quality?: 'high' | 'normal' | 'low';
      success?: (r: { tempImagePath: string }) => void;
      fail?: (e: { errMsg?: string }) => void;
    }): void;
  };
  readFileBase64(path: string): Promise<string>;
  authorizeCamera(): Promise<boolean>;
}

export function createMiniFace(name: 'weapp' | 'alipay', api: MiniCameraApi): FaceCapability {
  return {
    kind: 'camera',
    platform: name,
    async openCamera(target) {
      if (!(await api.authorizeCamera().catch(() => false))) throw new CameraError('denied');
      const ctx = api.createCameraContext('cameraId' in target ? target.cameraId : undefined);
      return {
        async capture(maxBytes) {
          const path = await new Promise<string>((resolve, reject) =>
            ctx.takePhoto({
              quality: 'low',
              success: (r) => resolve(r.tempImagePath),
              fail: (e) => reject(new CameraError('failed', e?.errMsg)),
            }),
          );
          const data = await api.readFileBase64(path);
          const bytes = base64Bytes(data);
          if (bytes > maxBytes) throw new CameraError('tooLarge');
          return { data, bytes, capturedAt: isoInstant() };
        },
        stop: () => undefined,
      };
    },
  };
}

function taroMiniApi(): MiniCameraApi {
  return {
    createCameraContext: (id) =>
      (
        Taro.createCameraContext as (
          id?: string,
        ) => ReturnType<MiniCameraApi['createCameraContext']>
      )(id),
    readFileBase64: (filePath) =>
      new Promise((resolve, reject) =>
        Taro.getFileSystemManager().readFile({
          filePath,
          encoding: 'base64',
          success: (r) => resolve(String(r.data)),
          fail: (e) => reject(new CameraError('failed', e.errMsg)),
        }),
      ),
    // alipay asks for the camera when <Camera> mounts; weapp needs scope.camera first
    authorizeCamera: () =>
      process.env.TARO_ENV === 'alipay'
        ? Promise.resolve(true)
        : Taro.authorize({ scope: 'scope.camera' }).then(
            () => true,
            () => false,
          ),
  };
}

// ---------------------------------------------------------------- selection

let face: FaceCapability | undefined;

function createFace(): FaceCapability {
  if (process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay') {
    return createMiniFace(process.env.TARO_ENV, taroMiniApi());
  }
  const h5 = createH5Face();
  if (getPlatform().name === 'zlb') {
    const bridge = (window as unknown as { ZWJSBridge?: ZwjsFaceBridge }).ZWJSBridge;
    if (bridge) return createZlbFace(bridge, h5);
  }
  return h5;
}

/** The face capability of the container the app runs in. */
export function getFace(): FaceCapability {
  return (face ??= createFace());
}

/** Tests replace it; nothing = detect again. */
export function setFace(next: FaceCapability | undefined): void {
  face = next;
}
