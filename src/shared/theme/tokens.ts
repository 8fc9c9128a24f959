/**
 * Design tokens: a normal and an elder (长辈版) set. Elder mode (docs/registry-facts.md §11): body
 * text ≥ 18 px with the largest ≥ 30, line height ≥ 1.3, tap targets ≥ 60×60 (44×44 normal), text
 * contrast ≥ 4.5:1. tests/unit/app/theme.test.ts checks every threshold and every text/background
 * pair below.
 */
export type ThemeMode = 'normal' | 'elder';

export interface ThemeColours {
  text: string;
  textMuted: string;
  background: string;
  surface: string;
  primary: string;
  onPrimary: string;
  primarySoft: string;
  danger: string;
  border: string;
}

export interface ThemeTokens {
  mode: ThemeMode;
  /** px */
  fontSize: { small: number; body: number; title: number; large: number };
  /** unitless */
  lineHeight: number;
  /** px */
  space: { xs: number; sm: number; md: number; lg: number; xl: number };
  /** minimum width and height of anything tappable, px */
  tapTarget: number;
  /** px */
  radius: number;
  colour: ThemeColours;
}

export const normalTokens: ThemeTokens = {
  mode: 'normal',
  fontSize: { small: 14, body: 16, title: 20, large: 24 },
  lineHeight: 1.5,
  space: { xs: 4, sm: 8, md: 12, lg: 16, xl: 24 },
  tapTarget: 44,
  radius: 8,
  colour: {
    text: '#1f1f1f',
    textMuted: '#50565f',
    background: '#f5f6f8',
    surface: '#ffffff',
    primary: '#0b57d0',
    onPrimary: '#ffffff',
    primarySoft: '#e8f0fe',
    danger: '#b3261e',
    border: '#c4c7cc',
  },
};

export const elderTokens: ThemeTokens = {
  mode: 'elder',
  fontSize: { small: 18, body: 20, title: 26, large: 30 },
  lineHeight: 1.6,
  space: { xs: 6, sm: 10, md: 16, lg: 20, xl: 28 },
  tapTarget: 60,
  radius: 10,
  colour: {
    text: '#000000',
    textMuted: '#2e2e2e',
    background: '#ffffff',
    surface: '#ffffff',
    primary: '#0842a0',
    onPrimary: '#ffffff',
    primarySoft: '#e8f0fe',
    danger: '#8c1d18',
    border: '#5f6368',
  },
};

export function tokensFor(mode: ThemeMode): ThemeTokens {
  return mode === 'elder' ? elderTokens : normalTokens;
}

/** Every [text colour, background colour] combination the UI kit paints. */
export const TEXT_COLOUR_PAIRS: ReadonlyArray<[keyof ThemeColours, keyof ThemeColours]> = [
  ['text', 'background'],
  ['text', 'surface'],
  ['text', 'primarySoft'],
  ['textMuted', 'background'],
  ['textMuted', 'surface'],
  ['primary', 'background'],
  ['primary', 'surface'],
  ['primary', 'primarySoft'],
  ['onPrimary', 'primary'],
  ['danger', 'background'],
  ['danger', 'surface'],
];

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** CSS custom properties (`--he-…`) for a token set; CSS files use var(--he-…). */
export function tokensToCssVars(t: ThemeTokens): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.fontSize)) vars[`--he-font-${k}`] = `${v}px`;
  for (const [k, v] of Object.entries(t.space)) vars[`--he-space-${k}`] = `${v}px`;
  for (const [k, v] of Object.entries(t.colour)) vars[`--he-colour-${kebab(k)}`] = v;
  vars['--he-line-height'] = String(t.lineHeight);
  vars['--he-tap'] = `${t.tapTarget}px`;
  vars['--he-radius'] = `${t.radius}px`;
  return vars;
}

/**
 * The inline style of a theme root: the variables plus the body text itself, so the root's
 * computed font-size is exactly the body token (inline styles are not px-transformed by Taro).
 */
export function themeStyle(t: ThemeTokens): Record<string, string> {
  return {
    ...tokensToCssVars(t),
    fontSize: `${t.fontSize.body}px`,
    lineHeight: String(t.lineHeight),
    color: t.colour.text,
    backgroundColor: t.colour.background,
  };
}
