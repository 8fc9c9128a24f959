/**
 * The registry's SM2 seal key (docs/registry-facts.md §9): created on first start with the OS
 * random source and kept in the database (registry_keys). Only the public key is ever served
 * (GET /api/v1/registry/public-key); the private key stays in this adapter.
 */
import { randomBytes } from 'node:crypto';
import {
  encodePublicKeyHex,
  kSourceFromRandomBytes,
  privateKeyFromHex,
  privateKeyToHex,
  publicKeyFromPrivateKey,
  SM2_CURVE,
  bytesToBigint,
} from '../../domain/crypto';
import { documentDigestHex, sealDocument, type SealedDocument } from '../../domain/documents';
import type { Sealer } from '../../ports';
import type { SqlDb } from '../sql';

const randomPrivateKey = (): bigint => {
  for (;;) {
    const d = bytesToBigint(new Uint8Array(randomBytes(32)));
    if (d >= 1n && d <= SM2_CURVE.n - 2n) return d;
  }
};

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

const CURRENT_KEY =
  'SELECT key_id, private_key_hex FROM registry_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1';
const INSERT_KEY =
  'INSERT INTO registry_keys (key_id, public_key_hex, private_key_hex, created_at) VALUES (?, ?, ?, ?)';

/** A fresh key with the OS random source, as a registry_keys row. */
function newKeyRow(): { key_id: string; public_key_hex: string; private_key_hex: string } {
  const d = randomPrivateKey();
  const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(d));
  return {
    key_id: `REGKEY-${documentDigestHex(publicKeyHex).slice(0, 16)}`,
    public_key_hex: publicKeyHex,
    private_key_hex: privateKeyToHex(d),
  };
}

const toKey = (row: { key_id: string; private_key_hex: string }): RegistryKey => ({
  keyId: row.key_id,
  privateKey: privateKeyFromHex(row.private_key_hex),
});

/**
 * Loads the current registry key, creating it on first start (the embedded file or PostgreSQL):
 * looked for and created in one write transaction, so registry nodes starting together on an
 * empty database agree on one key.
 */
export async function openRegistryKey(
  db: SqlDb,
  now: () => Date = () => new Date(),
): Promise<RegistryKey> {
  const row = await db.transaction(async (tx) => {
    const existing = await tx.get<{ key_id: string; private_key_hex: string }>(CURRENT_KEY);
    if (existing) return existing;
    const created = newKeyRow();
    await tx.run(INSERT_KEY, [
      created.key_id,
      created.public_key_hex,
      created.private_key_hex,
      now().toISOString(),
    ]);
    return created;
  });
  return toKey(row);
}

/** The seal of the current registry key (created on first start). */
export async function openRegistrySealer(
  db: SqlDb,
  now: () => Date = () => new Date(),
): Promise<RegistrySealer> {
  const key = await openRegistryKey(db, now);
  return new RegistrySealer(key.keyId, key.privateKey);
}
