/**
 * The electronic archive and records queries: the SQLite archive store, the shared blob folder,
 * the registry's seal, SM3 as the log's hash (SHA-256 selectable by name for verification).
 */
import type { Logger } from 'pino';
import { MERKLE_HASHES } from '../adapters/archive/hashes';
import { SqliteArchiveStore } from '../adapters/archive/sqliteArchiveStore';
import type { Db } from '../adapters/sqlite/database';
import { sm3MerkleHash, type MerkleHash } from '../domain/merkle';
import type {
  BlobStore,
  CaseStore,
  CatalogueRepository,
  Clock,
  PartyDirectory,
  RegisterRepository,
  Sealer,
} from '../ports';
import type { StoredSharedRecord } from '../ports/sharedDataStore';
import { ArchiveService } from '../usecases/archive/service';
import { RecordsQueryService } from '../usecases/records-query/service';

/**
 * The demo state-organ account: persona P038 章丽娟 carries the role flag as an officer of
 * 台州市公安局椒江分局 when the demo register is seeded; in a real deployment rows of
 * `state_organ_officers` are granted by the registry.
 */
export const DEMO_ORGAN_OFFICER = {
  idNumber: '331082198907316686',
  name: '章丽娟',
  organ: '台州市公安局椒江分局',
};

export interface ArchiveInfrastructure {
  db: Db;
  cases: CaseStore;
  catalogue: CatalogueRepository;
  register: RegisterRepository;
  parties: PartyDirectory;
  blobs: BlobStore;
  sealer: Sealer;
  clock: Clock;
  newId: (prefix: string) => string;
  /** the shared records a case was decided on, filed with it */
  sharedRecordsOf: (caseId: string) => StoredSharedRecord[];
  logger?: Logger;
  /** the log's hash; SM3 unless a test picks another */
  hash?: MerkleHash;
}

export function composeArchive(infra: ArchiveInfrastructure) {
  const { blobs, sealer, clock, newId } = infra;
  const store = new SqliteArchiveStore(infra.db);
  const archive = new ArchiveService({
    store,
    blobs,
    cases: infra.cases,
    catalogue: infra.catalogue,
    sealer,
    clock,
    hash: infra.hash ?? sm3MerkleHash,
    hashByName: (name) => MERKLE_HASHES[name],
    newId,
    onProblem: (message) => infra.logger?.error({ archive: message }, 'archive problem'),
    sharedRecordsOf: infra.sharedRecordsOf,
  });
  const queries = new RecordsQueryService({
    archive,
    store,
    blobs,
    register: infra.register,
    parties: infra.parties,
    sealer,
    clock,
    newId,
  });
  return { archive, queries, store };
}

/** Grants the demo state-organ role when that persona exists (demo data only). */
export function grantDemoOrganOfficer(
  db: Db,
  store: Pick<SqliteArchiveStore, 'grantOrgan'>,
  clock: Clock,
): void {
  const row = db
    .prepare('SELECT person_id FROM persons WHERE id_number = ?')
    .get(DEMO_ORGAN_OFFICER.idNumber) as { person_id: string } | undefined;
  if (row) store.grantOrgan(row.person_id, DEMO_ORGAN_OFFICER.organ, clock.now().toISOString());
}
