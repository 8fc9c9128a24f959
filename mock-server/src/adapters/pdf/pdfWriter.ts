/**
 * A small PDF 1.7 writer: numbered indirect objects, Flate-compressed streams,
 * a classic cross-reference table. Output depends only on what is written (no dates, ids or
 * randomness of its own), so the same certificate at the same time gives the same bytes.
 */
import { deflateSync } from 'node:zlib';

export type PdfValue =
  | number
  | string // written as is: a name (/Foo), a reference (3 0 R), a literal ((..)) or a hex string
  | boolean
  | null
  | PdfValue[]
  | { [key: string]: PdfValue };

const num = (n: number) => {
  if (!Number.isFinite(n)) throw new RangeError('PDF number must be finite');
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

export function pdfValue(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(pdfValue).join(' ')}]`;
  return `<<${Object.entries(v)
    .map(([k, x]) => `/${k} ${pdfValue(x)}`)
    .join(' ')}>>`;
}

/** A PDF literal string of ASCII text, escaped. */
export const pdfLiteral = (ascii: string) => `(${ascii.replace(/([\\()])/g, '\\$1')})`;
/** A PDF text string (UTF-16BE with BOM) as a hex string, for the document information. */
export const pdfTextString = (text: string) => {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
};

export const fmt = num;

export class PdfWriter {
  private readonly objects: (Uint8Array | undefined)[] = [];

  /** Reserves an object number (to reference before writing). */
  reserve(): number {
    this.objects.push(undefined);
    return this.objects.length;
  }

  ref(id: number): string {
    return `${id} 0 R`;
  }

  set(id: number, value: PdfValue): number {
    this.objects[id - 1] = Buffer.from(`${id} 0 obj\n${pdfValue(value)}\nendobj\n`, 'latin1');
    return id;
  }

  add(value: PdfValue): number {
    return this.set(this.reserve(), value);
  }

  /** A stream, Flate-compressed. */
  setStream(id: number, dict: Record<string, PdfValue>, data: Uint8Array | string): number {
    const raw = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    const packed = deflateSync(raw, { level: 9 });
    const head = Buffer.from(
      `${id} 0 obj\n${pdfValue({ ...dict, Length: packed.length, Filter: '/FlateDecode' })}\nstream\n`,
      'latin1',
    );
    this.objects[id - 1] = Buffer.concat([head, packed, Buffer.from('\nendstream\nendobj\n')]);
    return id;
  }

  addStream(dict: Record<string, PdfValue>, data: Uint8Array | string): number {
    return this.setStream(this.reserve(), dict, data);
  }

  finish(rootId: number, infoId: number): Uint8Array {
    const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
    let offset = parts[0].length;
    const offsets: number[] = [];
    this.objects.forEach((o, i) => {
      if (!o) throw new Error(`PDF object ${i + 1} reserved but never written`);
      offsets.push(offset);
      parts.push(Buffer.from(o));
      offset += o.length;
    });
    const size = this.objects.length + 1;
    const xref = [
      `xref\n0 ${size}\n`,
      '0000000000 65535 f \n',
      ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
      `trailer\n${pdfValue({ Size: size, Root: this.ref(rootId), Info: this.ref(infoId) })}\n`,
      `startxref\n${offset}\n%%EOF\n`,
    ].join('');
    parts.push(Buffer.from(xref, 'latin1'));
    return new Uint8Array(Buffer.concat(parts));
  }
}
