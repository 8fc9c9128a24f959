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
  audit(actor: AuditActor, action: string, target: string, outcome: string): void {
    this.deps.store.transaction(() => {
      const entry = this.deps.store.appendAudit({
        at: this.now(),
        actorId: actor.actorId,
        actorRole: actor.role,
        purpose: actor.purpose,
        action,
        target,
        outcome,
      });
      this.deps.log.append([{ kind: 'audit', ref: String(entry.seq), leafData: auditLeaf(entry) }]);
    });
  }

  /** A package with its items' contents; every read is audited. */
  readPackage(actor: AuditActor, packageId: string, mayRead: (p: PackageSnapshot) => boolean) {
    const p = this.deps.store.package(packageId);
    if (!p || !mayRead(p)) {
      this.audit(actor, 'readPackage', packageId, 'refused');
      throw notFound('档案不存在');
    }
    this.audit(actor, 'readPackage', packageId, 'read');
    return {
      package: p,
      contents: p.items.map((it) => {
        const bytes = this.deps.blobs.get(it.digest);
        return {
          no: it.no,
          mediaType: it.mediaType,
          ...(bytes
            ? it.mediaType === 'application/json'
              ? { json: JSON.parse(new TextDecoder().decode(bytes)) as unknown }
              : { base64: Buffer.from(bytes).toString('base64') }
            : {}),
        };
      }),
    };
  }
}
