/**
 * Lays out any document copy (domain/documents/documentCopy.ts) on A4 pages with pdfkit
 * (ADR 0006): title, number and subtitle; each section with its heading; labelled rows as a
 * two-column form, paragraphs, tables with a header row, numbered lists, 问/答 pairs and signature
 * lines; the 落款 (issuer and date) with the registry's seal over it; then the QR that checks the
 * copy online, the content digest, the note on the detached signature and the print time; page
 * numbers on every page. The drawing only lays out: every string arrives as display text.
 */
import type { DocumentCopy } from '../../domain/documents/documentCopy';
import type { PrintBlock } from '../../domain/documents/printModel';
import type { DocumentPdfRenderer } from '../../ports/documentCopies';
import { A4, GREY, INK, PdfCanvas, RED } from './pdfCanvas';

const LEFT = 56;
const RIGHT = A4.width - 56;
const TOP = 56;
const BOTTOM = A4.height - 64;
const LABEL_W = 108;
const SIZE = 11;
const LEAD = 16;

class Flow {
  y = TOP;
  constructor(readonly c: PdfCanvas) {}

  /** Starts a new page when fewer than `h` points are left. */
  need(h: number) {
    if (this.y + h <= BOTTOM) return;
    this.c.doc.addPage({ size: 'A4', margin: 0 });
    this.y = TOP;
  }

  heading(text: string) {
    this.need(28 + LEAD);
    this.y += 8;
    this.c.doc
      .save()
      .rect(LEFT, this.y, RIGHT - LEFT, 20)
      .fill('#f2ece4');
    this.c.doc.restore();
    this.c.text(text, LEFT + 8, this.y + 3, 11.5, INK);
    this.y += 26;
  }

  rows(rows: { label: string; value: string }[]) {
    const valueW = RIGHT - LEFT - LABEL_W - 16;
    for (const row of rows) {
      const labelLines = this.c.wrap(row.label, SIZE, LABEL_W - 12);
      const lines = this.c.wrap(row.value || '—', SIZE, valueW);
      const h = Math.max(lines.length, labelLines.length) * LEAD + 10;
      this.need(h);
      const top = this.y;
      labelLines.forEach((l, i) => this.c.text(l, LEFT + 6, top + 5 + i * LEAD, SIZE, GREY));
      lines.forEach((l, i) => this.c.text(l, LEFT + LABEL_W + 8, top + 5 + i * LEAD, SIZE));
      this.y += h;
      this.c.rect(LEFT, top, RIGHT - LEFT, h, 0.6);
      this.c.line(LEFT + LABEL_W, top, LEFT + LABEL_W, top + h, 0.6);
    }
    this.y += 6;
  }

  paragraph(text: string, emphasis = false) {
    for (const l of this.c.wrap(text, SIZE, RIGHT - LEFT)) {
      this.need(LEAD);
      this.c.text(l, LEFT, this.y, SIZE, emphasis ? RED : INK);
      this.y += LEAD;
    }
    this.y += 6;
  }

  table(columns: string[], rows: string[][], caption?: string) {
    if (caption) this.paragraph(caption);
    const n = Math.max(1, columns.length);
    const w = (RIGHT - LEFT) / n;
    const row = (cells: string[], header: boolean) => {
      const wrapped = cells.map((cell) => this.c.wrap(cell || '—', SIZE - 0.5, w - 12));
      const h = Math.max(...wrapped.map((x) => x.length), 1) * LEAD + 8;
      this.need(h);
      const top = this.y;
      if (header) {
        this.c.doc
          .save()
          .rect(LEFT, top, RIGHT - LEFT, h)
          .fill('#f7f4ef');
        this.c.doc.restore();
      }
      wrapped.forEach((lines, i) =>
        lines.forEach((l, j) =>
          this.c.text(l, LEFT + i * w + 6, top + 4 + j * LEAD, SIZE - 0.5, header ? GREY : INK),
        ),
      );
      this.c.rect(LEFT, top, RIGHT - LEFT, h, 0.6);
      for (let i = 1; i < n; i++) this.c.line(LEFT + i * w, top, LEFT + i * w, top + h, 0.6);
      this.y += h;
    };
    row(columns, true);
    for (const r of rows) row(r, false);
    this.y += 8;
  }

