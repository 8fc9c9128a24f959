/**
 * 0040: no organisation's private key in the database. organisation_seal_keys keeps each
 * organisation's e-seal certificates (public: the key id, the certificate with its public key,
 * its validity) and loses the private key column: the simulated organisations hold their keys
 * in the key folder (adapters/keys/organisationKeys.ts moves existing keys there in `prepare`,
 * before this runs, so an upgraded registry's organisations keep sealing with the same keys).
 */
import { moveOrganisationSealKeysOut } from '../../keys/organisationKeys';

export const version = 40;
export const name = 'organisation_keys_out';

export const prepare = moveOrganisationSealKeysOut;

export const sql = /* sql */ `
ALTER TABLE organisation_seal_keys DROP COLUMN private_key_hex;
`;
