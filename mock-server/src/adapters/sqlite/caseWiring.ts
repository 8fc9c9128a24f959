/** Wires the case use cases to SQLite, the registry key and a clock. */
import { randomUUID } from 'node:crypto';
import { loadOrCreateRegistrySealer } from '../keys/registryKey';
import type { Clock, PartyDirectory, CatalogueRepository, RegisterRepository } from '../../ports';
import { CaseService } from '../../usecases/cases/service';
import { SqliteCaseStore } from './caseStore';
import type { Db } from './database';

const systemClock: Clock = { now: () => new Date() };

export function wireCases(
  registry: {
    db: Db;
    register: RegisterRepository;
    parties: PartyDirectory;
    catalogue: CatalogueRepository;
  },
  clock: Clock = systemClock,
) {
  const store = new SqliteCaseStore(registry.db);
  const sealer = loadOrCreateRegistrySealer(registry.db, () => clock.now());
  const cases = new CaseService({
    store,
    register: registry.register,
    parties: registry.parties,
    catalogue: registry.catalogue,
    sealer,
    clock,
    newId: (prefix) => `${prefix}-${randomUUID()}`,
    // a spouse's consent follows 民政's sealed answer, fetched before the draft by the shared-data
    // service (adapters/data-sources/wiring.ts), never the register's own marriage data
  });
  // finish what the machine had started before a stop or a crash
  cases.resumePending();
  return { cases, store, publicKey: { keyId: sealer.keyId, publicKeyHex: sealer.publicKeyHex } };
}
