/**
 * A certificate number names someone else's unit for a buyer: every lookup by number (found or
 * not) counts against the person, so the numbering cannot be walked to learn which units exist
 * and where. The counters are kept in this process for now.
 */
import { AppError } from '../../domain/errors';
import type { Clock } from '../../ports';

/** applications naming a unit by certificate number, per person per hour */
export const CERTIFICATE_LOOKUPS_PER_WINDOW = 10;
const LOOKUP_WINDOW_MS = 3_600_000;
/** beyond this many people the counters start afresh (memory bound) */
const MAX_TRACKED_PEOPLE = 10_000;

export class CertificateLookupLimit {
  private readonly lookups = new Map<string, number[]>();

  constructor(private readonly deps: { clock: Clock }) {}

  /** Counts one lookup by `personId`; 429 RATE_LIMITED past the limit of the hour. */
  count(personId: string): void {
    const now = this.deps.clock.now().getTime();
    const recent = (this.lookups.get(personId) ?? []).filter((t) => t > now - LOOKUP_WINDOW_MS);
    if (recent.length >= CERTIFICATE_LOOKUPS_PER_WINDOW) {
      throw new AppError('RATE_LIMITED', '凭证书号查找不动产的次数过多，请1小时后再试', {
        retryAfterSeconds: Math.ceil((recent[0] + LOOKUP_WINDOW_MS - now) / 1000),
      });
    }
    this.lookups.set(personId, [...recent, now]);
    if (this.lookups.size > MAX_TRACKED_PEOPLE) this.lookups.clear();
  }
}
