/**
 * The four utility companies (水电气网联动过户), simulated: each confirms a
 * transfer of the service to the new holder, persisted on SqlDb and idempotent per reference
 * (asking twice, on any node, returns the same confirmation). Faults are injected per provider
 * (./faultStore.ts, in the store so that every node answers them): tests and the demo switch
 * (`POST /api/v1/sim/utilities/faults`) make one unavailable or slow for the next calls.
 */
import { UTILITY_KINDS, UTILITY_PROVIDERS, type UtilityKind } from '../../domain/sale';
import { beijingDateDigits } from '../../domain/time';
import type { Clock } from '../../ports';
import {
  UtilityFailure,
  type UtilityConfirmation,
  type UtilityProvider,
  type UtilityTransferRequest,
} from '../../ports/sale';
import type { SqlDb } from '../sql/types';
import type { UtilityFaultQueues } from './faultStore';

export { SqlUtilityFaults, type UtilityFault, type UtilityFaultQueues } from './faultStore';

const PREFIX: Record<UtilityKind, string> = {
  water: 'SW',
  power: 'GD',
  gas: 'RQ',
  broadband: 'KD',
};

export class SimulatedUtilityProvider implements UtilityProvider {
  readonly name: string;

  constructor(
    readonly kind: UtilityKind,
    private readonly db: SqlDb,
    private readonly clock: Clock,
    private readonly faults: UtilityFaultQueues,
  ) {
    this.name = UTILITY_PROVIDERS[kind];
  }

  async transfer(request: UtilityTransferRequest): Promise<UtilityConfirmation> {
    const fault = await this.faults.next(this.kind);
    if (fault === 'unavailable')
      throw new UtilityFailure('unavailable', `${this.name}系统暂时不可用`);
    if (fault === 'timeout') throw new UtilityFailure('timeout', `${this.name}未在规定时间内答复`);
    const confirmedAt = this.clock.now().toISOString();
    // one write transaction (serialised on every node): a reference is confirmed once, and the
    // provider's confirmation numbers run on without duplicates
    const stored = await this.db.transaction(async (tx) => {
      const existing = await tx.get<{ confirmation_no: string; confirmed_at: string }>(
        'SELECT confirmation_no, confirmed_at FROM utility_provider_transfers WHERE provider = ? AND reference = ?',
        [this.kind, request.reference],
      );
      if (existing) return existing;
      const count = await tx.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM utility_provider_transfers WHERE provider = ?',
        [this.kind],
      );
      const confirmationNo = `${PREFIX[this.kind]}${beijingDateDigits(confirmedAt)}${String((count?.n ?? 0) + 1).padStart(5, '0')}`;
      await tx.run(
        `INSERT INTO utility_provider_transfers (provider, reference, confirmation_no, request_json, confirmed_at)
         VALUES (?, ?, ?, ?, ?)`,
        [this.kind, request.reference, confirmationNo, JSON.stringify(request), confirmedAt],
      );
      return { confirmation_no: confirmationNo, confirmed_at: confirmedAt };
    });
    return {
      reference: request.reference,
      confirmationNo: stored.confirmation_no,
      provider: this.name,
      confirmedAt: stored.confirmed_at,
    };
  }
}

export function simulatedUtilityProviders(db: SqlDb, clock: Clock, faults: UtilityFaultQueues) {
  const out = {} as Record<UtilityKind, UtilityProvider>;
  for (const k of UTILITY_KINDS) out[k] = new SimulatedUtilityProvider(k, db, clock, faults);
  return out;
}
