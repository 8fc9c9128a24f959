/**
 * Wires the e-certificate use cases (wallet, 亮证, verification, PDF, holdings proofs) to SQLite,
 * the registry's key and a clock.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { loadPresentationSigner } from '../keys/presentationSigner';
import { certificatePdfRenderer } from '../pdf/certificatePdf';
import type { CatalogueRepository, Clock, PartyDirectory, RegisterRepository } from '../../ports';
import { HoldingsProofs } from '../../usecases/certificates/holdingsProofs';
import { MortgageSimulator } from '../../usecases/certificates/mortgageSimulator';
import { CertificatePdf } from '../../usecases/certificates/pdf';
import { Presentations } from '../../usecases/certificates/presentations';
import { PrintedCopies } from '../../usecases/certificates/printedCopies';
import { StatusNow } from '../../usecases/certificates/statusNow';
import { ElectronicTwins } from '../../usecases/certificates/twins';
import { Verification } from '../../usecases/certificates/verification';
import { VerificationLog } from '../../usecases/certificates/verificationLog';
import { Wallet } from '../../usecases/certificates/wallet';
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
  const { register, parties } = registry;
  const signer = loadPresentationSigner(registry.db, () => clock.now());
  const store = new SqliteCertificateStore(registry.db);
  const cases = new SqliteCaseStore(registry.db);
  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
  const statusNow = new StatusNow({ store, register });
  const statusOf = (certificateId: string) => statusNow.of(certificateId);
  const twins = new ElectronicTwins({ cases, store, register, parties, signer, clock, newId });
  const verificationLog = new VerificationLog({ store });
  const wallet = new Wallet({
    cases,
    store,
    register,
    statusOf,
    documentOf: (c) => twins.documentOf(c),
    verificationLog,
  });
  return {
    wallet,
    verificationLog,
    presentations: new Presentations({
      wallet,
      store,
      signer,
      clock,
      newId,
      newCode: () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
      newNonce: () => randomBytes(16).toString('hex'),
      ttlSeconds: options.ttlSeconds,
    }),
    holdingsProofs: new HoldingsProofs({ cases, store, signer, wallet, clock, newId }),
    pdf: new CertificatePdf({ wallet, pdf: certificatePdfRenderer(), signer, clock }),
    verification: new Verification({ store, cases, signer, statusOf, clock }),
    printedCopies: new PrintedCopies({ cases, signer, statusOf, clock }),
    mortgageSimulator: new MortgageSimulator({ cases, register, clock, newId }),
    simulatorsEnabled: options.simulatorsEnabled,
    clock,
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
  };
}

export type CertificateWiring = ReturnType<typeof wireCertificates>;
