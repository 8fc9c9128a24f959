/**
 * Scanning QR codes, per container — the PlatformAdapter's scan capability. Like the
 * face capability it lives in its own module so that the decoder loads with the 扫码核验 page
 * only, never with the first page.
 *
 *   weapp / alipay: Taro.scanCode (the container's own scanner)
 *   zlb            浙里办: ZWJSBridge.scan({ type: 'qrCode' }) → { text }
 *   h5             the rear camera in a <video> and jsQR on canvas frames (loaded on demand);
 *                  also decodes a chosen photo of a QR code
 */
import Taro from '@tarojs/taro';
import type { PlatformName } from './types';

export type ScanProblem = 'cancelled' | 'denied' | 'unsupported' | 'failed' | 'notFound';

export const SCAN_MESSAGES: Record<ScanProblem, string> = {
  cancelled: '已取消扫码',
  denied: '摄像头权限被拒绝，请在设置中允许使用摄像头，或输入6位核验码',
  unsupported: '当前环境无法扫码，请输入6位核验码',
  failed: '扫码失败，请重试或输入6位核验码',
  notFound: '没有识别到二维码，请对准二维码或换一张更清晰的图片',
};

export class ScanError extends Error {
  readonly problem: ScanProblem;
  constructor(problem: ScanProblem) {
    super(SCAN_MESSAGES[problem]);
    this.name = 'ScanError';
    this.problem = problem;
  }
}

export interface ScanCapability {
  /** 'native': the container scans (scan()); 'camera': the app shows the camera (openScanner()) */
  readonly kind: 'native' | 'camera';
  readonly platform: PlatformName;
  scan?(): Promise<string>;
  /** H5: streams the rear camera into `video` and calls onText once a QR code is read */
  openScanner?(video: HTMLVideoElement, onText: (text: string) => void): Promise<() => void>;
  /** H5: reads the QR code in a picture */
  decodeImage?(file: Blob): Promise<string>;
}

interface ZlbScanBridge {
  scan?: (o: { type: string }) => Promise<{ text?: string; result?: string }>;
}

type Decode = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { data: string } | null;

let decoder: Promise<Decode> | undefined;
const loadDecoder = (): Promise<Decode> =>
  (decoder ??= import(/* webpackChunkName: "jsqr" */ 'jsqr').then(
    (m) => ((m as { default?: Decode }).default ?? (m as unknown as Decode)) as Decode,
  ));

function decodeCanvas(canvas: HTMLCanvasElement, decode: Decode): string | undefined {
  const ctx = canvas.getContext('2d', {
    willReadFrequently: true,
  } as CanvasRenderingContext2DSettings);
  if (!ctx) return undefined;
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return decode(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data;
}

function h5Scanner(platform: PlatformName): ScanCapability {
  return {
    kind: 'camera',
    platform,
    async openScanner(video, onText) {
      const media = navigator.mediaDevices;
      if (!media?.getUserMedia) throw new ScanError('unsupported');
      const decode = await loadDecoder();
      let stream: MediaStream;
      try {
        stream = await media.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (e) {
        const name = (e as { name?: string }).name;
        throw new ScanError(name === 'NotAllowedError' ? 'denied' : 'failed');
      }
      video.srcObject = stream;
      video.setAttribute('playsinline', 'true');
      await video.play().catch(() => undefined);
      const canvas = document.createElement('canvas');
      let done = false;
      const stop = () => {
        done = true;
        clearInterval(timer);
        stream.getTracks().forEach((t) => t.stop());
        video.srcObject = null;
      };
      const timer = setInterval(() => {
        if (done || !video.videoWidth) return;
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        canvas.getContext('2d')?.drawImage(video, 0, 0);
        const text = decodeCanvas(canvas, decode);
        if (text) {
          stop();
          onText(text);
        }
      }, 250);
      return stop;
    },
    async decodeImage(file) {
      const decode = await loadDecoder();
      const url = URL.createObjectURL(file);
      try {
        const img = await new Promise<HTMLImageElement>((resolve, reject) => {
          const i = new Image();
          i.onload = () => resolve(i);
          i.onerror = () => reject(new ScanError('failed'));
          i.src = url;
        });
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        canvas.getContext('2d')?.drawImage(img, 0, 0);
        const text = decodeCanvas(canvas, decode);
        if (!text) throw new ScanError('notFound');
        return text;
      } finally {
        URL.revokeObjectURL(url);
      }
    },
  };
}

/** The scan capability of the container the app runs in. */
export function getScanCapability(platform: PlatformName): ScanCapability {
  if (process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay') {
    return {
      kind: 'native',
      platform,
      async scan() {
        try {
          const r = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
          return r.result;
        } catch (e) {
          const msg = String((e as { errMsg?: string })?.errMsg ?? '');
          throw new ScanError(/cancel/i.test(msg) ? 'cancelled' : 'failed');
        }
      },
    };
  }
  const bridge = (window as unknown as { ZWJSBridge?: ZlbScanBridge }).ZWJSBridge;
  if (platform === 'zlb' && bridge?.scan) {
    const scanFn = bridge.scan.bind(bridge);
    return {
      ...h5Scanner(platform),
      kind: 'native',
      async scan() {
        try {
          const r = await scanFn({ type: 'qrCode' });
          const text = r?.text ?? r?.result;
          if (!text) throw new ScanError('notFound');
          return text;
        } catch (e) {
          if (e instanceof ScanError) throw e;
          throw new ScanError('failed');
        }
      },
    };
  }
  return h5Scanner(platform);
}
