import qrcode from 'qrcode-generator';

/**
 * The invitation link as a QR image (GIF data URL, as the wallet's 亮证 draws it). Loaded on demand
 * by InviteQr, so qrcode-generator never enters the H5 first load.
 */
export function inviteQrDataUrl(url: string, cellSize = 4, margin = 4): string {
  const qr = qrcode(0, 'M');
  qr.addData(url, 'Byte');
  qr.make();
  return qr.createDataURL(cellSize, margin);
}
