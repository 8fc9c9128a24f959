/** The archive's audit log: every read of a package or the records is itself put on the Merkle log. */
import { auditLeaf, type PackageSnapshot } from '../../domain/archive';
import { notFound } from '../../domain/errors';
import type { ArchiveStore, BlobStore, Clock } from '../../ports';
import type { MerkleLog } from './merkleLog';

/** Who reads or queries, and why (the audit record). */
export interface AuditActor {
  actorId: string;
  role: string;
  purpose: string;
}

export interface AuditedReadsDeps {
  store: Pick<ArchiveStore, 'transaction' | 'appendAudit' | 'package'>;
  blobs: Pick<BlobStore, 'get'>;
  clock: Clock;
  log: Pick<MerkleLog, 'append'>;
}

export class AuditedReads {
  constructor(private readonly deps: AuditedReadsDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Appends an audit entry, itself on the Merkle log. */
  async audit(actor: AuditActor, action: string, target: string, outcome: string): Promise<void> {
    await this.deps.store.transaction(async () => {
      const entry = await this.deps.store.appendAudit({
        at: this.now(),
        actorId: actor.actorId,
        actorRole: actor.role,
        purpose: actor.purpose,
        action,
        target,
        outcome,
      });
      await this.deps.log.append([
        { kind: 'audit', ref: String(entry.seq), leafData: auditLeaf(entry) },
      ]);
    });
  }

  /** A package with its items' contents; every read is audited. */
  async readPackage(
    actor: AuditActor,
    packageId: string,
    mayRead: (p: PackageSnapshot) => boolean | Promise<boolean>,
  ) {
    const p = await this.deps.store.package(packageId);
    if (!p || !(await mayRead(p))) {
      await this.audit(actor, 'readPackage', packageId, 'refused');
      throw notFound('档案不存在');
    }
    await this.audit(actor, 'readPackage', packageId, 'read');
    const contents = [];
    for (const it of p.items) {
      const bytes = await this.deps.blobs.get(it.digest);
      contents.push({
        no: it.no,
        mediaType: it.mediaType,
        ...(bytes
          ? it.mediaType === 'application/json'
            ? { json: JSON.parse(new TextDecoder().decode(bytes)) as unknown }
            : { base64: Buffer.from(bytes).toString('base64') }
          : {}),
      });
    }
    return { package: p, contents };
  }
}
