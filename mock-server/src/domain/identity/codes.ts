/**
 * Stable error codes of identity, sessions and step-up. One list: the domain's
 * DOMAIN_ERROR_CODES and the contract's AUTH_ERROR_CODES both take it from here.
 */
export const IDENTITY_ERROR_CODES = [
  'ID_NUMBER_INVALID',
  'PERSON_UNKNOWN',
  'NAME_ID_MISMATCH',
  'FACE_MISMATCH',
  'CHALLENGE_EXPIRED',
  'CHALLENGE_NOT_FOUND',
  'FRAMES_TOO_FEW',
  'FRAME_INVALID',
  'FRAMES_REPLAYED',
  'FRAME_OUT_OF_WINDOW',
  'ASSERTION_INVALID',
  'ASSERTION_REPLAYED',
  'LOCKED_OUT',
  'ZLB_TICKET_INVALID',
  'STEP_UP_REQUIRED',
  'IDENTITY_PLATFORM_UNAVAILABLE',
] as const;
