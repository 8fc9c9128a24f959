/**
 * A certificate's status in the register at this moment (current, cancelled, void), with the
 * restrictions on its unit (抵押, 查封, 异议, 预告) while it is current: what a verifier must see,
 * not what the certificate said when it was issued.
 *
 * Served from a cache keyed by the register's version: the sequence number of the last register
 * event, read from the store on every call (one indexed read). Every change of a certificate's
 * status or of its unit's restrictions is a register event (the derived tables change only with
 * an append: adapters/sqlite/registerRepository.ts), so an answer kept under the version read now is the answer
 * the register gives now; after an append on any node the version has moved, and the next call
 * on every node reads the status afresh. A revoked or void certificate is therefore refused at
 * once on every node, never from a stale entry.
 */
import { statusSummary, type CertificateStatusNow } from '../../domain/presentation';
import type { RegisterRepository } from '../../ports';
import type { CertificateStore } from '../../ports/certificates';
import type { StatusNowView } from './views';

const RESTRICTION_KINDS = ['mortgage', 'seizure', 'objection', 'advanceNotice'];
/** certificates whose status is kept (the least recently read goes first) */
export const STATUS_CACHE_SIZE = 10_000;

export interface StatusNowDeps {
  store: Pick<CertificateStore, 'certificateRow'>;
  register: Pick<RegisterRepository, 'unit' | 'version'>;
}

export class StatusNow {
  private readonly kept = new Map<string, { version: number; view: StatusNowView }>();

  constructor(private readonly deps: StatusNowDeps) {}

  async of(certificateId: string): Promise<StatusNowView> {
    // the version first: a status read after it is at least as new as the version says
    const version = await this.deps.register.version();
    const hit = this.kept.get(certificateId);
    if (hit && hit.version === version) {
      this.kept.delete(certificateId); // re-inserted: the Map's order is the recency order
      this.kept.set(certificateId, hit);
      return hit.view;
    }
    const view = await this.read(certificateId);
    this.kept.delete(certificateId);
    if (this.kept.size >= STATUS_CACHE_SIZE) {
      this.kept.delete(this.kept.keys().next().value as string);
    }
    this.kept.set(certificateId, { version, view });
    return view;
  }

  private async read(certificateId: string): Promise<StatusNowView> {
    const row = await this.deps.store.certificateRow(certificateId);
    const certificate = (row?.status ?? 'cancelled') as CertificateStatusNow;
    const unit =
      certificate === 'current' && row ? await this.deps.register.unit(row.unitCode) : undefined;
    const restrictions =
      certificate === 'current' && row
        ? [
            ...new Set(
              (unit?.restrictions ?? [])
                .map((r) => r.kind)
                .filter((k) => RESTRICTION_KINDS.includes(k)),
            ),
          ]
        : [];
    return { certificate, restrictions, summary: statusSummary(certificate, restrictions) };
  }
}
