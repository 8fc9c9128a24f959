import {
  actionPrompt,
  challengeDeadline,
  challengeSteps,
  FACE_FRONT_PROMPT,
  formatCountdown,
  secondsLeft,
} from '@/features/auth/prompts';

describe('liveness challenge prompts', () => {
  it.each([
    ['眨眼', '请眨眨眼'],
    ['张嘴', '请张张嘴'],
    ['左转头', '请向左转头'],
    ['右转头', '请向右转头'],
  ])('%s → %s', (action, title) => {
    expect(actionPrompt(action).title).toBe(title);
    expect(actionPrompt(action).hint.length).toBeGreaterThan(0);
  });

  it('still shows an unknown action in words', () => {
    expect(actionPrompt('点头').title).toBe('请点头');
  });

  it('puts the steps in the challenge order, after facing the screen', () => {
    expect(challengeSteps(['右转头', '眨眼']).map((s) => s.title)).toEqual([
      FACE_FRONT_PROMPT.title,
      '请向右转头',
      '请眨眨眼',
    ]);
  });
});

describe('the 120 s countdown', () => {
  const now = Date.parse('2026-11-29T02:00:00Z');
  it('counts whole seconds down to 0:00, rounding up', () => {
    expect(secondsLeft(now + 120_000, now)).toBe(120);
    expect(secondsLeft(now + 59_001, now)).toBe(60);
    expect(secondsLeft(now - 5, now)).toBe(0);
    expect(formatCountdown(120)).toBe('2:00');
    expect(formatCountdown(65)).toBe('1:05');
    expect(formatCountdown(0)).toBe('0:00');
  });
  it("uses the server's expiry, but never more than 120 s from now", () => {
    expect(challengeDeadline('2026-11-29T02:01:30Z', now)).toBe(now + 90_000);
    expect(challengeDeadline('2026-11-29T03:00:00Z', now)).toBe(now + 120_000);
    expect(challengeDeadline('2026-11-29T01:00:00Z', now)).toBe(now + 120_000);
    expect(challengeDeadline('not a date', now)).toBe(now + 120_000);
  });
});
