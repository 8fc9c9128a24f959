/**
 * The registry's SM2 seal key (docs/registry-facts.md §9): created on first start with the OS
 * random source and kept in SQLite (registry_keys). Only the public key is ever served
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
import type { Db } from '../sqlite/database';

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

/** Loads the current registry key, creating it (in one IMMEDIATE transaction) on first start. */
export function loadOrCreateRegistrySealer(
  db: Db,
  now: () => Date = () => new Date(),
): RegistrySealer {
  const row = db
    .transaction(() => {
      const existing = db
        .prepare(
          'SELECT key_id, private_key_hex FROM registry_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
        )
        .get() as { key_id: string; private_key_hex: string } | undefined;
      if (existing) return existing;
      const d = randomPrivateKey();
      const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(d));
      const keyId = `REGKEY-${documentDigestHex(publicKeyHex).slice(0, 16)}`;
      const created = { key_id: keyId, private_key_hex: privateKeyToHex(d) };
      db.prepare(
        'INSERT INTO registry_keys (key_id, public_key_hex, private_key_hex, created_at) VALUES (?, ?, ?, ?)',
      ).run(keyId, publicKeyHex, created.private_key_hex, now().toISOString());
      return created;
    })
    .immediate();
  return new RegistrySealer(row.key_id, privateKeyFromHex(row.private_key_hex));
}
