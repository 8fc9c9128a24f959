/**
 * Sign-in: the identity platform (the simulator in demo mode, else the real platform's gateway:
 * config.identityPlatform), the identity stores (on SqlDb) and the auth use cases.
 */
import { randomBytes } from 'node:crypto';
import type { SqlDb } from '../adapters/sql/types';
import { SqlRateCounterStore } from '../adapters/sqlite/rateCounterStore';
import { SqlCertificateStore } from '../adapters/sqlite/certificateStore';
import {
  SqlFaceAttemptStore,
  SqlHoldingsQuery,
  SqlPopulationRegister,
  SqlReplayLedger,
  SqlSessionStore,
} from '../adapters/sqlite/identityStores';
import { HttpIdentityPlatform } from '../adapters/identity-http';
import { IdentityPlatformSimulator } from '../adapters/identity-sim';
import { IdentitySimulatorState } from '../adapters/identity-sim/state';
import type {
  Clock,
  IdentityVerifier,
  PartyDirectory,
  RegisterRepository,
  SecureRandom,
  ZlbGateway,
} from '../ports';
import type { IdentityPlatformConfig } from '../config';
import type { KeyStore, NamedKey } from '../ports/keys';
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
  /** the private keys (default: the key files in config.keyDir) */
  keys?: KeyStore;
}

export function composeIdentity(
  registry: { sql: SqlDb; register: RegisterRepository; parties: PartyDirectory },
  opts: {
    clock: Clock;
    simulatorsEnabled: boolean;
    /** the simulator (demo mode only) or the real platform */
    platform: IdentityPlatformConfig;
    /** the simulator's own key (key store: 'identity-platform'), published with its id */
    simulatorKey?: NamedKey;
    random?: SecureRandom;
    wrapVerifier?: IdentityOverrides['wrapVerifier'];
  },
) {
  const { clock } = opts;
  const random = opts.random ?? nodeSecureRandom;
  const population = new SqlPopulationRegister(registry.sql);
  let platform: IdentityVerifier & ZlbGateway;
  let simulator: IdentityPlatformSimulator | undefined;
  if (opts.platform.kind === 'http') {
    platform = new HttpIdentityPlatform(opts.platform);
  } else {
    if (!opts.simulatorsEnabled || !opts.simulatorKey) {
      // config.ts refuses this already; a composition that gets here is wrong
      throw new Error('the identity platform simulator runs only with the simulators on');
    }
    simulator = new IdentityPlatformSimulator({
      population,
      clock,
      random,
      state: new IdentitySimulatorState(registry.sql),
      key: opts.simulatorKey,
      promptMs: opts.platform.promptMs,
    });
    platform = simulator;
  }
  const verifier = opts.wrapVerifier ? opts.wrapVerifier(platform) : platform;
  const service = new AuthService({
    verifier,
    zlb: platform,
    population,
    sessions: new SqlSessionStore(registry.sql),
    attempts: new SqlFaceAttemptStore(registry.sql),
    ledger: new SqlReplayLedger(registry.sql),
    counters: new SqlRateCounterStore(registry.sql),
    presentations: new SqlCertificateStore(registry.sql),
    clock,
    random,
  });
  const me: MeDeps = {
    holdings: new SqlHoldingsQuery(registry.sql),
    register: registry.register,
    parties: registry.parties,
    clock,
  };
  return {
    service,
    me,
    ...(simulator && opts.simulatorsEnabled ? { zlbSimulator: simulator } : {}),
  };
}
