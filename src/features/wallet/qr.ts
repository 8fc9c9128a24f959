export { qrDataUrl } from '@/shared/lib/qr';

/** Where the QR sends a phone camera: the public verify page with the token in its fragment. */
export function verifyUrl(verifyPath: string, token: string, apiBase: string): string {
  const absolute = /^(https?:\/\/[^/]+)/.exec(apiBase)?.[1];
  const origin =
    absolute ?? (typeof window !== 'undefined' && window.location ? window.location.origin : '');
  return `${origin}${verifyPath}#${token}`;
}

/** The verify page itself (the address without its token), where a verifier types the 6-digit code. */
export const verifyPage = (url: string): string => url.replace(/#.*$/, '');
