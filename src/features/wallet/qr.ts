import qrcode from 'qrcode-generator';

/**
 * A QR code as an image data URL (GIF; works in <Image> on H5 and in mini-programs). Error
 * correction M keeps a phone-screen screenshot readable.
 */
export function qrDataUrl(text: string, cellSize = 4, margin = 4): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(cellSize, margin);
}

/** Where the QR sends a phone camera: the public verify page with the token in its fragment. */
export function verifyUrl(verifyPath: string, token: string, apiBase: string): string {
  const absolute = /^(https?:\/\/[^/]+)/.exec(apiBase)?.[1];
  const origin =
    absolute ?? (typeof window !== 'undefined' && window.location ? window.location.origin : '');
  return `${origin}${verifyPath}#${token}`;
}

/** The verify page itself (the address without its token), where a verifier types the 6-digit code. */
export const verifyPage = (url: string): string => url.replace(/#.*$/, '');
