/**
 * Sealing a JSON body with the registry's key and checking a sealed body: the one place both are
 * done, so every notice, certificate and proof is sealed the same way and every check answers in
 * the same words.
 */
import {
  SEAL_CHECK_MESSAGES,
  verifySeal,
  type SealCheck,
  type SealedDocument,
} from '../../domain/documents';
import type { Sealer } from '../../ports';

/** The body sealed (SM2 over its canonical JSON), as a stored document carries it. */
export const sealBody = (sealer: Pick<Sealer, 'seal'>, body: object): SealedDocument =>
  sealer.seal(body) as unknown as SealedDocument;

export type SealVerdict =
  | { valid: true; message: string }
  | { valid: false; reason: Exclude<SealCheck, { valid: true }>['reason']; message: string };

/** Whether `doc` carries a valid seal of the trusted key over its body, in words for the reader. */
export function checkSealedBody(
  doc: SealedDocument<unknown>,
  trustedPublicKeyHex: string,
): SealVerdict {
  const check = verifySeal(doc, trustedPublicKeyHex);
  return check.valid
    ? { valid: true, message: '电子印章有效，文件内容未被改动' }
    : { valid: false, reason: check.reason, message: SEAL_CHECK_MESSAGES[check.reason] };
}
