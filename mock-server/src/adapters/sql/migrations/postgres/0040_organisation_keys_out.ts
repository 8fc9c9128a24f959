/** 0040 on PostgreSQL: organisation_seal_keys loses its private key column (see the SQLite 0040). */
import { moveOrganisationSealKeysOut } from '../../../keys/organisationKeys';

export const version = 40;
export const name = 'organisation_keys_out';

export const prepare = moveOrganisationSealKeysOut;

export const sql = /* sql */ `
ALTER TABLE organisation_seal_keys DROP COLUMN private_key_hex;
`;
