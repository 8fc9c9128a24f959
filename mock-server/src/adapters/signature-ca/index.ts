/**
 * The signature CA simulator: a trusted third-party e-signature service (电子认证服务) with its
 * own SM2 root key (the key store's `signature-ca`: a 0600 key file, never the database; its public
 * halves, current and retired, published at GET /api/v1/keys and in signature_ca_keys for the
 * archive check; separate from the registry's seal key and the identity platform's key). It issues signer certificates
 * (domain/signing/signerCertificate.ts):
 * - to a citizen, after the fresh face check, an event certificate for a key pair made for this
 *   one signing act; the digest is signed with that key and the private key is dropped when the
 *   call returns (it is never stored or logged);
 * - to an organisation party (bank, developer, surveying firm), an e-seal certificate for the
 *   organisation's own seal key. That key belongs to the organisation's system, simulated here:
 *   it lives in the key folder (`organisation.<party id>`, a 0600 file), never in the database,
 *   which keeps only the certificates (organisation_seal_keys); the certificate is renewed when
 *   it expires or the organisation's key was rotated.
 * SM2 over SM3 with Z over the default user id (docs/registry-facts.md §9). Never a real CA:
 * no real keys are embedded.
 *
 * Its root key is created in the key folder the first time it is needed (the key store makes
 * nodes sharing the folder agree on one key); after `npm run keys:rotate signature-ca` the old
 * root stays published, so the signatures it certified still verify.
 */
import { randomBytes } from 'node:crypto';
import {
  bytesToBigint,
  kSourceFromRandomBytes,
  SM2_CURVE,
  SM2_DEFAULT_USER_ID,
} from '../../domain/crypto';
import {
  EVENT_CERTIFICATE_MINUTES,
  idDigestOf,
  issueSignerCertificate,
  publicKeyHexOf,
  signDigestWith,
  type CaRootKey,
  type FaceCheckReference,
  type SignerCertificate,
} from '../../domain/signing';
import type {
  Clock,
  PartySignature,
  SignatureAuthority,
  SignatureCertificate,
  Signer,
} from '../../ports';
import type { KeyStore } from '../../ports/keys';
import { organisationKeyName } from '../keys/keyNames';
import type { SqlDb } from '../sql/types';

/** The CA's root key's name in the key store. */
export const SIGNATURE_CA_KEY = 'signature-ca';

export const SIGNATURE_CA_NAME = '电子签名认证服务（模拟）';
/** Assumption: an organisation's e-seal certificate is valid for a year. */
const ORGANISATION_CERTIFICATE_DAYS = 365;

const kSource = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));

/** A fresh SM2 private key from the OS random source. */
function newPrivateKey(): bigint {
  for (;;) {
    const d = bytesToBigint(new Uint8Array(randomBytes(32)));
    if (d >= 1n && d <= SM2_CURVE.n - 2n) return d;
  }
}

const serialNumber = (prefix: string): string =>
  `${prefix}-${Buffer.from(randomBytes(12)).toString('hex').toUpperCase()}`;

/** The CA's root key: its key id and SM2 private key. */
class CaKey {
  readonly publicKeyHex: string;

  constructor(
    readonly keyId: string,
    readonly privateKey: bigint,
  ) {
    this.publicKeyHex = publicKeyHexOf(privateKey);
  }
}

export class SimulatedSignatureAuthority implements SignatureAuthority {
  readonly name = SIGNATURE_CA_NAME;
  readonly userId = SM2_DEFAULT_USER_ID;
  private key?: Promise<CaKey>;

