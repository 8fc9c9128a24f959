import { contrastRatio, parseHexColour } from '@/shared/lib/contrast';
import {
  elderTokens,
  normalTokens,
  TEXT_COLOUR_PAIRS,
  themeStyle,
  tokensToCssVars,
  type ThemeTokens,
} from '@/shared/theme/tokens';

describe('contrastRatio (WCAG 2.1)', () => {
  it('black on white is 21:1 either way round', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
  });
  it('a colour against itself is 1:1', () => {
    expect(contrastRatio('#0b57d0', '#0b57d0')).toBeCloseTo(1, 5);
  });
  it('matches known reference values', () => {
    // #777 on white is the classic just-failing grey (4.48:1); #767676 just passes (4.54:1)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(4.0, 1);
  });
  it('rejects what is not a hex colour', () => {
    expect(() => parseHexColour('red')).toThrow();
    expect(parseHexColour('#0b57d0')).toEqual([11, 87, 208]);
  });
});

describe.each([
  ['normal', normalTokens, { body: 14, tap: 44 }],
  ['elder', elderTokens, { body: 18, tap: 60 }],
] as Array<[string, ThemeTokens, { body: number; tap: number }]>)(
  '%s tokens meet docs/registry-facts.md §11',
  (_name, t, min) => {
    it(`body text ≥ ${min.body}px and every size ≥ small`, () => {
      expect(t.fontSize.body).toBeGreaterThanOrEqual(min.body);
      expect(t.fontSize.small).toBeLessThanOrEqual(t.fontSize.body);
      expect(t.fontSize.title).toBeGreaterThan(t.fontSize.body);
      expect(t.fontSize.large).toBeGreaterThanOrEqual(t.fontSize.title);
    });
    it(`tap targets ≥ ${min.tap}×${min.tap}`, () => {
      expect(t.tapTarget).toBeGreaterThanOrEqual(min.tap);
    });
    it.each(TEXT_COLOUR_PAIRS)('%s on %s has contrast ≥ 4.5:1', (fg, bg) => {
      expect(contrastRatio(t.colour[fg], t.colour[bg])).toBeGreaterThanOrEqual(4.5);
    });
  },
);

describe('elder tokens specifically', () => {
  it('every text size ≥ 18px, the largest ≥ 30px, line height ≥ 1.3', () => {
    for (const size of Object.values(elderTokens.fontSize)) expect(size).toBeGreaterThanOrEqual(18);
    expect(Math.max(...Object.values(elderTokens.fontSize))).toBeGreaterThanOrEqual(30);
    expect(elderTokens.lineHeight).toBeGreaterThanOrEqual(1.3);
  });
  it('is larger than normal in text, targets and spacing', () => {
    expect(elderTokens.fontSize.body).toBeGreaterThan(normalTokens.fontSize.body);
    expect(elderTokens.tapTarget).toBeGreaterThan(normalTokens.tapTarget);
    expect(elderTokens.space.md).toBeGreaterThan(normalTokens.space.md);
  });
  it('normal line height is ≥ 1.3 too', () => {
    expect(normalTokens.lineHeight).toBeGreaterThanOrEqual(1.3);
  });
});

describe('CSS variables', () => {
  it('exposes every token as a --he- custom property in px', () => {
    const vars = tokensToCssVars(elderTokens);
    expect(vars['--he-font-body']).toBe('20px');
    expect(vars['--he-tap']).toBe('60px');
    expect(vars['--he-line-height']).toBe(String(elderTokens.lineHeight));
    expect(vars['--he-colour-text-muted']).toBe(elderTokens.colour.textMuted);
    expect(Object.keys(vars).every((k) => k.startsWith('--he-'))).toBe(true);
  });
  it('the root style sets the body font size itself', () => {
    expect(themeStyle(normalTokens).fontSize).toBe(`${normalTokens.fontSize.body}px`);
    expect(themeStyle(elderTokens).fontSize).toBe(`${elderTokens.fontSize.body}px`);
  });
});

describe('native tab bar colours (app.config.ts)', () => {
  it('text colours reach 4.5:1 on the tab bar background', async () => {
    (globalThis as Record<string, unknown>).defineAppConfig = (c: unknown) => c;
    const config = (await import('@/app.config')).default as unknown as {
      tabBar: { color: string; selectedColor: string; backgroundColor: string; list: unknown[] };
    };
    expect(config.tabBar.list).toHaveLength(4);
    expect(
      contrastRatio(config.tabBar.color, config.tabBar.backgroundColor),
    ).toBeGreaterThanOrEqual(4.5);
    expect(
      contrastRatio(config.tabBar.selectedColor, config.tabBar.backgroundColor),
    ).toBeGreaterThanOrEqual(4.5);
  });
});
