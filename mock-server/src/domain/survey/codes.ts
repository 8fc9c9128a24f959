/**
 * Stable codes of 权籍调查入库 (survey results from surveying firms). Kept free of imports:
 * domain/errors.ts lists them among the domain's codes and the contract among the API's.
 */
export const SURVEY_DOMAIN_ERROR_CODES = [
  /** the result failed one or more checks before entry; `reasons` names each (nothing stored) */
  'SURVEY_RESULT_REFUSED',
] as const;
