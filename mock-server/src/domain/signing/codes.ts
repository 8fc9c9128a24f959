/**
 * Stable codes of applying from a phone (invitations, 询问笔录, uploads, signatures). Kept free of
 * imports: domain/errors.ts lists them among the domain's codes and the contract among the API's.
 */
export const SIGNING_DOMAIN_ERROR_CODES = [
  'INQUIRY_BLOCKING',
  'INQUIRY_INVALID',
  'BUNDLE_CHANGED',
  'SIGNATURES_INCOMPLETE',
  'INVITATION_NOT_FOUND',
  'INVITATION_EXPIRED',
  'UPLOAD_TYPE_UNSUPPORTED',
  'UPLOAD_TOO_LARGE',
  'UPLOAD_TOO_MANY_PIXELS',
  'UPLOAD_TRUNCATED',
  'UPLOAD_DIGEST_MISMATCH',
  /** the file carries more than a picture or pages: script, launch action, embedded file, form, markup, trailing data, a decompression bomb */
  'UPLOAD_CONTENT_REFUSED',
  'MATERIAL_SOURCE_NOT_ALLOWED',
  'HANDWRITING_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  /** the caller may not do this (e.g. only the initiator may invite) */
  'FORBIDDEN',
] as const;
