/**
 * The style a stylesheet declares for an element, resolved the way a browser's cascade does:
 * inline style first, then !important, then selector specificity, then source order. jsdom's own
 * getComputedStyle orders matching rules by source order only (no specificity), so a test that
 * asks "which min-height wins here?" would be answered wrongly by it; this does it properly for
 * the plain selectors our CSS uses (type, class, id, attribute, pseudo-class, descendant and
 * child combinators). Lengths come back as declared (var(--x) resolved through the ancestors).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Puts the CSS files (paths from the repository root) into the document; returns the remover. */
export function loadCss(...paths: string[]): () => void {
  const styles = paths.map((p) => {
    const el = document.createElement('style');
    el.setAttribute('data-file', p);
    el.textContent = readFileSync(join(ROOT, p), 'utf8');
    document.head.appendChild(el);
    return el;
  });
  return () => styles.forEach((s) => s.remove());
}

/** [ids, classes + attributes + pseudo-classes, types + pseudo-elements] of one selector. */
export function specificity(selector: string): [number, number, number] {
  let s = selector.replace(/::?(before|after|first-line|first-letter|placeholder)\b/g, ' ');
  const ids = (s.match(/#[\w-]+/g) ?? []).length;
  s = s.replace(/#[\w-]+/g, ' ');
  const classes = (s.match(/\.[\w-]+|\[[^\]]*\]|:[\w-]+(\([^)]*\))?/g) ?? []).length;
  s = s.replace(/\.[\w-]+|\[[^\]]*\]|:[\w-]+(\([^)]*\))?/g, ' ');
  const types = (s.match(/(^|[\s>+~])[a-zA-Z][\w-]*/g) ?? []).length;
  return [ids, classes, types];
}

const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false; // a selector jsdom cannot match (pseudo-elements): never the element itself
  }
}

/** The winning declared value of `property` on `el`, or undefined when nothing declares it. */
export function declared(el: Element, property: string): string | undefined {
  const inline = (el as HTMLElement).style?.getPropertyValue(property);
  let best: { rank: number[]; value: string } | undefined;
  let order = 0;
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) {
      order++;
      if (!(rule instanceof CSSStyleRule)) continue;
      const value = rule.style.getPropertyValue(property);
      if (!value) continue;
      const important = rule.style.getPropertyPriority(property) === 'important' ? 1 : 0;
      for (const sel of rule.selectorText.split(',').map((x) => x.trim())) {
        if (!matches(el, sel)) continue;
        const rank = [important, ...specificity(sel), order];
        if (!best || compare(rank, best.rank) >= 0) best = { rank, value: value.trim() };
      }
    }
  }
  if (inline && !(best && best.rank[0] === 1)) return inline.trim();
  return best?.value;
}

/** A custom property as the element sees it (custom properties inherit). */
export function customProperty(el: Element, name: string): string | undefined {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const v = declared(e, name);
    if (v) return v;
  }
  return undefined;
}

/** Replaces var(--x) (and var(--x, fallback)) with what the element sees. */
export function resolveVars(el: Element, value: string): string {
  let out = value;
  for (let i = 0; i < 10 && out.includes('var('); i++) {
    out = out.replace(/var\((--[\w-]+)\s*(?:,\s*([^)]*))?\)/g, (_, name: string, fallback) => {
      return customProperty(el, name) ?? fallback ?? '';
    });
  }
  return out.trim();
}

/** A declared length in CSS pixels, or undefined when it is not a pixel length. */
export function px(el: Element, property: string): number | undefined {
  const v = declared(el, property);
  if (v === undefined) return undefined;
  const m = /^(-?[\d.]+)px$/.exec(resolveVars(el, v));
  return m ? parseFloat(m[1]) : v.trim() === '0' ? 0 : undefined;
}

/**
 * The height an element gets from its declarations: the larger of min-height and height, a
 * percentage or `inherit` taken from its parent's (the tab bar's items are 100% of a bar whose
 * height is the host's --taro-tabbar-height).
 */
export function declaredHeight(el: Element): number {
  const min = px(el, 'min-height') ?? 0;
  const h = declared(el, 'height');
  let height = 0;
  if (h === 'inherit' || h === '100%')
    height = el.parentElement ? declaredHeight(el.parentElement) : 0;
  else if (h !== undefined) height = px(el, 'height') ?? 0;
  return Math.max(min, height);
}
