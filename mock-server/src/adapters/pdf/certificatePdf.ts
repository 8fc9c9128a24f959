/**
 * Lays out a 不动产权证书 on one A4 page like the national form: title, 证号,
 * the table of docs/registry-facts.md §3, 附记, the registry seal drawn as vector graphics, the QR of
 * the verify URL, the status when printed, a watermark when no longer current and the sentence that
 * online verification is authoritative. Chinese text through Type 3 fonts (cjkFont.ts).
 */
import qrcode from 'qrcode-generator';
import type { CertificatePrint } from '../../domain/certificates';
import type { CertificatePdfRenderer } from '../../ports/certificates';
import { NotoSansSc, Type3FontSet, type GlyphSource } from './cjkFont';
import { fmt, pdfLiteral, pdfTextString, PdfWriter } from './pdfWriter';

const W = 595.28;
const H = 841.89;
const LEFT = 56;
const RIGHT = W - 56;
const LABEL_W = 104;
const RED = '0.78 0.09 0.09';
const INK = '0.1 0.1 0.1';
const LINE = '0.35 0.3 0.25';

class Page {
  readonly ops: string[] = [];
  constructor(readonly fonts: Type3FontSet) {}

  text(s: string, x: number, y: number, size: number, color = INK) {
    this.textAt(s, [1, 0, 0, 1, x, y], size, color);
  }

  textAt(s: string, m: number[], size: number, color = INK) {
    if (!s) return;
    const runs = this.fonts.encode(s);
    this.ops.push(
      `BT ${color} rg ${m.map(fmt).join(' ')} Tm ${runs
        .map((r) => `/${r.font} ${fmt(size)} Tf <${r.hex}> Tj`)
        .join(' ')} ET`,
    );
  }

  centred(s: string, cx: number, y: number, size: number, color = INK) {
    this.text(s, cx - this.fonts.width(s, size) / 2, y, size, color);
  }

