/** Wires the e-certificate use cases to SQLite, the registry key and a clock. */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { loadPresentationSigner } from '../keys/presentationSigner';
import { certificatePdfRenderer } from '../pdf/certificatePdf';
import type { CatalogueRepository, Clock, PartyDirectory, RegisterRepository } from '../../ports';
import { CertificateService } from '../../usecases/certificates/service';
import { SqliteCaseStore } from './caseStore';
import { SqliteCertificateStore } from './certificateStore';
import type { Db } from './database';

const systemClock: Clock = { now: () => new Date() };

export function wireCertificates(
  registry: {
    db: Db;
    register: RegisterRepository;
    parties: PartyDirectory;
    catalogue: CatalogueRepository;
  },
  options: { ttlSeconds: number; simulatorsEnabled: boolean; publicBaseUrl?: string },
  clock: Clock = systemClock,
) {
  const signer = loadPresentationSigner(registry.db, () => clock.now());
  const certificates = new CertificateService({
    store: new SqliteCertificateStore(registry.db),
    cases: new SqliteCaseStore(registry.db),
    register: registry.register,
    parties: registry.parties,
    signer,
    clock,
    newId: (prefix) => `${prefix}-${randomUUID()}`,
    newCode: () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
    newNonce: () => randomBytes(16).toString('hex'),
    ttlSeconds: options.ttlSeconds,
    pdf: certificatePdfRenderer(),
  });
  return {
    certificates,
    simulatorsEnabled: options.simulatorsEnabled,
    clock,
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
  };
}

export type CertificateWiring = ReturnType<typeof wireCertificates>;
