/**
 * The registry's SM2 key as presentations use it: the same key that seals
 * certificates (registryKey.ts) also seals presentation tokens and holdings proofs, so one
 * published public key checks them all.
 */
import { randomBytes } from 'node:crypto';
import { signDetached } from '../../domain/certificates';
import { kSourceFromRandomBytes } from '../../domain/crypto';
import { signPresentationToken, type PresentationClaims } from '../../domain/presentation';
import type { PresentationSigner } from '../../ports/certificates';
import type { KeyStore } from '../../ports/keys';
import type { SqlDb } from '../sql';
import { openRegistryKey, RegistrySealer, type RegistryKey } from './registryKey';

/** The presentation signer of a loaded key (registryKey.ts: openRegistryKey). */
export function presentationSigner(key: RegistryKey): PresentationSigner {
  const sealer = new RegistrySealer(key.keyId, key.privateKey);
  const kSource = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));
  return {
    keyId: sealer.keyId,
    publicKeyHex: sealer.publicKeyHex,
    seal: (body) => sealer.seal(body),
    signToken: (claims: PresentationClaims) =>
      signPresentationToken(claims, key.privateKey, kSource),
    signFile: (file, fileName) =>
      signDetached(file, fileName, { keyId: key.keyId, privateKey: key.privateKey }, kSource),
  };
}

/** The same, loading (or on first start creating) the key in the key store. */
export async function openPresentationSigner(
  db: SqlDb,
  keys: KeyStore,
): Promise<PresentationSigner> {
  return presentationSigner(await openRegistryKey(db, keys));
}
