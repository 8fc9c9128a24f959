/**
 * The keys' traces in the database. Older versions kept the registry's, the tax department's and
 * the signature CA's private keys in the database; at start they move to the key files (once:
 * the file of a name that has one is never replaced) and are erased from the rows. The rows stay
 * as the published public keys (the archive check reads the registry's and the CA's, current and retired).
 */
import type { KeyStore, PublishedKey } from '../../ports/keys';
import type { SqlDb } from '../sql/types';
import type { FileKeyStore } from './fileKeyStore';
import { dataSourceKeyName } from './keyNames';

/** Which table published which key name. */
export const KEY_TABLES: Readonly<Record<string, string>> = {
  registry: 'registry_keys',
  [dataSourceKeyName('tax')]: 'tax_department_keys',
  'signature-ca': 'signature_ca_keys',
  archives: 'archives_department_keys',
};

type Row = {
  key_id: string;
  public_key_hex: string;
  private_key_hex: string;
  created_at: string;
  retired_at?: string | null;
};

/**
 * Moves the private keys an older version kept in the database into the key files (the newest
 * unretired key current, the others retired, public only) and erases them from the rows.
 */
export async function moveKeysOutOfDatabase(db: SqlDb, keys: FileKeyStore): Promise<void> {
  for (const [name, table] of Object.entries(KEY_TABLES)) {
    const retiredColumn = table === 'registry_keys' ? ', retired_at' : '';
    const rows = await db.all<Row>(
      `SELECT key_id, public_key_hex, private_key_hex, created_at${retiredColumn} FROM ${table}
       WHERE private_key_hex <> '' ORDER BY created_at DESC, key_id DESC`,
    );
    if (rows.length === 0) continue;
    const current = rows.find((r) => !r.retired_at) ?? rows[0];
    const at = new Date().toISOString();
    keys.adoptIfAbsent(name, [
      {
        keyId: current.key_id,
        publicKeyHex: current.public_key_hex,
        privateKeyHex: current.private_key_hex,
        createdAt: current.created_at,
      },
      ...rows
        .filter((r) => r !== current)
        .map((r) => ({
          keyId: r.key_id,
          publicKeyHex: r.public_key_hex,
          createdAt: r.created_at,
          retiredAt: r.retired_at ?? at,
        })),
    ]);
    await db.run(`UPDATE ${table} SET private_key_hex = '' WHERE private_key_hex <> ''`);
  }
}

/** Publishes the public halves of `name`'s keys in its table (no private key is ever written). */
export async function publishInDatabase(
  db: SqlDb,
  name: string,
  keys: KeyStore,
): Promise<PublishedKey[]> {
  const table = KEY_TABLES[name];
  if (!table) throw new Error(`no table publishes ${name}`);
  const published = await keys.published(name);
  for (const k of published) {
    await db.run(
      `INSERT INTO ${table} (key_id, public_key_hex, private_key_hex, created_at) VALUES (?, ?, '', ?)
       ON CONFLICT (key_id) DO NOTHING`,
      [k.keyId, k.publicKeyHex, k.createdAt],
    );
    if (table === 'registry_keys' && k.retiredAt) {
      await db.run(
        'UPDATE registry_keys SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL',
        [k.retiredAt, k.keyId],
      );
    }
  }
  return published;
}