  constructor(
    private readonly keys: KeyStore,
    /** the CA's register of the organisations' e-seal certificates (organisation_seal_keys) */
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {}

  async certificate(): Promise<SignatureCertificate> {
    const key = await this.loaded();
    return { certificateId: key.keyId, publicKeyHex: key.publicKeyHex };
  }

  /** every root key the CA ever had, current first (retired ones still verify what they certified) */
  async rootKeys(): Promise<CaRootKey[]> {
    return (await this.keys.published(SIGNATURE_CA_KEY)).map((k) => ({
      keyId: k.keyId,
      publicKeyHex: k.publicKeyHex,
    }));
  }

  async signAsPerson(
    digestHex: string,
    signer: Signer,
    faceCheck: FaceCheckReference,
  ): Promise<PartySignature> {
    const key = await this.loaded();
    const now = this.clock.now();
    const serial = serialNumber('EVT');
    // the key pair of this one signing act: used once below, then dropped with this scope
    const oneTimeKey = newPrivateKey();
    const certificate = issueSignerCertificate(
      {
        certificateType: 'event',
        serialNumber: serial,
        issuer: { name: this.name, keyId: key.keyId },
        subject: {
          kind: 'person',
          name: signer.name,
          idDigest: idDigestOf(serial, signer.idNumber),
        },
        subjectPublicKey: publicKeyHexOf(oneTimeKey),
        notBefore: now.toISOString(),
        notAfter: new Date(now.getTime() + EVENT_CERTIFICATE_MINUTES * 60_000).toISOString(),
        faceCheck,
      },
      key,
      kSource,
    );
    return {
      signature: signDigestWith(oneTimeKey, digestHex, kSource),
      certificate,
      root: { keyId: key.keyId, publicKeyHex: key.publicKeyHex },
      signedAt: now.toISOString(),
    };
  }

  async sealAsOrganisation(digestHex: string, organisation: Signer): Promise<PartySignature> {
    const key = await this.loaded();
    const now = this.clock.now();
    const seal = await this.organisationSeal(organisation, key, now);
    return {
      signature: signDigestWith(seal.privateKey, digestHex, kSource),
      certificate: seal.certificate,
      root: { keyId: key.keyId, publicKeyHex: key.publicKeyHex },
      signedAt: now.toISOString(),
    };
  }

  /**
   * The organisation's e-seal key and a valid certificate for it. The key is the organisation's
   * own (its simulated system holds it in the key folder, `organisation.<party id>`: created on
   * first use, replaced by `npm run keys:rotate`); the database keeps only the certificates the
   * CA issued for its public half. A certificate is issued on first use, once the last one
   * expired, and after the key was rotated (one write transaction: nodes racing for it agree on
   * one certificate).
   */
  private async organisationSeal(
    org: Signer,
    key: CaKey,
    now: Date,
  ): Promise<{ privateKey: bigint; certificate: SignerCertificate }> {
    const own = await this.keys.current(organisationKeyName(org.personId));
    const current =
      'SELECT certificate_json FROM organisation_seal_keys WHERE party_id = ? AND not_after > ? ORDER BY created_at DESC, key_id DESC';
    type Row = { certificate_json: string };
    const forOwnKey = (rows: Row[]) =>
      rows
        .map((r) => JSON.parse(r.certificate_json) as SignerCertificate)
        .find((c) => c.body.subjectPublicKey === own.publicKeyHex);
    const at = now.toISOString();
    const found = forOwnKey(await this.db.all<Row>(current, [org.personId, at]));
    if (found) return { privateKey: own.privateKey, certificate: found };
    // issued before the transaction: its callback may run again on PostgreSQL
    const serial = serialNumber('ESEAL');
    const issued = issueSignerCertificate(
      {
        certificateType: 'organisationSeal',
        serialNumber: serial,
        issuer: { name: this.name, keyId: key.keyId },
        subject: {
          kind: 'organisation',
          name: org.name,
          idDigest: idDigestOf(serial, org.idNumber),
        },
        subjectPublicKey: own.publicKeyHex,
        notBefore: at,
        notAfter: new Date(
          now.getTime() + ORGANISATION_CERTIFICATE_DAYS * 86_400_000,
        ).toISOString(),
      },
      key,
      kSource,
    );
    const certificate = await this.db.transaction(async (tx) => {
      const existing = forOwnKey(await tx.all<Row>(current, [org.personId, at]));
      if (existing) return existing;
      await tx.run(
        'INSERT INTO organisation_seal_keys (party_id, key_id, certificate_json, not_after, created_at) VALUES (?, ?, ?, ?, ?)',
        [org.personId, serial, JSON.stringify(issued), issued.body.notAfter, at],
      );
      return issued;
    });
    return { privateKey: own.privateKey, certificate };
  }

  /** The key, loaded once per process (a failed load is tried again on the next call). */
  private loaded(): Promise<CaKey> {
    this.key ??= this.keys
      .current(SIGNATURE_CA_KEY)
      .then((k) => new CaKey(k.keyId, k.privateKey))
      .catch((e: unknown) => {
        this.key = undefined;
        throw e;
      });
    return this.key;
  }
}

/**
 * The CA's published root keys (current first), read from its key table (public halves only,
 * written there at start and by `npm run keys:rotate`), for readers without the key store.
 */
export async function signatureCaRootKeys(db: SqlDb): Promise<CaRootKey[]> {
  const rows = await db.all<{ key_id: string; public_key_hex: string }>(
    'SELECT key_id, public_key_hex FROM signature_ca_keys ORDER BY created_at DESC, key_id DESC',
  );
  return rows.map((r) => ({ keyId: r.key_id, publicKeyHex: r.public_key_hex }));
}
