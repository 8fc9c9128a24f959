/**
 * Stable codes of acting for a party (委托代理人, 监护人). Kept free of imports: domain/errors.ts
 * lists them among the domain's codes and the contract among the API's.
 */
export const REPRESENTATION_DOMAIN_ERROR_CODES = [
  /** the law does not let this person act for this party here (民法典 §168, §23, §27) */
  'REPRESENTATION_NOT_ALLOWED',
  /** the party already has a standing agent or guardian in this case */
  'REPRESENTATION_EXISTS',
  /** acting for a party without a standing authority (none, revoked, or still under review) */
  'NO_STANDING',
  /** 公安's household register does not show the caller as the minor's parent */
  'GUARDIANSHIP_NOT_SHOWN',
] as const;
