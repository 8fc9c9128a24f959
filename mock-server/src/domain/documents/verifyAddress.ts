/**
 * The one verification address of the registry's certificates (工作细则 三(四): a certificate is
 * verified online before each use). Everything that shows a QR points at the public page
 * `/verify`: the QR field inside a sealed certificate or registration proof, the QR printed on its
 * PDF (both `/verify?c=<certificate id>&check=<128-bit hex>`: the page asks the registry for the
 * status now, number only) and the holder's 亮证 (`/verify#<token>`: the fields the holder chose).
 *
 * The check value proves that whoever asks has seen the certificate (ids of seeded certificates
 * can be guessed). A sealed body cannot carry a value derived from its own seal, so a certificate
 * sealed with a QR field carries a check derived from a fresh random id given when it is sealed;
 * a certificate sealed without one is checked by the value derived from its seal
 * (`printCheckValue`, domain/certificates/print.ts), as its PDF always printed. Pure.
 */
import { bytesToHex, sm3, utf8 } from '../crypto';

/** the public verify page (HTML), for QR codes of certificates, PDFs and 亮证 */
export const VERIFY_PATH = '/verify';

const CHECK_RE = /^[0-9a-f]{32}$/;

/** A certificate's QR check value from a fresh random id (128 bits of SM3, hex). */
export const qrCheckFrom = (randomId: string): string =>
  bytesToHex(sm3(utf8(`HE-QR-1|${randomId}`))).slice(0, 32);

/** `/verify?c=<certificate id>&check=<check>`: the path a certificate's QR carries. */
export const certificateVerifyPath = (certificateId: string, check: string): string =>
  `${VERIFY_PATH}?c=${encodeURIComponent(certificateId)}&check=${check}`;

/**
 * The check value of the QR field inside a sealed body, when it is the verify address of this
 * certificate; undefined for bodies sealed before the field verified (or with none).
 */
export function qrCheckIn(body: unknown, certificateId: string): string | undefined {
  const qr = (body as { qrCode?: unknown } | null)?.qrCode;
  if (typeof qr !== 'string' || !qr.startsWith(`${VERIFY_PATH}?`)) return undefined;
  const q = new URLSearchParams(qr.slice(VERIFY_PATH.length + 1));
  const check = q.get('check') ?? '';
  return q.get('c') === certificateId && CHECK_RE.test(check) ? check : undefined;
}
