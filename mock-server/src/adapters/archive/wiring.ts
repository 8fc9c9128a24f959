/**
 * Wires the archive: SQLite store, blob folder next to the database, the registry's
 * seal, SM3 as the log's hash (SHA-256 selectable by name for verification), the register and
 * case completion hooks, and a catch-up of anything written before (seeded register events,
 * cases completed while the server was down).
 */
import { SqliteSharedDataStore } from '../sqlite/sharedDataStore';
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { sm3MerkleHash, type MerkleHash } from '../../domain/merkle';
import type { CatalogueRepository, Clock, PartyDirectory, RegisterRepository } from '../../ports';
import { RecordsQueryService } from '../../usecases/records-query/service';
import { ArchiveService } from '../../usecases/archive/service';
import { loadOrCreateRegistrySealer } from '../keys/registryKey';
import { SqliteCaseStore } from '../sqlite/caseStore';
import type { Db } from '../sqlite/database';
import { blobDirFor, FsBlobStore } from './blobStore';
import { SqliteArchiveStore } from './sqliteArchiveStore';

export const sha256MerkleHash: MerkleHash = {
  name: 'sha256',
  digest: (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
};

/** The hashes a log may be built with, by the name its tree heads record. */
export const MERKLE_HASHES: Readonly<Record<string, MerkleHash>> = {
  sm3: sm3MerkleHash,
  sha256: sha256MerkleHash,
};

const systemClock: Clock = { now: () => new Date() };

/** The register repository's hook (called inside each append's transaction). */
interface RegisterWithHook {
  onAppended?(listener: () => void): void;
}

export interface ArchiveWiringOptions {
  databasePath: string;
  clock?: Clock;
  logger?: Logger;
  /** the log's hash; SM3 unless a test picks another */
  hash?: MerkleHash;
  /** grant the demo state-organ role (DEMO_ORGAN_OFFICER) when that persona exists */
  demoOrganOfficer?: boolean;
}

/**
 * The demo state-organ account (assumption, documented in the report and below): persona P038
 * 章丽娟 carries the role flag as an officer of 台州市公安局椒江分局 when the demo register is
 * seeded; in a real deployment rows of `state_organ_officers` are granted by the registry.
 */
export const DEMO_ORGAN_OFFICER = {
  idNumber: '331082198907316686',
  name: '章丽娟',
  organ: '台州市公安局椒江分局',
};

export function wireArchive(
  registry: {
    db: Db;
    catalogue: CatalogueRepository;
    register: RegisterRepository;
    parties: PartyDirectory;
  },
  opts: ArchiveWiringOptions,
) {
  const clock = opts.clock ?? systemClock;
  const store = new SqliteArchiveStore(registry.db);
  const blobs = new FsBlobStore(blobDirFor(opts.databasePath, os.tmpdir()));
  const sealer = loadOrCreateRegistrySealer(registry.db, () => clock.now());
  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
  const sharedRecords = new SqliteSharedDataStore(registry.db);
  const archive = new ArchiveService({
    store,
    blobs,
    cases: new SqliteCaseStore(registry.db),
    catalogue: registry.catalogue,
    sealer,
    clock,
    hash: opts.hash ?? sm3MerkleHash,
    hashByName: (name) => MERKLE_HASHES[name],
    newId,
    onProblem: (message) => opts.logger?.error({ archive: message }, 'archive problem'),
    sharedRecordsOf: (caseId) => sharedRecords.recordsOf(caseId),
  });
  // every register event goes on the log as it is written; catch up on earlier ones now
  (registry.register as unknown as RegisterWithHook).onAppended?.(() =>
    archive.log.syncRegisterEvents(),
  );
  archive.log.syncRegisterEvents();
  archive.log.latestHead();
  if (opts.demoOrganOfficer) {
    const row = registry.db
      .prepare('SELECT person_id FROM persons WHERE id_number = ?')
      .get(DEMO_ORGAN_OFFICER.idNumber) as { person_id: string } | undefined;
    if (row) store.grantOrgan(row.person_id, DEMO_ORGAN_OFFICER.organ, clock.now().toISOString());
  }
  const queries = new RecordsQueryService({
    archive,
    store,
    blobs,
    register: registry.register,
    parties: registry.parties,
    sealer,
    clock,
    newId,
  });
  return {
    archive,
    queries,
    store,
    blobs,
    /** connects the case completion hook and files what completed before */
    attach(cases: { onCompleted?(listener: (caseId: string) => void): void }) {
      cases.onCompleted?.((caseId) => archive.onCaseCompleted(caseId));
      archive.fileBacklog();
    },
  };
}
