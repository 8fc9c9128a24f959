/**
 * Stable codes of the guided application's unit and party checks: naming a unit by
 * certificate number and a spouse's consent. Kept free of imports: domain/errors.ts lists them
 * among the domain's codes and the contract among the API's.
 */
export const APPLICATION_ERROR_CODES = [
  /** 422: not a 不动产权证书号 / 不动产证明号 of the form docs/registry-facts.md §2 gives */
  'CERTIFICATE_NUMBER_INVALID',
  /** 404: no certificate with this number in the register */
  'CERTIFICATE_NOT_FOUND',
  /** 409: the certificate is cancelled or void (已注销 / 已作废) */
  'CERTIFICATE_NOT_CURRENT',
  /** 403: the business does not take a certificate number, or the caller may not use this one */
  'CERTIFICATE_NOT_ALLOWED',
  /** 422: the business type is not applied for online (e.g. the holdings proof) */
  'BUSINESS_NOT_ONLINE',
  /** 422: the business type is not a registration a counter opens as a case (e.g. the holdings proof) */
  'BUSINESS_NOT_AT_COUNTER',
  /** 422: a married holder's spouse must consent (common property) and cannot be left out */
  'SPOUSE_CONSENT_REQUIRED',
  /**
   * 409: 民政 has not answered whether a holder is married (down, timed out, seal invalid), so
   * whether a spouse must consent is unknown; the case cannot be submitted until it answers
   */
  'MARRIAGE_STATUS_PENDING',
  /** 403: a 婚姻状况承诺 is the holder's own pledge; nobody else can make it for them */
  'MARITAL_COMMITMENT_NOT_YOURS',
  /** 409: 民政 answered for this holder (or the case is past signing): no commitment is taken */
  'MARITAL_COMMITMENT_NOT_NEEDED',
  /** 422: the spouse named in a 婚姻状况承诺 is not a person in the population register */
  'SPOUSE_NOT_FOUND',
] as const;
export type ApplicationErrorCode = (typeof APPLICATION_ERROR_CODES)[number];
