/**
 * The drawing surface every registry PDF is laid out on (ADR 0006): pdfkit with Noto Sans SC
 * embedded as a CID-keyed subset (Type0 / CIDFontType0C, Identity-H, with a ToUnicode map so the
 * text can be searched, copied and extracted), plus the registry's own marks: the seal drawn as
 * vectors, the QR of a verify URL, wrapped Chinese text and the translucent watermark.
 *
 * Coordinates are pdfkit's: points, origin top left, y downwards. Output depends only on what is
 * drawn and on `printedAt` (the document's CreationDate and the file id derive from it), so the
 * same input gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';
import { notoSansSc } from './cjkFont';

export const A4 = { width: 595.28, height: 841.89 };
export const RED = '#c71717';
export const INK = '#1a1a1a';
export const GREY = '#4d4d4d';
export const LINE = '#594d40';

export interface CanvasInfo {
  title: string;
  author: string;
  /** ISO instant: the file's CreationDate (and so its file id) */
  printedAt: string;
  /** keep pages open to draw on them at the end (page numbers) */
  bufferPages?: boolean;
}

export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Uint8Array>;

  constructor(info: CanvasInfo) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      bufferPages: info.bufferPages ?? false,
      info: {
        Title: info.title,
        Author: info.author,
        Creator: 'handheld-estate',
        Producer: 'handheld-estate (pdfkit)',
        CreationDate: new Date(info.printedAt),
      },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(this.chunks))));
      this.doc.on('error', reject);
    });
    // the font is opened once per process and shared (pdfkit makes a subset per document)
    this.doc.registerFont('sc', notoSansSc() as unknown as PDFKit.Mixins.PDFFontSource);
    this.doc.font('sc');
  }

  /** Ends the document: its bytes. */
  finish(): Promise<Uint8Array> {
    this.doc.end();
    return this.done;
  }

  width(text: string, size: number): number {
    return this.doc.fontSize(size).widthOfString(text);
  }

  /** One line of text, its top at `y` (no wrapping: one BT…ET block per call). */
  text(s: string, x: number, y: number, size: number, color = INK) {
    if (!s) return;
    this.doc.fillColor(color).fontSize(size).text(s, x, y, { lineBreak: false });
  }

  centred(s: string, cx: number, y: number, size: number, color = INK) {
    this.text(s, cx - this.width(s, size) / 2, y, size, color);
  }

  /** Breaks text into lines no wider than `width`, character by character (CJK has no spaces). */
  wrap(s: string, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const para of s.split('\n')) {
      let line = '';
      for (const ch of para) {
        if (line && this.width(line + ch, size) > width) {
          lines.push(line);
          line = ch;
        } else line += ch;
      }
      lines.push(line);
    }
    return lines.length ? lines : [''];
  }

  /** Wrapped text from `y`; returns the y below it. */
  paragraph(
    s: string,
    x: number,
    y: number,
    width: number,
    size: number,
    lead: number,
    color = INK,
  ) {
    let yy = y;
    for (const l of this.wrap(s, size, width)) {
      this.text(l, x, yy, size, color);
      yy += lead;
    }
    return yy;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.8, color = LINE) {
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y1).lineTo(x2, y2).stroke();
    this.doc.restore();
  }

  rect(x: number, y: number, w: number, h: number, width = 0.8, color = LINE) {
    this.doc.save().lineWidth(width).strokeColor(color).rect(x, y, w, h).stroke();
    this.doc.restore();
  }

  /**
   * The registry's seal as vectors: red ring, star, the issuer along the upper arc and the rest
   * of the seal's name (不动产登记专用章) across the bottom. Centre (cx, cy); `opacity` below 1 lets
   * the 落款 it is stamped over show through.
   */
  seal(sealName: string, issuer: string, cx: number, cy: number, r = 52, opacity = 1) {
    const d = this.doc;
    d.save().opacity(opacity);
    d.save().lineWidth(2.6).strokeColor(RED).circle(cx, cy, r).stroke();
    const star: [number, number][] = [];
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const rr = i % 2 === 0 ? 15 : 6;
      star.push([cx + rr * Math.cos(a), cy - 4 + rr * Math.sin(a)]);
    }
    d.polygon(...star).fill(RED);
    d.restore();
    const arc = sealName.startsWith(issuer) ? issuer : sealName;
    const bottom = sealName.startsWith(issuer) ? sealName.slice(issuer.length) : '';
    const chars = [...arc];
    const size = 10.5;
    const radius = r - 12;
    const span = (220 * Math.PI) / 180;
    chars.forEach((ch, i) => {
      const t = chars.length === 1 ? 0.5 : i / (chars.length - 1);
      // angle from the top, clockwise: −110° … +110°
      const phi = -span / 2 + t * span;
      const px = cx + radius * Math.sin(phi);
      const py = cy - radius * Math.cos(phi);
      d.save();
      d.rotate((phi * 180) / Math.PI, { origin: [px, py] });
      this.text(ch, px - this.width(ch, size) / 2, py - size * 0.45, size, RED);
      d.restore();
    });
    if (bottom) {
      const bs = Math.min(8, 74 / Math.max(1, this.width(bottom, 1)));
      this.centred(bottom, cx, cy + 20, bs, RED);
    }
    d.restore();
  }

  /** The QR of `url`, black modules, top left at (x, y). */
  qr(url: string, x: number, y: number, size: number) {
    const qr = qrcode(0, 'M');
    qr.addData(url, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    const cell = size / n;
    const d = this.doc.save();
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        if (qr.isDark(row, col)) d.rect(x + col * cell, y + row * cell, cell + 0.02, cell + 0.02);
      }
    }
    d.fill('#000000');
    d.restore();
  }

  /** A large translucent word across the page (已注销, 已作废 …). */
  watermark(word: string, size = 120) {
    const d = this.doc;
    const w = this.width(word, size);
    d.save();
    d.rotate(-30, { origin: [A4.width / 2, A4.height / 2] });
    d.fillOpacity(0.22);
    this.text(word, A4.width / 2 - w / 2, A4.height / 2 - size / 2, size, RED);
    d.restore();
  }
}
