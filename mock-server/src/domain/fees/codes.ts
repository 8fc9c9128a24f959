/**
 * Stable codes of the registration fee. Kept free of imports: domain/errors.ts lists them among
 * the domain's codes and the contract among the API's.
 */
export const FEE_DOMAIN_ERROR_CODES = [
  /** the caller is a party but not the one who pays the fee (docs/registry-facts.md §14) */
  'FEE_NOT_YOURS',
  /** the amount the payer confirmed is not the amount due now: show the fee card again */
  'FEE_CHANGED',
  /** the case owes no registration fee (a fee-free kind, an exemption) */
  'NO_FEE_DUE',
] as const;
