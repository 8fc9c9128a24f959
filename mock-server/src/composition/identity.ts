/** Sign-in: the identity platform simulator, the SQLite identity stores and the auth use cases. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../adapters/sqlite/database';
import {
  SqliteFaceAttemptStore,
  SqliteHoldingsQuery,
  SqliteLoginFailureStore,
  SqlitePopulationRegister,
  SqliteReplayLedger,
  SqliteSessionStore,
} from '../adapters/sqlite/identityStores';
import { IdentityPlatformSimulator } from '../adapters/identity-sim';
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
  registry: { db: Db; register: RegisterRepository; parties: PartyDirectory },
  opts: {
    clock: Clock;
    simulatorsEnabled: boolean;
    random?: SecureRandom;
    wrapVerifier?: IdentityOverrides['wrapVerifier'];
  },
) {
  const { clock } = opts;
  const random = opts.random ?? nodeSecureRandom;
  const population = new SqlitePopulationRegister(registry.db);
  const platform = new IdentityPlatformSimulator({ population, clock, random });
  const verifier = opts.wrapVerifier ? opts.wrapVerifier(platform) : platform;
  const service = new AuthService({
    verifier,
    zlb: platform,
    population,
    sessions: new SqliteSessionStore(registry.db),
    attempts: new SqliteFaceAttemptStore(registry.db),
    ledger: new SqliteReplayLedger(registry.db),
    failures: new SqliteLoginFailureStore(registry.db),
    clock,
    random,
  });
  const me: MeDeps = {
    holdings: new SqliteHoldingsQuery(registry.db),
    register: registry.register,
    parties: registry.parties,
    clock,
  };
  return { service, me, ...(opts.simulatorsEnabled ? { zlbSimulator: platform } : {}) };
}
