/** 四性检测 (档案法 §39, DA/T 70-2018) of one package or the whole archive, on a snapshot of the store. */
import {
  checkArchive,
  checkPackage,
  type ArchiveSnapshot,
  type CheckReport,
} from '../../domain/archive';
import { notFound } from '../../domain/errors';
import type { MerkleHash } from '../../domain/merkle';
import type { ArchiveStore, BlobStore, Clock } from '../../ports';

export interface ArchiveChecksDeps {
  store: ArchiveStore;
  blobs: Pick<BlobStore, 'get'>;
  clock: Clock;
  hashByName(name: string): MerkleHash | undefined;
}

/** The rows of the archive and a reader of its blobs, as the 四性检测 takes them. */
export async function archiveSnapshot(
  store: ArchiveStore,
  blobs: Pick<BlobStore, 'get'>,
  hashByName: (name: string) => MerkleHash | undefined,
): Promise<ArchiveSnapshot> {
  return {
    trustedPublicKeys: await store.registryPublicKeys(),
    trustedSignatureKeys: await store.signatureRootKeys(),
    hashByName,
    packages: await store.packages(),
    blob: (d) => blobs.get(d),
    leaves: await store.leaves(),
    treeHeads: await store.treeHeads(),
    registerEvents: await store.registerEvents(),
    audits: await store.audits(),
    queries: await store.queries(),
    missingTriggers: await store.missingTriggers(),
  };
}

export class ArchiveChecks {
  constructor(private readonly deps: ArchiveChecksDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private snapshot(): Promise<ArchiveSnapshot> {
    return archiveSnapshot(this.deps.store, this.deps.blobs, (n) => this.deps.hashByName(n));
  }

  /**
   * One package's check reads that package, its blobs and the trusted keys only (it runs at every
   * filing: reading the whole archive there made each filing cost as much as the archive is big).
   */
  async checkPackage(packageId: string): Promise<CheckReport> {
    const { store, blobs } = this.deps;
    const p = await store.package(packageId);
    if (!p) throw notFound('档案不存在');
    return checkPackage(
      p,
      {
        trustedPublicKeys: await store.registryPublicKeys(),
        trustedSignatureKeys: await store.signatureRootKeys(),
        blob: (d) => blobs.get(d),
      },
      this.now(),
    );
  }

  async checkArchive(): Promise<CheckReport> {
    return checkArchive(await this.snapshot(), this.now());
  }
}
