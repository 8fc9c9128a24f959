/** Sign-in: the identity platform simulator, the identity stores (on SqlDb) and the auth use cases. */
import { randomBytes } from 'node:crypto';
import type { SqlDb } from '../adapters/sql/types';
import { SqlRateCounterStore } from '../adapters/sqlite/rateCounterStore';
import {
  SqlFaceAttemptStore,
  SqlHoldingsQuery,
  SqlPopulationRegister,
  SqlReplayLedger,
  SqlSessionStore,
} from '../adapters/sqlite/identityStores';
import { IdentityPlatformSimulator } from '../adapters/identity-sim';
import { IdentitySimulatorState } from '../adapters/identity-sim/state';
import type {
  Clock,
  IdentityVerifier,
  PartyDirectory,
  RegisterRepository,
  SecureRandom,
} from '../ports';
import { AuthService } from '../usecases/auth/service';
import type { MeDeps } from '../usecases/auth/me';

export const nodeSecureRandom: SecureRandom = {
  bytes: (n) => new Uint8Array(randomBytes(n)),
};

/** What tests replace: the clock, the random source, the identity platform. */
export interface IdentityOverrides {
  clock?: Clock;
  random?: SecureRandom;
  /** wraps the platform (e.g. a test double that replays an assertion) */
  wrapVerifier?: (v: IdentityVerifier) => IdentityVerifier;
}

export function composeIdentity(
  registry: { sql: SqlDb; register: RegisterRepository; parties: PartyDirectory },
  opts: {
    clock: Clock;
    simulatorsEnabled: boolean;
    random?: SecureRandom;
    wrapVerifier?: IdentityOverrides['wrapVerifier'];
  },
) {
  const { clock } = opts;
  const random = opts.random ?? nodeSecureRandom;
  const population = new SqlPopulationRegister(registry.sql);
  const platform = new IdentityPlatformSimulator({
    population,
    clock,
    random,
    state: new IdentitySimulatorState(registry.sql),
  });
  const verifier = opts.wrapVerifier ? opts.wrapVerifier(platform) : platform;
  const service = new AuthService({
    verifier,
    zlb: platform,
    population,
    sessions: new SqlSessionStore(registry.sql),
    attempts: new SqlFaceAttemptStore(registry.sql),
    ledger: new SqlReplayLedger(registry.sql),
    counters: new SqlRateCounterStore(registry.sql),
    clock,
    random,
  });
  const me: MeDeps = {
    holdings: new SqlHoldingsQuery(registry.sql),
    register: registry.register,
    parties: registry.parties,
    clock,
  };
  return { service, me, ...(opts.simulatorsEnabled ? { zlbSimulator: platform } : {}) };
}
