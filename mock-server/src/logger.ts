/**
 * pino logger that never writes personal data: ID numbers, phones and names are redacted by
 * path, request bodies are never logged, and URLs are scrubbed of anything that looks like a
 * 公民身份号码 or a mobile number. Logs go to stderr; stdout carries only the listening line.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

const PERSONAL_KEYS = [
  'idNumber',
  'phone',
  'name',
  'holders',
  'mortgagors',
  'spouse',
  'certNo',
  'certName',
  'userName',
  'idNo',
  // identity requests: frames are biometric data, tokens and tickets are credentials
  'frames',
  'token',
  'ticketId',
  'passId',
  'accessToken',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-zlb-ticket"]',
  'res.headers["set-cookie"]',
  'body',
  'req.body',
  ...PERSONAL_KEYS,
  ...PERSONAL_KEYS.map((k) => `*.${k}`),
  ...PERSONAL_KEYS.map((k) => `*.*.${k}`),
  ...PERSONAL_KEYS.map((k) => `*[*].${k}`),
];

/**
 * Decodes percent-encoded ASCII (`%33` → `3`), up to three rounds (`%2533` → `%33` → `3`), so
 * an encoded ID number or phone is seen by the scrubber; other bytes (encoded Chinese) stay
 * encoded. Never throws on a malformed escape (unlike decodeURIComponent).
 */
function percentDecodedAscii(text: string): string {
  let s = text;
  for (let round = 0; round < 3; round++) {
    const next = s.replace(/%([0-7][0-9A-Fa-f])/g, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (next === s) break;
    s = next;
  }
  return s;
}

/**
 * Masks 18-character ID numbers and 11-digit mobile numbers inside free text (e.g. URLs),
 * percent-encoded ones included (the text is logged decoded).
 */
export function scrubPersonalData(text: string): string {
  return percentDecodedAscii(text)
    .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[身份证号已隐藏]')
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[手机号已隐藏]');
}

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
}
interface ReplyLike {
  statusCode?: number;
}

export function createLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level,
      base: { service: 'handheld-estate-registry' },
      redact: { paths: REDACT_PATHS, censor: '[已隐藏]' },
      serializers: {
        req: (req: RequestLike) => ({
          method: req.method,
          url: req.url === undefined ? undefined : scrubPersonalData(req.url),
          requestId: req.id,
        }),
        res: (res: ReplyLike) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
