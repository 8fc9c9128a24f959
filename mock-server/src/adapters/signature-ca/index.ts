/**
 * The signature CA simulator: a trusted third-party e-signature service with its own
 * SM2 key (kept in signature_ca_keys, separate from the registry's seal key and the identity
 * platform's key) and a certificate id. It signs a digest for a signer with SM2 over SM3
 * (Z with the default user id, docs/registry-facts.md §9). Never a real CA: no real keys are
 * embedded.
 */
import { randomBytes } from 'node:crypto';
import {
  bytesToBigint,
  decodePublicKeyHex,
  decodeSignatureHex,
  encodePublicKeyHex,
  encodeSignatureHex,
  hexToBytes,
  kSourceFromRandomBytes,
  privateKeyFromHex,
  privateKeyToHex,
  publicKeyFromPrivateKey,
  sm2Sign,
  sm2Verify,
  SM2_CURVE,
  SM2_DEFAULT_USER_ID,
} from '../../domain/crypto';
import type { SignatureAuthority } from '../../ports';
import type { Db } from '../sqlite/database';

export class SimulatedSignatureAuthority implements SignatureAuthority {
  readonly name = '电子签名认证服务（模拟）';
  readonly userId = SM2_DEFAULT_USER_ID;
  readonly publicKeyHex: string;
  private readonly kSource = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));

  constructor(
    readonly certificateId: string,
    private readonly privateKey: bigint,
  ) {
    this.publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(privateKey));
  }

  sign(digestHex: string): string {
    return encodeSignatureHex(sm2Sign(this.privateKey, hexToBytes(digestHex), this.kSource));
  }

  verify(digestHex: string, signatureHex: string, publicKeyHex = this.publicKeyHex): boolean {
    try {
      return sm2Verify(
        decodePublicKeyHex(publicKeyHex),
        hexToBytes(digestHex),
        decodeSignatureHex(signatureHex),
      );
    } catch {
      return false;
    }
  }
}

/** Loads the CA key, creating it on first start (one IMMEDIATE transaction). */
export function loadOrCreateSignatureAuthority(
  db: Db,
  now: () => Date = () => new Date(),
): SimulatedSignatureAuthority {
  const row = db
    .transaction(() => {
      const existing = db
        .prepare(
          'SELECT key_id, private_key_hex FROM signature_ca_keys ORDER BY created_at DESC LIMIT 1',
        )
        .get() as { key_id: string; private_key_hex: string } | undefined;
      if (existing) return existing;
      let d = 0n;
      while (d < 1n || d > SM2_CURVE.n - 2n) d = bytesToBigint(new Uint8Array(randomBytes(32)));
      const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(d));
      const keyId = `SIGCA-${publicKeyHex.slice(2, 18).toUpperCase()}`;
      db.prepare(
        'INSERT INTO signature_ca_keys (key_id, public_key_hex, private_key_hex, created_at) VALUES (?, ?, ?, ?)',
      ).run(keyId, publicKeyHex, privateKeyToHex(d), now().toISOString());
      return { key_id: keyId, private_key_hex: privateKeyToHex(d) };
    })
    .immediate();
  return new SimulatedSignatureAuthority(row.key_id, privateKeyFromHex(row.private_key_hex));
}