  list(items: string[]) {
    items.forEach((item, i) => {
      const mark = `${i + 1}. `;
      const indent = this.c.width(mark, SIZE);
      this.c.wrap(item, SIZE, RIGHT - LEFT - indent).forEach((l, j) => {
        this.need(LEAD);
        if (j === 0) this.c.text(mark, LEFT, this.y, SIZE);
        this.c.text(l, LEFT + indent, this.y, SIZE);
        this.y += LEAD;
      });
    });
    this.y += 6;
  }

  block(b: PrintBlock) {
    switch (b.type) {
      case 'rows':
        return this.rows(b.rows);
      case 'paragraph':
        return this.paragraph(b.text, b.emphasis);
      case 'table':
        return this.table(b.columns, b.rows, b.caption);
      case 'list':
        return this.list(b.items);
      case 'qa':
        for (const q of b.items) {
          this.paragraph(`问：${q.question}`);
          this.y -= 4;
          this.paragraph(`答（${q.answeredBy}）：${q.answer}`);
        }
        return;
      case 'signatures':
        return this.table(
          ['身份', '姓名/名称', '签署情况'],
          b.lines.map((l) => [l.role, l.name, l.status]),
        );
    }
  }
}

export function renderDocumentPdf(copy: DocumentCopy): Promise<Uint8Array> {
  const r = copy.rendering;
  const c = new PdfCanvas({
    title: r.number ? `${r.title} ${r.number}` : r.title,
    author: copy.issuer,
    printedAt: copy.printedAt,
    bufferPages: true,
  });
  const f = new Flow(c);

  c.centred(r.title, A4.width / 2, f.y, 20);
  f.y += 32;
  if (r.number) {
    c.centred(r.number, A4.width / 2, f.y, 11.5);
    f.y += 20;
  }
  if (r.subtitle) {
    c.centred(r.subtitle, A4.width / 2, f.y, 11.5, GREY);
    f.y += 20;
  }
  f.y += 6;

  for (const section of r.sections) {
    if (section.heading) f.heading(section.heading);
    for (const b of section.blocks) f.block(b);
  }
  if (r.footnote) f.paragraph(r.footnote);

  // 落款 with the seal over it, QR and the copy's marks
  const sealR = 52;
  f.need(2 * sealR + 30 + 104 + 110);
  f.y += 10;
  const closingIssuer = r.closing?.issuer ?? copy.issuer;
  const closingW = Math.max(c.width(closingIssuer, SIZE), c.width(r.closing?.date ?? '', SIZE));
  const sealCy = f.y + sealR;
  // the 落款 first, the seal stamped over it (translucent, so the words show through)
  c.text(closingIssuer, RIGHT - closingW, sealCy - 16, SIZE);
  if (r.closing?.date) c.text(r.closing.date, RIGHT - closingW, sealCy + 4, SIZE);
  c.seal(copy.sealName, copy.issuer, RIGHT - closingW / 2, sealCy, sealR, 0.8);
  f.y = sealCy + sealR + 18;

  const qrSize = 96;
  c.qr(copy.verifyUrl, LEFT, f.y, qrSize);
  const tx = LEFT + qrSize + 12;
  c.text('扫码在线核验本副本', tx, f.y + 6, 10);
  c.text('（仅显示文书名称、编号与核验结果）', tx, f.y + 24, 9, GREY);
  let fy = f.y + 46;
  fy = c.paragraph(copy.notice, tx, fy, RIGHT - tx, 9, 12, RED);
  f.y = Math.max(f.y + qrSize + 14, fy + 6);
  const small = 8.5;
  for (const line of [
    `文书摘要（SM3）：${copy.contentDigest}`,
    `本文件附登记机构 SM2 签名（${copy.signatureFile}），可用登记机构公布的公钥核验文件未被改动。`,
    `核验地址：${copy.verifyUrl}`,
    `打印时间：${copy.printedAtText}（北京时间）`,
  ]) {
    f.y = c.paragraph(line, LEFT, f.y, RIGHT - LEFT, small, 12, GREY);
  }

  // page numbers
  const range = c.doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    c.doc.switchToPage(range.start + i);
    c.centred(`第 ${i + 1} 页 / 共 ${range.count} 页`, A4.width / 2, A4.height - 40, 8.5, GREY);
  }
  return c.finish();
}

export function documentPdfRenderer(): DocumentPdfRenderer {
  return { render: (copy) => renderDocumentPdf(copy) };
}
