/**
 * Chinese text in the PDF (ADR 0003). The outlines come from Noto Sans SC
 * (Noto Sans Hans, OFL-1.1, npm package @embedpdf/fonts-sc, CFF outlines) read with fontkit 2 at
 * run time; only the glyphs a document uses are written, as Type 3 fonts (each glyph a vector
 * path; at most 255 per font) with a ToUnicode map so the text can be searched and copied.
 * Type 3 sidesteps subsetting the CID-keyed CFF font, which @pdf-lib/fontkit breaks (measured:
 * poppler rejects pdf-lib's subset of this font; that old fork also misreads some outlines,
 * e.g. ':' — fontkit 2 reads them right, see the glyph sanity test).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create as openFont, type Font } from 'fontkit';
import { fmt, type PdfValue, type PdfWriter } from './pdfWriter';

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

/** Reads the font once per process (≈ 8 MB file, ≈ 50 ms to open). */
export class NotoSansSc implements GlyphSource {
  private font: Font | undefined;
  private readonly cache = new Map<string, GlyphOutline>();

  constructor(private readonly file: string = fontFilePath()) {}

  private open(): Font {
    if (!this.font) {
      const opened = openFont(fs.readFileSync(this.file));
      if (!('glyphForCodePoint' in opened))
        throw new Error(`${this.file}: a collection, not a font`);
      this.font = opened;
    }
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

export interface EncodedRun {
  /** font resource name, e.g. F0 */
  font: string;
  /** single-byte codes, hex */
  hex: string;
}

const CODES_PER_FONT = 255;

/** The characters of one document, each given a font and a one-byte code in first-use order. */
export class Type3FontSet {
  private readonly codes = new Map<string, { font: number; code: number }>();
  private readonly chars: string[][] = [];

  constructor(private readonly source: GlyphSource) {}

  private codeOf(ch: string) {
    let c = this.codes.get(ch);
    if (!c) {
      if (!this.chars.length || this.chars[this.chars.length - 1].length === CODES_PER_FONT) {
        this.chars.push([]);
      }
      const font = this.chars.length - 1;
      this.chars[font].push(ch);
      c = { font, code: this.chars[font].length };
      this.codes.set(ch, c);
    }
    return c;
  }

  /** Width of the text at a font size, in points. */
  width(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.source.glyph(ch).advance;
    return (w * size) / 1000;
  }

  encode(text: string): EncodedRun[] {
    const runs: EncodedRun[] = [];
    for (const ch of text) {
      const { font, code } = this.codeOf(ch);
      const name = `F${font}`;
      const hex = code.toString(16).padStart(2, '0').toUpperCase();
      const last = runs[runs.length - 1];
      if (last && last.font === name) last.hex += hex;
      else runs.push({ font: name, hex });
    }
    return runs;
  }

  /** Characters the font could not draw (shown as a box, still searchable). */
  uncovered(): string[] {
    return [...this.codes.keys()].filter((ch) => !this.source.glyph(ch).covered);
  }

  /** Writes the fonts; returns the /Font resource dictionary. */
  write(w: PdfWriter): Record<string, PdfValue> {
    const fonts: Record<string, PdfValue> = {};
    this.chars.forEach((chars, i) => {
      const procs: Record<string, PdfValue> = {};
      const widths: number[] = [];
      const names: string[] = [];
      chars.forEach((ch, j) => {
        const g = this.source.glyph(ch);
        const name = `g${j + 1}`;
        names.push(`/${name}`);
        widths.push(g.advance);
        procs[name] = w.ref(w.addStream({}, `${g.advance} 0 ${g.bbox.join(' ')} d1\n${g.ops}`));
      });
      const bfchars = chars.map((ch, j) => {
        const code = (j + 1).toString(16).padStart(2, '0').toUpperCase();
        let utf16 = '';
        for (let k = 0; k < ch.length; k++) {
          utf16 += ch.charCodeAt(k).toString(16).padStart(4, '0').toUpperCase();
        }
        return `<${code}> <${utf16}>`;
      });
      const blocks: string[] = [];
      for (let k = 0; k < bfchars.length; k += 100) {
        const part = bfchars.slice(k, k + 100);
        blocks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
      }
      const cmap = [
        '/CIDInit /ProcSet findresource begin',
        '12 dict begin',
        'begincmap',
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
        `/CMapName /HE-T3-${i}-UCS def`,
        '/CMapType 2 def',
        '1 begincodespacerange\n<00> <FF>\nendcodespacerange',
        ...blocks,
        'endcmap',
        'CMapName currentdict /CMap defineresource pop',
        'end',
        'end',
      ].join('\n');
      fonts[`F${i}`] = w.ref(
        w.add({
          Type: '/Font',
          Subtype: '/Type3',
          Name: `/F${i}`,
          FontBBox: [-1000, -1000, 2000, 2000],
          FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
          CharProcs: procs,
          Encoding: { Type: '/Encoding', Differences: [1, ...names] },
          FirstChar: 1,
          LastChar: chars.length,
          Widths: widths,
          Resources: {},
          ToUnicode: w.ref(w.addStream({}, cmap)),
        }),
      );
    });
    return fonts;
  }
}
