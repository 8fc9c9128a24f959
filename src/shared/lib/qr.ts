import qrcode from 'qrcode-generator';

/**
 * A QR code as an image data URL (GIF; works in <img> on H5 and in <Image> in mini-programs),
 * for 亮证 and the invitation alike. Error correction M keeps a phone-screen screenshot readable.
 * Import it only from pages that draw a QR code (or load it on demand), so that the encoder
 * never enters the H5 first load.
 */
export function qrDataUrl(text: string, cellSize = 4, margin = 4): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(cellSize, margin);
}