  /** Breaks text into lines no wider than `width`, character by character. */
  wrap(s: string, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const ch of s) {
      if (line && this.fonts.width(line + ch, size) > width) {
        lines.push(line);
        line = ch;
      } else line += ch;
    }
    if (line) lines.push(line);
    return lines.length ? lines : [''];
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.8, color = LINE) {
    this.ops.push(`${color} RG ${fmt(width)} w ${fmt(x1)} ${fmt(y1)} m ${fmt(x2)} ${fmt(y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number, width = 0.8, color = LINE) {
    this.ops.push(`${color} RG ${fmt(width)} w ${[x, y, w, h].map(fmt).join(' ')} re S`);
  }

  circle(cx: number, cy: number, r: number, width: number, color: string) {
    const k = 0.5523 * r;
    const p = (a: number[]) => a.map(fmt).join(' ');
    this.ops.push(
      `${color} RG ${fmt(width)} w ${p([cx + r, cy])} m`,
      `${p([cx + r, cy + k, cx + k, cy + r, cx, cy + r])} c`,
      `${p([cx - k, cy + r, cx - r, cy + k, cx - r, cy])} c`,
      `${p([cx - r, cy - k, cx - k, cy - r, cx, cy - r])} c`,
      `${p([cx + k, cy - r, cx + r, cy - k, cx + r, cy])} c S`,
    );
  }
}

function drawSeal(page: Page, print: CertificatePrint, cx: number, cy: number) {
  const r = 52;
  page.circle(cx, cy, r, 2.6, RED);
  // five-pointed star
  const star: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? 15 : 6;
    star.push(`${fmt(cx + rr * Math.cos(a))} ${fmt(cy + 4 + rr * Math.sin(a))} ${i ? 'l' : 'm'}`);
  }
  page.ops.push(`${RED} rg ${star.join(' ')} h f`);
  const arc = print.sealName.startsWith(print.issuer) ? print.issuer : print.sealName;
  const bottom = print.sealName.startsWith(print.issuer)
    ? print.sealName.slice(print.issuer.length)
    : '';
  const chars = [...arc];
  const size = 10.5;
  const radius = r - 12;
  const span = (220 * Math.PI) / 180;
  chars.forEach((ch, i) => {
    const t = chars.length === 1 ? 0.5 : i / (chars.length - 1);
    const theta = Math.PI / 2 + span / 2 - t * span;
    const u = [Math.sin(theta), -Math.cos(theta)]; // baseline direction
    const v = [Math.cos(theta), Math.sin(theta)]; // glyph up = outwards
    const w = page.fonts.width(ch, size);
    const px = cx + radius * v[0] - (w / 2) * u[0] - size * 0.38 * v[0];
    const py = cy + radius * v[1] - (w / 2) * u[1] - size * 0.38 * v[1];
    page.textAt(ch, [u[0], u[1], v[0], v[1], px, py], size, RED);
  });
  if (bottom) {
    const bs = Math.min(8, 74 / Math.max(1, page.fonts.width(bottom, 1)));
    page.centred(bottom, cx, cy - 24, bs, RED);
  }
}

function drawQr(page: Page, url: string, x: number, y: number, size: number) {
  const qr = qrcode(0, 'M');
  qr.addData(url, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const cell = size / n;
  const rects: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.isDark(row, col)) {
        rects.push(
          `${fmt(x + col * cell)} ${fmt(y + size - (row + 1) * cell)} ${fmt(cell + 0.02)} ${fmt(cell + 0.02)} re`,
        );
      }
    }
  }
  page.ops.push(`0 0 0 rg ${rects.join(' ')} f`);
}

/** D:YYYYMMDDHHmm+08'00' from a Beijing "YYYY-MM-DD HH:mm". */
const pdfDate = (beijing: string) => `(D:${beijing.replace(/[- :]/g, '')}00+08'00')`;

export function renderCertificatePdf(print: CertificatePrint, glyphs: GlyphSource): Uint8Array {
  const fonts = new Type3FontSet(glyphs);
  const page = new Page(fonts);

  // frame
  page.rect(30, 30, W - 60, H - 60, 1.6, RED);
  page.rect(36, 36, W - 72, H - 72, 0.6, RED);

  // title and number
  const title = [...print.title].join('  ');
  page.centred(title, W / 2, H - 96, 26);
  page.centred(print.number, W / 2, H - 130, 13);

  // the table
  let y = H - 150;
  const size = 11;
  const lead = 16;
  const valueW = RIGHT - LEFT - LABEL_W - 16;
  const rows = [...print.rows, { label: '附记', value: print.remarks }];
  page.line(LEFT, y, RIGHT, y);
  for (const row of rows) {
    const lines = page.wrap(row.value, size, valueW);
    const h = Math.max(1, lines.length) * lead + 12;
    const top = y;
    page.centred(row.label, LEFT + LABEL_W / 2, top - 8 - size, size);
    lines.forEach((l, i) => page.text(l, LEFT + LABEL_W + 8, top - 8 - size - i * lead, size));
    y -= h;
    page.line(LEFT, y, RIGHT, y);
    page.line(LEFT, top, LEFT, y);
    page.line(LEFT + LABEL_W, top, LEFT + LABEL_W, y);
    page.line(RIGHT, top, RIGHT, y);
  }

  // issuer, date and seal; QR
  const blockTop = y - 24;
  const qrSize = 104;
  drawQr(page, print.verifyUrl, LEFT, blockTop - qrSize, qrSize);
  page.text('扫码在线核验证书当前状态', LEFT + qrSize + 10, blockTop - 20, 10);
  page.text('（仅显示证号与当前状态）', LEFT + qrSize + 10, blockTop - 36, 9, '0.35 0.35 0.35');
  page.text(`登记机构：${print.issuer}`, LEFT + qrSize + 10, blockTop - 70, 11);
  page.text(`登记日期：${print.registeredOn}`, LEFT + qrSize + 10, blockTop - 90, 11);
  drawSeal(page, print, RIGHT - 70, blockTop - 66);

  // footer
  let fy = blockTop - qrSize - 30;
  page.text(print.notice, LEFT, fy, 11, RED);
  fy -= 18;
  const small = 8.5;
  const footer = [
    print.statusLine,
    `证照标识：${print.licenceId}`,
    `电子印章摘要（SM3）：${print.sealDigest}`,
    '本文件附登记机构 SM2 签名（certificate.pdf.sig），可用登记机构公布的公钥核验文件未被改动。',
    `核验地址：${print.verifyUrl}`,
    `打印时间：${print.printedAt}（北京时间）`,
  ];
  for (const f of footer) {
    for (const l of page.wrap(f, small, RIGHT - LEFT)) {
      page.text(l, LEFT, fy, small, '0.3 0.3 0.3');
      fy -= 12;
    }
  }

  // watermark over everything when no longer current
  if (print.watermark) {
    const ws = 120;
    const a = Math.PI / 6;
    const w = fonts.width(print.watermark, ws);
    const [c, s] = [Math.cos(a), Math.sin(a)];
    const x = W / 2 - (w / 2) * c + ws * 0.35 * s;
    const yy = H / 2 - (w / 2) * s - ws * 0.35 * c;
    page.ops.push('q /GSW gs');
    page.textAt(print.watermark, [c, s, -s, c, x, yy], ws, RED);
    page.ops.push('Q');
  }

  const w = new PdfWriter();
  const catalogId = w.reserve();
  const pagesId = w.reserve();
  const pageId = w.reserve();
  const contentId = w.addStream({}, page.ops.join('\n'));
  const fontDict = fonts.write(w);
  w.set(pageId, {
    Type: '/Page',
    Parent: w.ref(pagesId),
    MediaBox: [0, 0, W, H],
    Resources: {
      Font: fontDict,
      ExtGState: { GSW: { Type: '/ExtGState', ca: 0.22, CA: 0.22 } },
    },
    Contents: w.ref(contentId),
  });
  w.set(pagesId, { Type: '/Pages', Kids: [w.ref(pageId)], Count: 1 });
  w.set(catalogId, { Type: '/Catalog', Pages: w.ref(pagesId), Lang: pdfLiteral('zh-CN') });
  const infoId = w.add({
    Title: pdfTextString(`${print.title} ${print.number}`),
    Author: pdfTextString(print.issuer),
    Producer: pdfLiteral('handheld-estate'),
    CreationDate: pdfDate(print.printedAt),
  });
  return w.finish(catalogId, infoId);
}

/** The renderer the use case calls: one font source per process. */
export function certificatePdfRenderer(
  glyphs: GlyphSource = new NotoSansSc(),
): CertificatePdfRenderer {
  return { render: (print) => renderCertificatePdf(print, glyphs) };
}
