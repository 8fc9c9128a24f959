/**
 * The archive transfer (docs/registry-facts.md §16): the registry's transfer record, the archives
 * department simulator with its own key (key name `archives`, published in archives_department_keys
 * and at GET /api/v1/keys), the transfer run and its check. The batch's outcome goes on the
 * archive's tamper-evident log through the archive's audit use case.
 * `openArchiveTransfer` composes it on a registry database for the command-line tools
 * (npm run archive:transfer, npm run archive:check) and tests.
 */
import { randomUUID } from 'node:crypto';
import { blobStoreFor } from '../adapters/archive/blobStore';
import { SqlArchiveStore } from '../adapters/archive/sqlArchiveStore';
import { SqlArchiveTransferStore } from '../adapters/archive/sqlTransferStore';
import { ArchivesSimulator } from '../adapters/archives-sim';
import { publishInDatabase } from '../adapters/keys/databaseKeys';
import { FileKeyStore } from '../adapters/keys/fileKeyStore';
import { openRegistrySealer } from '../adapters/keys/registryKey';
import { SqlCaseStore } from '../adapters/sqlite/caseStore';
import type { SqlDb } from '../adapters/sql';
import { TRANSFER_AUDIT_ACTION } from '../domain/archive/transfer';
import type { ArchiveStore, BlobStore, Clock, Sealer } from '../ports';
import type { KeyStore } from '../ports/keys';
import type { ArchiveService } from '../usecases/archive/service';
import { ArchiveTransfer } from '../usecases/archive/transfer';
import { checkTransfers } from '../usecases/archive/transferCheck';
import type { Registry } from './registry';
import { composeArchive } from './archive';

/** The registry's own actor in the audit log when it transfers a batch. */
export const TRANSFER_ACTOR = {
  actorId: 'registry:archive-transfer',
  role: 'registry',
  purpose: '电子档案移交台州市档案馆（档案法第37–39条）',
};

export interface ArchiveTransferInfrastructure {
  sql: SqlDb;
  keys: KeyStore;
  archive: Pick<ArchiveService, 'audit'>;
  archiveStore: ArchiveStore;
  blobs: BlobStore;
  sealer: Sealer;
  clock: Clock;
  newId: (prefix: string) => string;
  /** tests: no waiting between retries */
  retryDelaysMs?: readonly number[];
  batchSize?: number;
}

/** The archives' key: created on first use, its public halves published in the database. */
export async function openArchivesKey(sql: SqlDb, keys: KeyStore) {
  const key = await keys.current('archives');
  await publishInDatabase(sql, 'archives', keys);
  return key;
}

export async function composeArchiveTransfer(infra: ArchiveTransferInfrastructure) {
  const { sql, archiveStore, blobs, clock } = infra;
  const key = await openArchivesKey(sql, infra.keys);
  const transfers = new SqlArchiveTransferStore(sql);
  const archives = new ArchivesSimulator({
    db: sql,
    clock,
    key,
    ownKeys: () => transfers.archivesPublicKeys(),
    registryKeys: () => archiveStore.registryPublicKeys(),
    signatureRootKeys: () => archiveStore.signatureRootKeys(),
  });
  const transfer = new ArchiveTransfer({
    archive: archiveStore,
    blobs,
    transfers,
    archives,
    sealer: infra.sealer,
    clock,
    newId: infra.newId,
    logBatch: (batchId, outcome) =>
      infra.archive.audit(TRANSFER_ACTOR, TRANSFER_AUDIT_ACTION, batchId, outcome),
    ...(infra.retryDelaysMs ? { retryDelaysMs: infra.retryDelaysMs } : {}),
    ...(infra.batchSize ? { batchSize: infra.batchSize } : {}),
  });
  const check = () =>
    checkTransfers({ archive: archiveStore, blobs, transfers }, clock.now().toISOString());
  return { transfer, archives, transfers, check };
}

export type ArchiveTransferComposition = Awaited<ReturnType<typeof composeArchiveTransfer>>;

/**
 * The transfer on an open registry database, outside the server: the registry's seal and the
 * archives' key from the key files (KEY_DIR), the blobs beside the SQLite file or in PostgreSQL.
 */
export async function openArchiveTransfer(
  registry: Registry,
  opts: {
    databasePath: string;
    keyDir: string;
    clock?: Clock;
    keys?: KeyStore;
    retryDelaysMs?: readonly number[];
    batchSize?: number;
  },
): Promise<ArchiveTransferComposition> {
  const clock = opts.clock ?? { now: () => new Date() };
  const keys = opts.keys ?? new FileKeyStore(opts.keyDir, () => clock.now());
  const sealer = await openRegistrySealer(registry.sql, keys);
  const blobs = blobStoreFor(registry.sql, opts.databasePath, clock);
  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
  const { archive, store } = composeArchive({
    sql: registry.sql,
    cases: new SqlCaseStore(registry.sql),
    catalogue: registry.catalogue,
    register: registry.register,
    parties: registry.parties,
    blobs,
    sealer,
    clock,
    newId,
    // filing is not run here; a case filed by the server keeps what it was filed with
    sharedRecordsOf: () => [],
  });
  return composeArchiveTransfer({
    sql: registry.sql,
    keys,
    archive,
    archiveStore: store,
    blobs,
    sealer,
    clock,
    newId,
    ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
  });
}

/** The transfer check alone on a database (no keys needed): for npm run archive:check. */
export function transferCheckOn(sql: SqlDb, databasePath: string, now: Date) {
  return checkTransfers(
    {
      archive: new SqlArchiveStore(sql),
      blobs: blobStoreFor(sql, databasePath),
      transfers: new SqlArchiveTransferStore(sql),
    },
    now.toISOString(),
  );
}
