/**
 * Lays out a 不动产权证书 on one A4 page like the national form: title, 证号,
 * the table of docs/registry-facts.md §3, 附记, the registry seal drawn as vector graphics, the QR of
 * the verify URL, the status when printed, a watermark when no longer current and the sentence that
 * online verification is authoritative. Drawn with pdfkit on the shared canvas (pdfCanvas.ts,
 * ADR 0006): Chinese text in an embedded Noto Sans SC subset.
 */
import type { CertificatePrint } from '../../domain/certificates';
import type { CertificatePdfRenderer } from '../../ports/certificates';
import { A4, GREY, PdfCanvas, RED } from './pdfCanvas';

const W = A4.width;
const LEFT = 56;
const RIGHT = W - 56;
const LABEL_W = 104;

export function renderCertificatePdf(print: CertificatePrint): Promise<Uint8Array> {
  const page = new PdfCanvas({
    title: `${print.title} ${print.number}`,
    author: print.issuer,
    printedAt: printedAtInstant(print.printedAt),
  });

  // frame
  page.rect(30, 30, W - 60, A4.height - 60, 1.6, RED);
  page.rect(36, 36, W - 72, A4.height - 72, 0.6, RED);

  // title and number
  page.centred([...print.title].join('  '), W / 2, 70, 26);
  page.centred(print.number, W / 2, 114, 13);

  // the table
  let y = 142;
  const size = 11;
  const lead = 16;
  const valueW = RIGHT - LEFT - LABEL_W - 16;
  const rows = [...print.rows, { label: '附记', value: print.remarks }];
  page.line(LEFT, y, RIGHT, y);
  for (const row of rows) {
    const lines = page.wrap(row.value, size, valueW);
    const h = Math.max(1, lines.length) * lead + 12;
    const top = y;
    page.centred(row.label, LEFT + LABEL_W / 2, top + 6, size);
    lines.forEach((l, i) => page.text(l, LEFT + LABEL_W + 8, top + 6 + i * lead, size));
    y += h;
    page.line(LEFT, y, RIGHT, y);
    page.line(LEFT, top, LEFT, y);
    page.line(LEFT + LABEL_W, top, LEFT + LABEL_W, y);
    page.line(RIGHT, top, RIGHT, y);
  }

  // issuer, date and seal; QR
  const blockTop = y + 24;
  const qrSize = 104;
  page.qr(print.verifyUrl, LEFT, blockTop, qrSize);
  const tx = LEFT + qrSize + 10;
  page.text('扫码在线核验证书当前状态', tx, blockTop + 8, 10);
  page.text('（仅显示证号与当前状态）', tx, blockTop + 26, 9, GREY);
  page.text(`登记机构：${print.issuer}`, tx, blockTop + 58, 11);
  page.text(`登记日期：${print.registeredOn}`, tx, blockTop + 78, 11);
  page.seal(print.sealName, print.issuer, RIGHT - 70, blockTop + 66);

  // footer
  let fy = blockTop + qrSize + 20;
  page.text(print.notice, LEFT, fy, 11, RED);
  fy += 20;
  const small = 8.5;
  const footer = [
    print.statusLine,
    `证照标识：${print.licenceId}`,
    `电子印章摘要（SM3）：${print.sealDigest}`,
    '本文件附登记机构 SM2 签名（certificate.pdf.sig），可用登记机构公布的公钥核验文件未被改动。',
    `核验地址：${print.verifyUrl}`,
    `打印时间：${print.printedAt}（北京时间）`,
  ];
  for (const f of footer) fy = page.paragraph(f, LEFT, fy, RIGHT - LEFT, small, 12, GREY);

  // watermark over everything when no longer current
  if (print.watermark) page.watermark(print.watermark);

  return page.finish();
}

/** "YYYY-MM-DD HH:mm" Beijing time → the instant (the file's CreationDate). */
const printedAtInstant = (beijing: string) =>
  new Date(`${beijing.replace(' ', 'T')}:00+08:00`).toISOString();

/** The renderer the use case calls. */
export function certificatePdfRenderer(): CertificatePdfRenderer {
  return { render: (print) => renderCertificatePdf(print) };
}
