/**
 * One per-person limit for every path that names a unit: every lookup by certificate number
 * (found or not), every unit code the caller turns out to have no standing on, and every records
 * query about a unit the caller does not hold, so neither the numbering nor the unit codes can be
 * walked to learn which units exist and where. The counts are kept in the shared store, so the
 * limit holds on every node together.
 */
import { AppError } from '../../domain/errors';
import type { CaseStore, Clock } from '../../ports';

/** lookups of a unit, per person per hour */
export const CERTIFICATE_LOOKUPS_PER_WINDOW = 10;
const LOOKUP_WINDOW_MS = 3_600_000;

export interface CertificateLookupLimitDeps {
  store: Pick<CaseStore, 'countCertificateLookup'>;
  clock: Clock;
}

export class CertificateLookupLimit {
  constructor(private readonly deps: CertificateLookupLimitDeps) {}

  /** Counts one lookup by `personId`; 429 RATE_LIMITED past the limit of the hour. */
  async count(personId: string): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const r = await this.deps.store.countCertificateLookup(
      personId,
      now,
      LOOKUP_WINDOW_MS,
      CERTIFICATE_LOOKUPS_PER_WINDOW,
    );
    if (!r.counted) {
      throw new AppError(
        'RATE_LIMITED',
        '凭证书号或不动产单元号查找不动产的次数过多，请1小时后再试',
        {
          retryAfterSeconds: Math.ceil((r.oldestAtMs + LOOKUP_WINDOW_MS - now) / 1000),
        },
      );
    }
  }
}
