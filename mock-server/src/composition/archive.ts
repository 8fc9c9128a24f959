/**
 * The electronic archive and records queries: the archive store on the registry's SQL handle,
 * the shared blob store (the folder or the `blobs` table, chosen by bootstrap.ts), the registry's
 * seal, SM3 as the log's hash (SHA-256 selectable by name for verification), and what the archive
 * does before the first request (`startArchive`).
 */
import { CertificateLookupLimit } from '../usecases/cases/certificateLookupLimit';
import type { Logger } from 'pino';
import { MERKLE_HASHES } from '../adapters/archive/hashes';
import { SqlArchiveStore } from '../adapters/archive/sqlArchiveStore';
import type { SqlDb } from '../adapters/sql';
import { sharpUploadInspector } from '../adapters/uploads/inspector';
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
import { ArchiveService, type ArchiveDeps } from '../usecases/archive/service';
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
  sql: SqlDb;
  cases: CaseStore;
  catalogue: CatalogueRepository;
  register: RegisterRepository;
  parties: PartyDirectory;
  blobs: BlobStore;
  sealer: Sealer;
  clock: Clock;
  newId: (prefix: string) => string;
  /** the shared records a case was decided on, filed with it */
  sharedRecordsOf: (caseId: string) => StoredSharedRecord[] | Promise<StoredSharedRecord[]>;
  /** the party signatures a case was signed with and the documents they cover, filed with it */
  signaturesOf?: ArchiveDeps['signaturesOf'];
  /** the files the parties uploaded for a case, filed with it */
  uploadsOf?: ArchiveDeps['uploadsOf'];
  logger?: Logger;
  /** the log's hash; SM3 unless a test picks another */
  hash?: MerkleHash;
}

export function composeArchive(infra: ArchiveInfrastructure) {
  const { blobs, sealer, clock, newId } = infra;
  const store = new SqlArchiveStore(infra.sql);
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
    signaturesOf: infra.signaturesOf,
    uploadsOf: infra.uploadsOf,
  });
  const queries = new RecordsQueryService({
    archive,
    store,
    blobs,
    register: infra.register,
    parties: infra.parties,
    sealer,
    inspector: sharpUploadInspector,
    clock,
    newId,
    lookups: new CertificateLookupLimit({ store: infra.cases, clock }),
  });
  return { archive, queries, store };
}

/**
 * Before the first request: logs the register events written before (seeded, or while the
 * server was down), signs the empty log's head, grants the demo state-organ role (demo data
 * only), and files the cases that completed without being filed.
 */
export async function startArchive(
  sql: SqlDb,
  archive: ReturnType<typeof composeArchive>,
  opts: { clock: Clock; demoOrganOfficer: boolean },
): Promise<void> {
  await archive.archive.log.syncRegisterEvents();
  await archive.archive.log.latestHead();
  if (opts.demoOrganOfficer) {
    const row = await sql.get<{ person_id: string }>(
      'SELECT person_id FROM persons WHERE id_number = ?',
      [DEMO_ORGAN_OFFICER.idNumber],
    );
    if (row) {
      await archive.store.grantOrgan(
        row.person_id,
        DEMO_ORGAN_OFFICER.organ,
        opts.clock.now().toISOString(),
      );
    }
  }
  await archive.archive.fileBacklog();
}
