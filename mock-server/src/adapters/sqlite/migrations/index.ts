import type { MigrationContext } from '../../keys/organisationKeys';
import type { SqlDb } from '../../sql/types';
import * as m0001 from './0001_init';
import * as m0002 from './0002_identity';
import * as m0003 from './0003_cases';
import * as m0004 from './0004_staff';
import * as m0005 from './0005_certificates';
import * as m0006 from './0006_archive';
import * as m0007 from './0007_signing';
import * as m0008 from './0008_consultation';
import * as m0009 from './0009_tax';
import * as m0010 from './0010_shared_data';
import * as m0011 from './0011_sale';
import * as m0012 from './0012_identity_simulators';
import * as m0013 from './0013_verify_attempts';
import * as m0014 from './0014_staff_login_failures';
import * as m0015 from './0015_payment_ledger';
import * as m0016 from './0016_shared_data_nodes';
import * as m0017 from './0017_blobs';
import * as m0018 from './0018_case_lookups';
import * as m0019 from './0019_signing_once';
import * as m0021 from './0021_utility_faults';
import * as m0022 from './0022_payment_faults';
import * as m0023 from './0023_unit_areas';
import * as m0027 from './0027_rate_counters';
import * as m0029 from './0029_signer_certificates';
import * as m0031 from './0031_log_nodes';
import * as m0032 from './0032_tax_per_taxpayer';
import * as m0033 from './0033_fees_refunds';
import * as m0035 from './0035_population_kinship';
import * as m0037 from './0037_survey_results';
import * as m0038 from './0038_archive_transfer';
import * as m0040 from './0040_organisation_keys_out';
import * as m0041 from './0041_case_feed';
import * as m0042 from './0042_messaging';
import * as m0044 from './0044_representations';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Work outside the database that must happen before the SQL runs, by the asynchronous runner
   * (migrateSql): 0040 moves the organisations' private keys into the key files before the
   * column holding them is dropped. Idempotent: every node starting together runs it.
   */
  prepare?: (db: SqlDb, context: MigrationContext) => Promise<void>;
}

/** All migrations, in order. Append new ones; never renumber or edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0021,
  m0022,
  m0023,
  m0027,
  m0029,
  m0031,
  m0032,
  m0033,
  m0035,
  m0037,
  m0038,
  m0040,
  m0041,
  m0042,
  m0044,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
