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

export class ArchiveChecks {
  constructor(private readonly deps: ArchiveChecksDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private snapshot(): ArchiveSnapshot {
    const s = this.deps.store;
    return {
      trustedPublicKeys: s.registryPublicKeys(),
      hashByName: (n) => this.deps.hashByName(n),
      packages: s.packages(),
      blob: (d) => this.deps.blobs.get(d),
      leaves: s.leaves(),
      treeHeads: s.treeHeads(),
      registerEvents: s.registerEvents(),
      audits: s.audits(),
      queries: s.queries(),
      missingTriggers: s.missingTriggers(),
    };
  }

  checkPackage(packageId: string): CheckReport {
    const p = this.deps.store.package(packageId);
    if (!p) throw notFound('档案不存在');
    return checkPackage(p, this.snapshot(), this.now());
  }

  checkArchive(): CheckReport {
    return checkArchive(this.snapshot(), this.now());
  }
}
