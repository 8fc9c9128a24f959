/**
 * A small PDF reader for tests: walks the cross-reference table (every offset
 * must point at its object), inflates streams, and extracts text through each font's ToUnicode
 * map — independent of the writer, so a broken file or a wrong map fails the test.
 */
import { inflateSync } from 'node:zlib';

export interface PdfObject {
  id: number;
  dict: string;
  stream?: Buffer;
}

export interface ParsedPdf {
  objects: Map<number, PdfObject>;
  trailer: string;
}

export function parsePdf(bytes: Uint8Array): ParsedPdf {
  const buf = Buffer.from(bytes);
  const text = buf.toString('latin1');
  if (!text.startsWith('%PDF-1.')) throw new Error('no PDF header');
  if (!text.trimEnd().endsWith('%%EOF')) throw new Error('no %%EOF');
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!sx) throw new Error('no startxref');
  const xrefAt = Number(sx[1]);
  if (!text.startsWith('xref', xrefAt)) throw new Error('startxref does not point at xref');
  const head = /^xref\s+0\s+(\d+)\s+/.exec(text.slice(xrefAt));
  if (!head) throw new Error('bad xref header');
  const size = Number(head[1]);
  const rows = text
    .slice(xrefAt + head[0].length)
    .split('\n')
    .slice(0, size);
  const objects = new Map<number, PdfObject>();
  for (let id = 1; id < size; id++) {
    const m = /^(\d{10}) 00000 n\s*$/.exec(rows[id]);
    if (!m) throw new Error(`xref row ${id} malformed`);
    const at = Number(m[1]);
    const open = `${id} 0 obj\n`;
    if (!text.startsWith(open, at)) throw new Error(`object ${id} not at its offset`);
    const start = at + open.length;
    const end = text.indexOf('\nendobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('\nstream\n');
    if (s < 0) {
      objects.set(id, { id, dict: body });
      continue;
    }
    const dict = body.slice(0, s);
    const len = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const raw = buf.subarray(start + s + 8, start + s + 8 + len);
    if (text.slice(start + s + 8 + len, start + s + 8 + len + 10) !== '\nendstream') {
      throw new Error(`stream ${id} length wrong`);
    }
    objects.set(id, {
      id,
      dict,
      stream: dict.includes('/FlateDecode') ? inflateSync(raw) : Buffer.from(raw),
    });
  }
  return { objects, trailer: text.slice(text.indexOf('trailer', xrefAt)) };
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

export function pdfPages(pdf: ParsedPdf): PdfObject[] {
  const root = pdf.objects.get(ref(pdf.trailer, 'Root')!)!;
  const pages = pdf.objects.get(ref(root.dict, 'Pages')!)!;
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pages.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)];
  const count = Number(/\/Count (\d+)/.exec(pages.dict)?.[1]);
  if (kids.length !== count) throw new Error('page count does not match kids');
  return kids.map((k) => pdf.objects.get(Number(k[1]))!);
}

export interface PdfFont {
  name: string;
  subtype: string;
  /** bytes per character code: 1 (simple, Type 3) or 2 (Type0, Identity-H) */
  codeBytes: 1 | 2;
  /** code → text */
  toUnicode: Map<number, string>;
  /** code → glyph procedure (Type 3), decompressed */
  glyphs: Map<number, string>;
  /** Type0: the descendant CIDFont's subtype and whether its font program is embedded */
  descendant?: { subtype: string; fontFile?: PdfObject };
}

/** A dictionary value that is either inline (<<…>>) or a reference to another object. */
const dictOf = (pdf: ParsedPdf, dict: string, key: string): string => {
  const id = ref(dict, key);
  if (id !== undefined) return pdf.objects.get(id)?.dict ?? '';
  const at = dict.indexOf(`/${key} <<`);
  if (at < 0) return '';
  let depth = 0;
  for (let i = at + key.length + 2; i < dict.length - 1; i++) {
    if (dict.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (dict.startsWith('>>', i) && --depth === 0) return dict.slice(at, i + 2);
  }
  return '';
};

const utf16 = (hex: string) =>
  String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** Reads bfchar and bfrange entries (both the start/end/first and the array forms). */
function readToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(code, 16), utf16(uni));
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of body.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)/g,
    )) {
      const [a, b] = [parseInt(lo, 16), parseInt(hi, 16)];
      if (rest.startsWith('[')) {
        // one entry per code; an entry of several characters (a ligature) has spaces inside
        [...rest.matchAll(/<([0-9A-Fa-f\s]+)>/g)].forEach(([, u], i) =>
          map.set(a + i, utf16(u.replace(/\s/g, ''))),
        );
      } else {
        const first = parseInt(rest.slice(1, -1), 16);
        for (let c = a; c <= b; c++) map.set(c, String.fromCharCode(first + c - a));
      }
    }
  }
  return map;
}

