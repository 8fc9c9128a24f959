/**
 * Step-up coordinator. When the server answers 403 STEP_UP_REQUIRED, the API client awaits
 * `requestStepUp()`; the presenter (by default: open the face page with purpose=stepup) shows the
 * face check, which calls `settleStepUp(true)` once the server accepted it, or `false` when the
 * user gave up. Concurrent requests share one check. The page that made the request stays
 * mounted underneath, so nothing the user entered is lost, and the request is then resumed.
 */
import Taro from '@tarojs/taro';

export const STEP_UP_PAGE = '/pages/face/index?purpose=stepup';

type Presenter = () => void;

const defaultPresenter: Presenter = () => {
  void Taro.navigateTo({ url: STEP_UP_PAGE }).catch(() => settleStepUp(false));
};

let presenter: Presenter = defaultPresenter;
let pending: { promise: Promise<boolean>; resolve: (ok: boolean) => void } | null = null;

/** Resolves true when a fresh face check succeeded, false when it was abandoned. */
export function requestStepUp(): Promise<boolean> {
  if (pending) return pending.promise;
  let resolve: (ok: boolean) => void = () => undefined;
  const promise = new Promise<boolean>((r) => (resolve = r));
  pending = { promise, resolve };
  try {
    presenter();
  } catch {
    settleStepUp(false);
  }
  return promise;
}

/** Whether a request is waiting for a step-up (the face page uses it to know its purpose). */
export function isStepUpPending(): boolean {
  return pending !== null;
}

export function settleStepUp(ok: boolean): void {
  const p = pending;
  pending = null;
  p?.resolve(ok);
}

/** Tests (or another container) show the face check differently; nothing = the face page. */
export function setStepUpPresenter(next: Presenter | undefined): void {
  presenter = next ?? defaultPresenter;
}
