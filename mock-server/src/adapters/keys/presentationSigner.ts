/**
 * The registry's SM2 key as presentations use it: the same key that seals
 * certificates (registryKey.ts) also seals presentation tokens and holdings proofs, so one
 * published public key checks them all.
 */
import { randomBytes } from 'node:crypto';
import { signDetached } from '../../domain/certificates';
import { kSourceFromRandomBytes, privateKeyFromHex } from '../../domain/crypto';
import { signPresentationToken, type PresentationClaims } from '../../domain/presentation';
import type { PresentationSigner } from '../../ports/certificates';
import type { Db } from '../sqlite/database';
import { loadOrCreateRegistrySealer } from './registryKey';

export function loadPresentationSigner(db: Db, now: () => Date): PresentationSigner {
  const sealer = loadOrCreateRegistrySealer(db, now);
  const row = db
    .prepare('SELECT private_key_hex FROM registry_keys WHERE key_id = ?')
    .get(sealer.keyId) as { private_key_hex: string };
  const privateKey = privateKeyFromHex(row.private_key_hex);
  const kSource = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));
  return {
    keyId: sealer.keyId,
    publicKeyHex: sealer.publicKeyHex,
    seal: (body) => sealer.seal(body),
    signToken: (claims: PresentationClaims) => signPresentationToken(claims, privateKey, kSource),
    signFile: (file, fileName) =>
      signDetached(file, fileName, { keyId: sealer.keyId, privateKey }, kSource),
  };
}
