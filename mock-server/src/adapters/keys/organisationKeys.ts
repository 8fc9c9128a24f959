/**
 * The organisations' e-seal private keys out of the database. Versions before schema 40 kept
 * each organisation's seal key (private half) beside its certificate in organisation_seal_keys;
 * migration 0040 drops that column. Just before it runs, the keys move into the key folder: one
 * 0600 file per organisation (`organisation.<party id>`, see keyNames.ts), its newest key current
 * and the older ones retired (public half only), so the organisation goes on sealing with the
 * key its certificate names. A file that exists already is never replaced. The certificates stay
 * in the table: they are public, and every signature keeps its own copy anyway.
 */
import {
  publicKeyFromPrivateKey,
  encodePublicKeyHex,
  privateKeyFromHex,
} from '../../domain/crypto';
import { MigrationError } from '../sql/migrationError';
import type { SqlDb } from '../sql/types';
import { FileKeyStore } from './fileKeyStore';
import { organisationKeyName } from './keyNames';

type Row = {
  party_id: string;
  key_id: string;
  private_key_hex: string;
  created_at: string;
};

/** What the migration that drops the private keys needs to know: where the key files are. */
export interface MigrationContext {
  /** KEY_DIR; without it a database still holding organisation keys is not migrated */
  keyDir?: string;
}

/**
 * Moves every organisation private key still in organisation_seal_keys into the key files.
 * Idempotent (a node that finds the file made by another node keeps that file).
 */
export async function moveOrganisationSealKeysOut(
  db: SqlDb,
  context: MigrationContext,
): Promise<void> {
  const rows = await db.all<Row>(
    `SELECT party_id, key_id, private_key_hex, created_at FROM organisation_seal_keys
     WHERE private_key_hex <> '' ORDER BY party_id, created_at DESC, key_id DESC`,
  );
  if (rows.length === 0) return;
  if (!context.keyDir) {
    throw new MigrationError(
      '数据库中仍有机构电子印章私钥，迁移 0040 需先把它们移入密钥目录：请设置 KEY_DIR 后重新启动（the organisations’ seal keys must move to KEY_DIR before migration 40）',
    );
  }
  const keys = new FileKeyStore(context.keyDir);
  const byParty = new Map<string, Row[]>();
  for (const r of rows) byParty.set(r.party_id, [...(byParty.get(r.party_id) ?? []), r]);
  const at = new Date().toISOString();
  for (const [partyId, [current, ...older]] of byParty) {
    const publicOf = (r: Row) =>
      encodePublicKeyHex(publicKeyFromPrivateKey(privateKeyFromHex(r.private_key_hex)));
    keys.adoptIfAbsent(organisationKeyName(partyId), [
      {
        keyId: current.key_id,
        publicKeyHex: publicOf(current),
        privateKeyHex: current.private_key_hex,
        createdAt: current.created_at,
      },
      // the private halves of older keys are destroyed, as a rotation does
      ...older.map((r) => ({
        keyId: r.key_id,
        publicKeyHex: publicOf(r),
        createdAt: r.created_at,
        retiredAt: at,
      })),
    ]);
  }
}
