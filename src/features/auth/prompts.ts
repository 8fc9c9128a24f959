/** What the face screen says for each liveness action the identity platform asks for. */
export interface ActionPrompt {
  /** the big instruction */
  title: string;
  /** a short how-to under it */
  hint: string;
}

export const ACTION_PROMPTS: Record<string, ActionPrompt> = {
  眨眼: { title: '请眨眨眼', hint: '自然地眨两下眼睛' },
  张嘴: { title: '请张张嘴', hint: '张开嘴，再合上' },
  左转头: { title: '请向左转头', hint: '慢慢把头转向左边，再转回来' },
  右转头: { title: '请向右转头', hint: '慢慢把头转向右边，再转回来' },
};

export const FACE_FRONT_PROMPT: ActionPrompt = {
  title: '请正对屏幕',
  hint: '把脸放进框内，保持光线充足',
};

/** The prompt of one action; an unknown action is still shown in words, never silently dropped. */
export function actionPrompt(action: string): ActionPrompt {
  return ACTION_PROMPTS[action] ?? { title: `请${action}`, hint: '按提示完成动作' };
}

/** The steps of a challenge in order: face the screen first, then each action. */
export function challengeSteps(actions: ReadonlyArray<string>): ActionPrompt[] {
  return [FACE_FRONT_PROMPT, ...actions.map(actionPrompt)];
}

/** Seconds left in the window, never negative, rounded up (shows 120 at the start). */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** "1:05" */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The local deadline of a challenge: the server's expiresAt, but never more than the 120 s
 * window from now (a phone whose clock is off must not show a wrong countdown).
 */
export function challengeDeadline(expiresAt: string, now: number, windowMs = 120_000): number {
  const server = Date.parse(expiresAt);
  const left = Number.isFinite(server) ? server - now : windowMs;
  return now + (left > 0 && left <= windowMs ? left : windowMs);
}

/** Errors after which trying the face again cannot help: the entry must change first. */
export const FIX_ENTRY_CODES = new Set([
  'ID_NUMBER_INVALID',
  'PERSON_UNKNOWN',
  'NAME_ID_MISMATCH',
  'VALIDATION_FAILED',
]);
