/**
 * The Chinese font of every registry PDF (ADR 0003, ADR 0006): Noto Sans SC (Noto Sans Hans,
 * OFL-1.1, npm package @embedpdf/fonts-sc, CID-keyed CFF outlines) read with fontkit 2, opened
 * once per process and handed to pdfkit, which embeds a subset of the glyphs each document uses
 * (CIDFontType0C with a ToUnicode map). `NotoSansSc.glyph` reads single outlines for the sanity
 * check of the seeded register's characters (the old @pdf-lib/fontkit fork misread some, e.g.
 * ':' — fontkit 2 reads them right).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create as openFont, type Font } from 'fontkit';

export interface GlyphOutline {
  /** advance width in 1/1000 em */
  advance: number;
  /** PDF path operators in 1/1000 em, ending with a fill */
  ops: string;
  bbox: [number, number, number, number];
  /** false when the font has no glyph for the character (.notdef drawn) */
  covered: boolean;
}

export interface GlyphSource {
  glyph(char: string): GlyphOutline;
}

export const FONT_PACKAGE = '@embedpdf/fonts-sc';
export const FONT_FILE = 'NotoSansHans-Regular.otf';

export function fontFilePath(): string {
  const require = createRequire(__filename);
  return path.join(path.dirname(require.resolve(FONT_PACKAGE)), '..', 'fonts', FONT_FILE);
}

const openFile = (file: string): Font => {
  const opened = openFont(fs.readFileSync(file));
  if (!('glyphForCodePoint' in opened)) throw new Error(`${file}: a collection, not a font`);
  return opened;
};

let shared: Font | undefined;

/** The font, read once per process (≈ 8 MB file, ≈ 50 ms to open). */
export function notoSansSc(): Font {
  shared ??= openFile(fontFilePath());
  return shared;
}

/** PDF number: three decimals at most, no −0. */
const fmt = (n: number) => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/** Single glyph outlines (for the sanity check of the characters the register uses). */
export class NotoSansSc implements GlyphSource {
  private font: Font | undefined;
  private readonly cache = new Map<string, GlyphOutline>();

  constructor(private readonly file?: string) {}

  private open(): Font {
    this.font ??= this.file ? openFile(this.file) : notoSansSc();
    return this.font;
  }

  glyph(char: string): GlyphOutline {
    const hit = this.cache.get(char);
    if (hit) return hit;
    const font = this.open();
    const cp = char.codePointAt(0) ?? 0;
    const covered = font.hasGlyphForCodePoint(cp);
    const g = font.glyphForCodePoint(cp);
    const scale = 1000 / font.unitsPerEm;
    const p = (x: number) => fmt(x * scale);
    const ops: string[] = [];
    let cx = 0;
    let cy = 0;
    for (const c of g.path.commands) {
      const a = c.args;
      switch (c.command) {
        case 'moveTo':
          ops.push(`${p(a[0])} ${p(a[1])} m`);
          [cx, cy] = [a[0], a[1]];
          break;
        case 'lineTo':
          ops.push(`${p(a[0])} ${p(a[1])} l`);
          [cx, cy] = [a[0], a[1]];
          break;
        case 'quadraticCurveTo': {
          const [qx, qy, x, y] = a;
          const c1x = cx + (2 / 3) * (qx - cx);
          const c1y = cy + (2 / 3) * (qy - cy);
          const c2x = x + (2 / 3) * (qx - x);
          const c2y = y + (2 / 3) * (qy - y);
          ops.push(`${p(c1x)} ${p(c1y)} ${p(c2x)} ${p(c2y)} ${p(x)} ${p(y)} c`);
          [cx, cy] = [x, y];
          break;
        }
        case 'bezierCurveTo':
          ops.push(`${a.map(p).join(' ')} c`);
          [cx, cy] = [a[4], a[5]];
          break;
        case 'closePath':
          ops.push('h');
          break;
      }
    }
    const b = g.path.bbox;
    const bbox: GlyphOutline['bbox'] = ops.length
      ? ([b.minX, b.minY, b.maxX, b.maxY].map((v) => Math.round(v * scale)) as GlyphOutline['bbox'])
      : [0, 0, 0, 0];
    const outline = {
      advance: Math.round(g.advanceWidth * scale),
      ops: ops.length ? `${ops.join('\n')}\nf` : '',
      bbox,
      covered,
    };
    this.cache.set(char, outline);
    return outline;
  }
}
