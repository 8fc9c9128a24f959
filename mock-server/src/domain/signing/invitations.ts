/** Invitation codes: 6 characters of an alphabet without look-alikes. Pure. */
export const INVITATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITATION_CODE_LENGTH = 6;

/** A code from random bytes (rejection sampling keeps the characters uniform). */
export function invitationCode(randomBytes: (n: number) => Uint8Array): string {
  const n = INVITATION_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < INVITATION_CODE_LENGTH) {
    for (const b of randomBytes(16)) {
      if (b < limit && out.length < INVITATION_CODE_LENGTH) out += INVITATION_ALPHABET[b % n];
    }
  }
  return out;
}

export const normaliseCode = (code: string): string => code.trim().toUpperCase();
