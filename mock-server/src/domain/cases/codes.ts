/**
 * Stable codes of the guided application's unit and party checks: naming a unit by
 * certificate number and a spouse's consent. Kept free of imports: domain/errors.ts lists them
 * among the domain's codes and the contract among the API's.
 */
export const APPLICATION_ERROR_CODES = [
  /** not a 不动产权证书号 / 不动产证明号 of the form docs/registry-facts.md §2 gives */
  'CERTIFICATE_NUMBER_INVALID',
  /**
   * no certificate with this number in the register — and, online, a certificate the caller has
   * no standing on: both answer the same (docs/registry-facts.md §8)
   */
  'CERTIFICATE_NOT_FOUND',
  /**
   * online, a unit code the caller has no standing on (not a holder, mortgagor, mortgagee or
   * advance-notice holder of it) or that is not in the register: both answer the same
   */
  'UNIT_NOT_AVAILABLE',
  /** the certificate is cancelled or void (已注销 / 已作废) */
  'CERTIFICATE_NOT_CURRENT',
  /** the business does not take a certificate number, or the caller may not use this one */
  'CERTIFICATE_NOT_ALLOWED',
  /** the business type is not applied for online (e.g. the holdings proof) */
  'BUSINESS_NOT_ONLINE',
  /** the business type is not a registration a counter opens as a case (e.g. the holdings proof) */
  'BUSINESS_NOT_AT_COUNTER',
  /** a married holder's spouse must consent (common property) and cannot be left out */
  'SPOUSE_CONSENT_REQUIRED',
  /**
   * 民政 has not answered whether a holder is married (down, timed out, seal invalid), so
   * whether a spouse must consent is unknown; the case cannot be submitted until it answers
   */
  'MARRIAGE_STATUS_PENDING',
  /** a 婚姻状况承诺 is the holder's own pledge; nobody else can make it for them */
  'MARITAL_COMMITMENT_NOT_YOURS',
  /** 民政 answered for this holder (or the case is past signing): no commitment is taken */
  'MARITAL_COMMITMENT_NOT_NEEDED',
  /** the spouse named in a 婚姻状况承诺 is not a person in the population register */
  'SPOUSE_NOT_FOUND',
] as const;
export type ApplicationErrorCode = (typeof APPLICATION_ERROR_CODES)[number];
