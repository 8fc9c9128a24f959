/**
 * File formats the archive accepts (usability and security of 四性检测, DA/T 70): each item must
 * open as its declared format, and nothing executable or unknown may be kept. Pure.
 */
export const ARCHIVE_MEDIA_TYPES = [
  'application/json',
  'image/jpeg',
  'image/png',
  'application/pdf',
] as const;
export type ArchiveMediaType = (typeof ARCHIVE_MEDIA_TYPES)[number];

export const isArchiveMediaType = (t: string): t is ArchiveMediaType =>
  (ARCHIVE_MEDIA_TYPES as readonly string[]).includes(t);

export type Sniffed = ArchiveMediaType | 'executable' | 'unknown';

const startsWith = (b: Uint8Array, sig: readonly number[]) =>
  b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** Executable signatures: PE (MZ), ELF, Mach-O, shell scripts (#!), Java class files. */
const EXECUTABLE_SIGNATURES: readonly (readonly number[])[] = [
  [0x4d, 0x5a],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0x23, 0x21],
  [0xca, 0xfe, 0xba, 0xbe],
];

/** What the bytes are, by magic number (JSON: parses as UTF-8 JSON). */
export function sniff(bytes: Uint8Array): Sniffed {
  if (EXECUTABLE_SIGNATURES.some((s) => startsWith(bytes, s))) return 'executable';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return 'application/json';
  } catch {
    return 'unknown';
  }
}

/** Decodes base64 strictly (no whitespace tricks); undefined when it is not base64. */
export function decodeBase64(data: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) return undefined;
  const bin = atob(data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
