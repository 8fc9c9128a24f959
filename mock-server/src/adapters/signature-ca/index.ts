/**
 * The signature CA simulator: a trusted third-party e-signature service with its own
 * SM2 key (kept in signature_ca_keys, separate from the registry's seal key and the identity
 * platform's key) and a certificate id. It signs a digest for a signer with SM2 over SM3
 * (Z with the default user id, docs/registry-facts.md §9). Never a real CA: no real keys are
 * embedded.
 *
 * Its key is found or created in one write transaction the first time it is needed, so nodes
 * starting together on one database agree on one key; every node then signs with it.
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
import type { Clock, SignatureAuthority, SignatureCertificate } from '../../ports';
import type { SqlDb } from '../sql/types';

type KeyRow = { key_id: string; private_key_hex: string };

/** The CA's signing key: its certificate id and SM2 private key. */
class CaKey {
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
}

export class SimulatedSignatureAuthority implements SignatureAuthority {
  readonly name = '电子签名认证服务（模拟）';
  readonly userId = SM2_DEFAULT_USER_ID;
  private key?: Promise<CaKey>;

  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {}

  async certificate(): Promise<SignatureCertificate> {
    const key = await this.loaded();
    return { certificateId: key.certificateId, publicKeyHex: key.publicKeyHex };
  }

  async sign(
    digestHex: string,
    signer?: { personId: string; name: string },
  ): Promise<SignatureCertificate & { signature: string }> {
    // the simulator signs with its own certificate for whoever the registry names (a real CA
    // would sign with the signer's own certificate, issued after its identity check)
    void signer;
    const key = await this.loaded();
    return {
      certificateId: key.certificateId,
      publicKeyHex: key.publicKeyHex,
      signature: key.sign(digestHex),
    };
  }

  async verify(digestHex: string, signatureHex: string, publicKeyHex?: string): Promise<boolean> {
    const publicKey = publicKeyHex ?? (await this.loaded()).publicKeyHex;
    try {
      return sm2Verify(
        decodePublicKeyHex(publicKey),
        hexToBytes(digestHex),
        decodeSignatureHex(signatureHex),
      );
    } catch {
      return false;
    }
  }

  /** The key, loaded once per process (a failed load is tried again on the next call). */
  private loaded(): Promise<CaKey> {
    this.key ??= loadOrCreateKey(this.db, this.clock).catch((e: unknown) => {
      this.key = undefined;
      throw e;
    });
    return this.key;
  }
}

/** Finds the CA key, creating it when there is none (one write transaction: one key for all). */
async function loadOrCreateKey(db: SqlDb, clock: Clock): Promise<CaKey> {
  const latest =
    'SELECT key_id, private_key_hex FROM signature_ca_keys ORDER BY created_at DESC, key_id DESC LIMIT 1';
  const found = await db.get<KeyRow>(latest);
  // the key is drawn before the transaction: its callback may run again on PostgreSQL
  let d = 0n;
  if (!found)
    while (d < 1n || d > SM2_CURVE.n - 2n) d = bytesToBigint(new Uint8Array(randomBytes(32)));
  const row =
    found ??
    (await db.transaction(async (tx) => {
      const existing = await tx.get<KeyRow>(latest);
      if (existing) return existing;
      const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(d));
      const keyId = `SIGCA-${publicKeyHex.slice(2, 18).toUpperCase()}`;
      await tx.run(
        'INSERT INTO signature_ca_keys (key_id, public_key_hex, private_key_hex, created_at) VALUES (?, ?, ?, ?)',
        [keyId, publicKeyHex, privateKeyToHex(d), clock.now().toISOString()],
      );
      return { key_id: keyId, private_key_hex: privateKeyToHex(d) };
    }));
  return new CaKey(row.key_id, privateKeyFromHex(row.private_key_hex));
}
