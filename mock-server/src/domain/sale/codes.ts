/**
 * Stable codes of the home sale (online contract, tax, payment, utilities). Kept free of
 * imports: domain/errors.ts lists them among the domain's codes and the contract among the API's.
 */
export const SALE_DOMAIN_ERROR_CODES = [
  /** a contract term is out of range (price, date, fixtures) */
  'CONTRACT_TERMS_INVALID',
  /** the contract was filed (the case is submitted): its terms can no longer change */
  'CONTRACT_LOCKED',
  /** the case has no price to assess tax on (no filed contract, no declared price) */
  'TAX_NOT_ASSESSABLE',
  /** the payment gateway did not answer; nothing was charged */
  'PAYMENT_UNAVAILABLE',
  /** paid, the 完税证明 is not issued yet */
  'RECEIPT_UNAVAILABLE',
  /** the case was paid for a different amount */
  'PAYMENT_CONFLICT',
  /** a fact of the assessment (the shared family-housing count) could not be fetched */
  'TAX_FACTS_UNAVAILABLE',
  /** a taxpayer asked to pay lines that name somebody else, or has no line of their own */
  'TAX_NOT_YOURS',
  /** the case is outside every tax rule: it waits for the tax office's manual assessment (待人工核定) */
  'TAX_MANUAL_ASSESSMENT',
  /** the amount confirmed on the phone is not what the taxpayer owes now */
  'TAX_AMOUNT_CHANGED',
  /** a utility opt-in names an unknown service or a malformed account number */
  'UTILITIES_INVALID',
] as const;
