/** Reads the whole archive (rows and blobs) into the 四性检测's snapshot; read-only. */
import os from 'node:os';
import {
  checkArchive,
  checkPackage,
  type ArchiveSnapshot,
  type CheckReport,
} from '../../domain/archive';
import type { ArchiveStore, BlobStore } from '../../ports';
import type { Db } from '../sqlite/database';
import { blobDirFor, FsBlobStore } from './blobStore';
import { SqliteArchiveStore } from './sqliteArchiveStore';
import { MERKLE_HASHES } from './hashes';

export function archiveSnapshot(store: ArchiveStore, blobs: BlobStore): ArchiveSnapshot {
  return {
    trustedPublicKeys: store.registryPublicKeys(),
    hashByName: (n) => MERKLE_HASHES[n],
    packages: store.packages(),
    blob: (d) => blobs.get(d),
    leaves: store.leaves(),
    treeHeads: store.treeHeads(),
    registerEvents: store.registerEvents(),
    audits: store.audits(),
    queries: store.queries(),
    missingTriggers: store.missingTriggers(),
  };
}

/** The 四性检测 of the archive in this database (and its blob folder), or of one package. */
export function runArchiveCheck(
  db: Db,
  databasePath: string,
  now: Date,
  packageRef?: string,
): CheckReport {
  const store = new SqliteArchiveStore(db);
  const blobs = new FsBlobStore(blobDirFor(databasePath, os.tmpdir()));
  const snapshot = archiveSnapshot(store, blobs);
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
