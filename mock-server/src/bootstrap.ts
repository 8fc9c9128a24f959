/**
 * Composition root shared by main.ts, seed-cli.ts and the server tests: open the database,
 * migrate, publish the catalogue, seed demo data on an empty database, wire the adapters.
 */
import type { Logger } from 'pino';
import { ensureCatalogue, seedIfEmpty } from './adapters/seed';
import { SqliteCatalogueRepository } from './adapters/sqlite/catalogueRepository';
import { migrate, openDatabase, type Db } from './adapters/sqlite/database';
import { SqliteHealthProbe } from './adapters/sqlite/healthProbe';
import { SqlitePartyDirectory } from './adapters/sqlite/partyDirectory';
import { SqliteRegisterRepository } from './adapters/sqlite/registerRepository';
import type { Config } from './config';
import { buildServer } from './http/server';
import { wireIdentity, type IdentityOverrides } from './adapters/identity-sim/wiring';
import { wireCases } from './adapters/sqlite/caseWiring';
import { wireStaff } from './adapters/sqlite/staffWiring';
import { wireCertificates } from './adapters/sqlite/certificateWiring';
import { wireSigning } from './adapters/sqlite/signingWiring';
import { wireSale, wireSaleFiling } from './adapters/sqlite/saleWiring';
import { wireSharedData } from './adapters/data-sources/wiring';
import { SqliteContractFiling } from './adapters/housing-sim';
import { SqliteTaxPaymentStore } from './adapters/payment-sim/taxPaymentStore';
import { wireArchive } from './adapters/archive/wiring';
import { wireConsultation } from './adapters/consultation/wiring';
import packageJson from '../../package.json';

export const SERVER_VERSION: string = packageJson.version;

export interface Registry {
  db: Db;
  catalogue: SqliteCatalogueRepository;
  register: SqliteRegisterRepository;
  parties: SqlitePartyDirectory;
  probe: SqliteHealthProbe;
  migrationsApplied: number[];
  seeded: boolean;
}

export function openRegistry(
  config: Pick<Config, 'databasePath' | 'seedOnEmpty'>,
  logger?: Logger,
): Registry {
  const db = openDatabase(config.databasePath);
  try {
    const migrationsApplied = migrate(db);
    const published = ensureCatalogue(db);
    const seeded = config.seedOnEmpty ? seedIfEmpty(db) : false;
    logger?.info({ migrationsApplied, cataloguePublished: published, seeded }, 'database ready');
    return {
      db,
      catalogue: new SqliteCatalogueRepository(db),
      register: new SqliteRegisterRepository(db),
      parties: new SqlitePartyDirectory(db),
      probe: new SqliteHealthProbe(db),
      migrationsApplied,
      seeded,
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

export function createApp(
  config: Config,
  registry: Registry,
  logger: Logger,
  /** tests inject a clock, a scripted random source or a wrapped verifier */
  identityOverrides: IdentityOverrides = {},
) {
  const cases = wireCases(registry, identityOverrides.clock);
  const archive = wireArchive(registry, {
    databasePath: config.databasePath,
    logger,
    demoOrganOfficer: config.seedOnEmpty,
    ...(identityOverrides.clock ? { clock: identityOverrides.clock } : {}),
  });
  archive.attach(cases.cases);
  const signing = wireSigning(registry, cases.cases, {
    databasePath: config.databasePath,
    invitationTtlDays: config.invitationTtlDays,
    uploadMaxBytes: config.uploadMaxBytes,
    uploadMaxPixels: config.uploadMaxPixels,
    ...(identityOverrides.clock ? { clock: identityOverrides.clock } : {}),
  });
  // the online contract is filed before a submission's shared data is fetched
  const saleFiling = wireSaleFiling(registry, signing.forSale, identityOverrides.clock);
  const sharedData = wireSharedData(registry, cases.cases, {
    fileContract: (caseId) => saleFiling.beforeSubmission(caseId),
    logger,
    contracts: new SqliteContractFiling(
      registry.db,
      identityOverrides.clock ?? { now: () => new Date() },
    ),
    taxPayments: new SqliteTaxPaymentStore(registry.db),
    blobs: signing.blobs,
    faults: config.dataSourceFaults,
    timeoutMs: config.dataSourceTimeoutMs,
    ...(identityOverrides.clock ? { clock: identityOverrides.clock } : {}),
  });
  const sale = wireSale(registry, cases.cases, signing.forSale, {
    logger,
    housingSource: sharedData.sources.housing,
    filing: saleFiling,
    ...(identityOverrides.clock ? { clock: identityOverrides.clock } : {}),
  });
  const staff = wireStaff(registry, cases.cases, {
    seedDemoStaff: config.seedOnEmpty,
    marriage: sharedData.marriage,
    ...(identityOverrides.clock ? { clock: identityOverrides.clock } : {}),
  });
  const consultation = wireConsultation(registry.db, {
    cases: cases.store,
    staffStore: staff.store,
    ...(identityOverrides.clock ? { clock: identityOverrides.clock } : {}),
  });
  return buildServer({
    identity: wireIdentity(registry, config.simulatorsEnabled, identityOverrides),
    cases: { ...cases, beforeSubmit: sharedData.beforeSubmit, marriage: sharedData.marriage },
    signing,
    sharedData: {
      shared: sharedData.shared,
      ...(config.simulatorsEnabled ? { faults: sharedData.faults } : {}),
    },
    sale: { sale, simulatorsEnabled: config.simulatorsEnabled },
    archive: { archive: archive.archive, cases: cases.store },
    queries: { queries: archive.queries },
    staff,
    consultation: { consultation: consultation.consultation },
    certificates: wireCertificates(
      registry,
      {
        ttlSeconds: config.presentationTtlSeconds,
        simulatorsEnabled: config.simulatorsEnabled,
        publicBaseUrl: config.publicBaseUrl,
      },
      identityOverrides.clock,
    ),
    logger,
    catalogue: registry.catalogue,
    probe: registry.probe,
    version: SERVER_VERSION,
    staticDir: config.staticDir,
    bodyLimitBytes: config.bodyLimitBytes,
  });
}
