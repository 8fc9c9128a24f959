/**
 * A certificate's status in the register at this moment (current, cancelled, void), with the
 * restrictions on its unit (抵押, 查封, 异议, 预告) while it is current: what a verifier must see,
 * not what the certificate said when it was issued.
 */
import { statusSummary, type CertificateStatusNow } from '../../domain/presentation';
import type { RegisterRepository } from '../../ports';
import type { CertificateStore } from '../../ports/certificates';
import type { StatusNowView } from './views';

const RESTRICTION_KINDS = ['mortgage', 'seizure', 'objection', 'advanceNotice'];

export interface StatusNowDeps {
  store: Pick<CertificateStore, 'certificateRow'>;
  register: Pick<RegisterRepository, 'unit'>;
}

export class StatusNow {
  constructor(private readonly deps: StatusNowDeps) {}

  async of(certificateId: string): Promise<StatusNowView> {
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
