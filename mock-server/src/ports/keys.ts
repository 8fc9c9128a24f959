/**
 * The private keys of the registry and of the simulated outside parties, by name: held outside
 * the database (adapters/keys/fileKeyStore.ts: one file per name, 0600, in KEY_DIR; a
 * key-management service would be another adapter of this port). Every key ever current stays
 * published (public half only) after a rotation, so what it sealed still verifies.
 */

/** A key that signs: its name, id, SM2 private key and public key (04‖x‖y hex). */
export interface NamedKey {
  name: string;
  keyId: string;
  privateKey: bigint;
  publicKeyHex: string;
}

/** The public half of a key, current or retired. */
export interface PublishedKey {
  name: string;
  keyId: string;
  publicKeyHex: string;
  createdAt: string;
  /** set once a rotation replaced it: it no longer signs, what it signed still verifies */
  retiredAt?: string;
}

export interface KeyStore {
  /** the current key of `name`, drawn from the OS random source the first time it is asked for */
  current(name: string): Promise<NamedKey>;
  /** every key `name` ever had, current first, public halves only */
  published(name: string): Promise<PublishedKey[]>;
  /** a new current key; the old one is retired (kept published, its private half destroyed) */
  rotate(name: string): Promise<NamedKey>;
}
