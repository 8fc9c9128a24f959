/**
 * Copying a link and sharing it, per container — the PlatformAdapter's share capability. Like the
 * face and scan capabilities it lives in its own module (not re-exported from ./index), so it
 * loads with the pages that share (the invitation), never with the first page.
 *
 *   weapp / alipay  copy: Taro.setClipboardData. Share: the container's own 转发 sheet, opened by
 *                   a <Button openType="share"> whose page answers onShareAppMessage (a
 *                   mini-program cannot open the sheet from script).
 *   zlb             浙里办: the bridge's clipboard and share where this 浙里办 offers them
 *                   (feature-detected: not every version has them), else as in a browser.
 *   h5              copy: navigator.clipboard, else a hidden textarea and execCommand('copy')
 *                   (older WebViews, pages not served over https). Share: navigator.share where
 *                   the browser has it, else none (the page then offers copy only).
 */
import Taro from '@tarojs/taro';
import { getPlatform } from './index';
import type { PlatformName } from './types';

/** What is shared: a title, a sentence and the address to open. */
export interface ShareContent {
  title: string;
  text: string;
  url: string;
}

/**
 * How the container shares:
 *   'sheet'  share() opens the system's or the container's share sheet;
 *   'button' the page shows the container's native share button (mini-programs);
 *   'none'   no share here: copying the link is the way to pass it on.
 */
export type ShareKind = 'sheet' | 'button' | 'none';

export type ShareOutcome = 'shared' | 'cancelled';

export type ShareProblem = 'copyFailed' | 'shareFailed' | 'unsupported';

export const SHARE_MESSAGES: Record<ShareProblem, string> = {
  copyFailed: '复制失败，请长按链接文字手动复制',
  shareFailed: '分享失败，请复制链接后发给对方',
  unsupported: '当前环境不支持分享，请复制链接后发给对方',
};

export class ShareError extends Error {
  readonly problem: ShareProblem;
  constructor(problem: ShareProblem) {
    super(SHARE_MESSAGES[problem]);
    this.name = 'ShareError';
    this.problem = problem;
  }
}

export interface ShareCapability {
  readonly platform: PlatformName;
  readonly kind: ShareKind;
  /** Puts the text on the clipboard; rejects with ShareError('copyFailed'). */
  copy(text: string): Promise<void>;
  /** kind 'sheet' only: opens the share sheet; 'cancelled' when the user closes it. */
  share(content: ShareContent): Promise<ShareOutcome>;
}

// ---------------------------------------------------------------- H5 and 浙里办

/** What the browser implementation uses; injectable for tests. */
export interface BrowserShareEnv {
  navigator?: {
    clipboard?: { writeText?(text: string): Promise<void> };
    share?(data: { title?: string; text?: string; url?: string }): Promise<void>;
  };
  document?: Document;
}

/** The clipboard and share of 浙里办's ZWJSBridge, where the container has them. */
export interface ZlbShareBridge {
  setClipboardData?(options: { data: string }): Promise<unknown>;
  share?(options: { title: string; desc: string; link: string }): Promise<unknown>;
}

/** The textarea + execCommand('copy') way, for WebViews without the async clipboard. */
function copyWithTextarea(doc: Document | undefined, text: string): boolean {
  if (!doc?.body || typeof doc.execCommand !== 'function') return false;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;pointer-events:none';
  doc.body.appendChild(area);
  try {
    area.select();
    area.setSelectionRange?.(0, text.length);
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

export function createBrowserShare(
  env: BrowserShareEnv,
  platform: PlatformName = 'h5',
  bridge?: ZlbShareBridge,
): ShareCapability {
  const nav = env.navigator;
  const bridgeShare = bridge?.share?.bind(bridge);
  const bridgeCopy = bridge?.setClipboardData?.bind(bridge);
  const webShare = typeof nav?.share === 'function' ? nav.share.bind(nav) : undefined;
  return {
    platform,
    kind: bridgeShare || webShare ? 'sheet' : 'none',
    async copy(text) {
      if (bridgeCopy) {
        try {
          await bridgeCopy({ data: text });
          return;
        } catch {
          /* fall through to the browser's clipboard */
        }
      }
      const write = nav?.clipboard?.writeText;
      if (typeof write === 'function') {
        try {
          await write.call(nav?.clipboard, text);
          return;
        } catch {
          /* not allowed here (no user gesture, not https): try the older way */
        }
      }
      if (copyWithTextarea(env.document, text)) return;
      throw new ShareError('copyFailed');
    },
    async share(content) {
      if (bridgeShare) {
        try {
          await bridgeShare({ title: content.title, desc: content.text, link: content.url });
          return 'shared';
        } catch {
          if (!webShare) throw new ShareError('shareFailed');
        }
      }
      if (!webShare) throw new ShareError('unsupported');
      try {
        await webShare({ title: content.title, text: content.text, url: content.url });
        return 'shared';
      } catch (e) {
        if (isAbort(e)) return 'cancelled';
        throw new ShareError('shareFailed');
      }
    },
  };
}

// ---------------------------------------------------------------- weapp / alipay

/** The Taro API the mini-program implementation uses; injectable for tests. */
export interface MiniClipboardApi {
  setClipboardData(options: { data: string }): Promise<unknown>;
}

export function createMiniShare(name: 'weapp' | 'alipay', taro: MiniClipboardApi): ShareCapability {
  return {
    platform: name,
    kind: 'button',
    async copy(text) {
      try {
        await taro.setClipboardData({ data: text });
      } catch {
        throw new ShareError('copyFailed');
      }
    },
    // the sheet opens from the native share button only (see the module comment)
    share: () => Promise.reject(new ShareError('unsupported')),
  };
}

// ---------------------------------------------------------------- selection

let current: ShareCapability | undefined;

function createShare(): ShareCapability {
  if (process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay') {
    return createMiniShare(process.env.TARO_ENV, {
      setClipboardData: (o) => Taro.setClipboardData(o),
    });
  }
  const platform = getPlatform().name;
  const bridge =
    platform === 'zlb'
      ? (window as unknown as { ZWJSBridge?: ZlbShareBridge }).ZWJSBridge
      : undefined;
  return createBrowserShare({ navigator, document }, platform, bridge);
}

/** The share capability of the container the app runs in. */
export function getShare(): ShareCapability {
  return (current ??= createShare());
}

/** Tests replace it; nothing = detect again. */
export function setShare(next: ShareCapability | undefined): void {
  current = next;
}
