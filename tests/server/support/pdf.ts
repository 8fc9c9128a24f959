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
  /** code → text */
  toUnicode: Map<number, string>;
  /** code → glyph procedure (Type 3), decompressed */
  glyphs: Map<number, string>;
}

export function pageFonts(pdf: ParsedPdf, page: PdfObject): PdfFont[] {
  const fontDict = /\/Font <<([^>]*)>>/.exec(page.dict)?.[1] ?? '';
  return [...fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)].map(([, name, id]) => {
    const f = pdf.objects.get(Number(id))!;
    const subtype = /\/Subtype \/(\w+)/.exec(f.dict)?.[1] ?? '';
    const toUnicode = new Map<number, string>();
    const cmap = pdf.objects.get(ref(f.dict, 'ToUnicode') ?? -1)?.stream?.toString('latin1') ?? '';
    for (const [, code, uni] of cmap.matchAll(/<([0-9A-F]{2})> <([0-9A-F]{4,})>/g)) {
      const units = uni.match(/.{4}/g)!.map((h) => parseInt(h, 16));
      toUnicode.set(parseInt(code, 16), String.fromCharCode(...units));
    }
    const glyphs = new Map<number, string>();
    const diff = /\/Differences \[1 ([^\]]*)\]/.exec(f.dict)?.[1].trim().split(/\s+/) ?? [];
    const procs = /\/CharProcs <<([^>]*)>>/.exec(f.dict)?.[1] ?? '';
    diff.forEach((glyphName, i) => {
      const id = new RegExp(`${glyphName} (\\d+) 0 R`).exec(procs)?.[1];
      const proc = id ? pdf.objects.get(Number(id))?.stream?.toString('latin1') : undefined;
      if (proc !== undefined) glyphs.set(i + 1, proc);
    });
    return { name, subtype, toUnicode, glyphs };
  });
}

/** The text of a page: one line per BT…ET block, decoded through the fonts' ToUnicode maps. */
export function pagePdfText(pdf: ParsedPdf, page: PdfObject): string {
  const fonts = new Map(pageFonts(pdf, page).map((f) => [f.name, f]));
  const contents = pdf.objects.get(ref(page.dict, 'Contents')!)!.stream!.toString('latin1');
  const lines: string[] = [];
  for (const [, block] of contents.matchAll(/BT (.*?) ET/g)) {
    let font: PdfFont | undefined;
    let line = '';
    for (const [, name, hex] of block.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-F]*)> Tj/g)) {
      if (name) font = fonts.get(name);
      else if (hex !== undefined) {
        for (const code of hex.match(/.{2}/g) ?? []) {
          line += font?.toUnicode.get(parseInt(code, 16)) ?? '\uFFFD';
        }
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}
