/** Wires the identity platform simulator, the SQLite stores and the auth use cases together. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../sqlite/database';
import {
  SqliteFaceAttemptStore,
  SqliteHoldingsQuery,
  SqliteLoginFailureStore,
  SqlitePopulationRegister,
  SqliteReplayLedger,
  SqliteSessionStore,
} from '../sqlite/identityStores';
import type {
  Clock,
  IdentityVerifier,
  PartyDirectory,
  RegisterRepository,
  SecureRandom,
} from '../../ports';
import { AuthService } from '../../usecases/auth/service';
import type { MeDeps } from '../../usecases/auth/me';
import { IdentityPlatformSimulator } from './index';

export const systemClock: Clock = { now: () => new Date() };
export const nodeSecureRandom: SecureRandom = {
  bytes: (n) => new Uint8Array(randomBytes(n)),
};

export interface IdentityOverrides {
  clock?: Clock;
  random?: SecureRandom;
  /** wraps the platform (e.g. a test double that replays an assertion) */
  wrapVerifier?: (v: IdentityVerifier) => IdentityVerifier;
}

export function wireIdentity(
  registry: { db: Db; register: RegisterRepository; parties: PartyDirectory },
  simulatorsEnabled: boolean,
  o: IdentityOverrides = {},
) {
  const clock = o.clock ?? systemClock;
  const random = o.random ?? nodeSecureRandom;
  const population = new SqlitePopulationRegister(registry.db);
  const platform = new IdentityPlatformSimulator({ population, clock, random });
  const verifier = o.wrapVerifier ? o.wrapVerifier(platform) : platform;
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
  return { service, me, ...(simulatorsEnabled ? { zlbSimulator: platform } : {}), platform };
}
