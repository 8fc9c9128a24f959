/** Reads the whole archive (rows and blobs) into the 四性检测's snapshot; read-only. */
import { checkArchive, checkPackage, type CheckReport } from '../../domain/archive';
import { archiveSnapshot } from '../../usecases/archive/archiveChecks';
import type { SqlDb } from '../sql/types';
import { blobStoreFor } from './blobStore';
import { SqlArchiveStore } from './sqlArchiveStore';
import { MERKLE_HASHES } from './hashes';

/** Whether this database has the archive's tables (migration 0006) at all. */
export async function hasArchive(db: SqlDb): Promise<boolean> {
  const row = await db.get(
    db.dialect === 'postgres'
      ? "SELECT 1 AS one FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'archive_packages'"
      : "SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = 'archive_packages'",
  );
  return row !== undefined;
}

/**
 * The 四性检测 of the archive in this database and its blobs (the folder next to the SQLite
 * file, or the `blobs` table on PostgreSQL), or of one package.
 */
export async function runArchiveCheck(
  db: SqlDb,
  databasePath: string,
  now: Date,
  packageRef?: string,
): Promise<CheckReport> {
  const store = new SqlArchiveStore(db);
  const blobs = blobStoreFor(db, databasePath);
  const snapshot = await archiveSnapshot(store, blobs, (n) => MERKLE_HASHES[n]);
  if (packageRef) {
    const p = snapshot.packages.find(
      (x) =>
        x.packageId === packageRef || x.archiveNumber === packageRef || x.caseId === packageRef,
    );
    if (!p) throw new Error(`no archive package ${packageRef}`);
    return checkPackage(p, snapshot, now.toISOString());
  }
  return checkArchive(snapshot, now.toISOString());
}
