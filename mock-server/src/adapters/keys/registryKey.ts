/**
 * The registry's SM2 seal key (docs/registry-facts.md §9): created on first start with the OS
 * random source and kept in the key files (fileKeyStore.ts), never in the database; its public
 * halves are published (GET /api/v1/registry/public-key, GET /api/v1/keys, registry_keys).
 */
import { randomBytes } from 'node:crypto';
import {
  encodePublicKeyHex,
  kSourceFromRandomBytes,
  publicKeyFromPrivateKey,
} from '../../domain/crypto';
import { sealDocument, type SealedDocument } from '../../domain/documents';
import type { Sealer } from '../../ports';
import type { KeyStore } from '../../ports/keys';
import type { SqlDb } from '../sql';
import { publishInDatabase } from './databaseKeys';

export class RegistrySealer implements Sealer {
  readonly publicKeyHex: string;
  private readonly kSource = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));

  constructor(
    readonly keyId: string,
    private readonly privateKey: bigint,
  ) {
    this.publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(privateKey));
  }

  seal<B>(body: B): SealedDocument<B> {
    return sealDocument(body, { keyId: this.keyId, privateKey: this.privateKey }, this.kSource);
  }
}

/** The registry's current key pair, as the seal and the presentation signer use it. */
export interface RegistryKey {
  keyId: string;
  privateKey: bigint;
}

/**
 * The current registry key from the key store (created on first start from the OS random
 * source), its public halves (current and retired) published in registry_keys.
 */
export async function openRegistryKey(db: SqlDb, keys: KeyStore): Promise<RegistryKey> {
  const key = await keys.current('registry');
  await publishInDatabase(db, 'registry', keys);
  return { keyId: key.keyId, privateKey: key.privateKey };
}

/** The seal of the current registry key (created on first start). */
export async function openRegistrySealer(db: SqlDb, keys: KeyStore): Promise<RegistrySealer> {
  const key = await openRegistryKey(db, keys);
  return new RegistrySealer(key.keyId, key.privateKey);
}