export function pageFonts(pdf: ParsedPdf, page: PdfObject): PdfFont[] {
  const resources = dictOf(pdf, page.dict, 'Resources');
  const fontDict = dictOf(pdf, resources, 'Font');
  return [...fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)].map(([, name, id]) => {
    const f = pdf.objects.get(Number(id))!;
    const subtype = /\/Subtype \/(\w+)/.exec(f.dict)?.[1] ?? '';
    const cmap = pdf.objects.get(ref(f.dict, 'ToUnicode') ?? -1)?.stream?.toString('latin1') ?? '';
    const toUnicode = readToUnicode(cmap);
    const glyphs = new Map<number, string>();
    const diff = /\/Differences \[1 ([^\]]*)\]/.exec(f.dict)?.[1].trim().split(/\s+/) ?? [];
    const procs = /\/CharProcs <<([^>]*)>>/.exec(f.dict)?.[1] ?? '';
    diff.forEach((glyphName, i) => {
      const id = new RegExp(`${glyphName} (\\d+) 0 R`).exec(procs)?.[1];
      const proc = id ? pdf.objects.get(Number(id))?.stream?.toString('latin1') : undefined;
      if (proc !== undefined) glyphs.set(i + 1, proc);
    });
    if (subtype !== 'Type0') return { name, subtype, codeBytes: 1, toUnicode, glyphs };
    const cid = pdf.objects.get(Number(/\/DescendantFonts \[(\d+) 0 R\]/.exec(f.dict)?.[1]));
    const descriptor = pdf.objects.get(ref(cid?.dict ?? '', 'FontDescriptor') ?? -1);
    const fileId = /\/FontFile[23]? (\d+) 0 R/.exec(descriptor?.dict ?? '')?.[1];
    return {
      name,
      subtype,
      codeBytes: 2,
      toUnicode,
      glyphs,
      descendant: {
        subtype: /\/Subtype \/(\w+)/.exec(cid?.dict ?? '')?.[1] ?? '',
        ...(fileId ? { fontFile: pdf.objects.get(Number(fileId)) } : {}),
      },
    };
  });
}

/** The content of a page: its one stream or the concatenation of an array of streams. */
function pageContent(pdf: ParsedPdf, page: PdfObject): string {
  const one = ref(page.dict, 'Contents');
  const ids =
    one !== undefined
      ? [one]
      : [...(/\/Contents \[([^\]]*)\]/.exec(page.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map(
          (m) => Number(m[1]),
        );
  return ids.map((id) => pdf.objects.get(id)!.stream!.toString('latin1')).join('\n');
}

/**
 * The text of a page: one line per BT…ET block, decoded through the fonts' ToUnicode maps
 * (hex strings shown with Tj or inside TJ arrays; one- or two-byte codes per the font).
 */
export function pagePdfText(pdf: ParsedPdf, page: PdfObject): string {
  const fonts = new Map(pageFonts(pdf, page).map((f) => [f.name, f]));
  const contents = pageContent(pdf, page);
  const lines: string[] = [];
  for (const [, block] of contents.matchAll(/\bBT\s([\s\S]*?)\sET\b/g)) {
    let font: PdfFont | undefined;
    let line = '';
    for (const [, name, shown] of block.matchAll(
      /\/(\w+) [\d.]+ Tf|(<[0-9A-Fa-f]*>\s*Tj|\[[^\]]*\]\s*TJ)/g,
    )) {
      if (name) font = fonts.get(name);
      else if (shown !== undefined) {
        const width = (font?.codeBytes ?? 1) * 2;
        for (const [, hex] of shown.matchAll(/<([0-9A-Fa-f]*)>/g)) {
          for (const code of hex.match(new RegExp(`.{${width}}`, 'g')) ?? []) {
            line += font?.toUnicode.get(parseInt(code, 16)) ?? '\uFFFD';
          }
        }
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** The text of every page, pages separated by a form feed. */
export function pdfText(bytes: Uint8Array): string {
  const pdf = parsePdf(bytes);
  return pdfPages(pdf)
    .map((p) => pagePdfText(pdf, p))
    .join('\f');
}
