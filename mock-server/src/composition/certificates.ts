/**
 * E-certificates: the wallet, the status now, electronic twins, 亮证 presentations with their own
 * signing key, verification and its log, the PDF and its signature, printed-copy checks,
 * holdings proofs and the mortgage simulator.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { certificatePdfRenderer } from '../adapters/pdf/certificatePdf';
import type { SqlDb } from '../adapters/sql';
import { SqlCertificateStore } from '../adapters/sqlite/certificateStore';
import type { CaseStore, Clock, PartyDirectory, RegisterRepository } from '../ports';
import type { PresentationSigner } from '../ports/certificates';
import { HoldingsProofs } from '../usecases/certificates/holdingsProofs';
import { MortgageSimulator } from '../usecases/certificates/mortgageSimulator';
import { CertificatePdf } from '../usecases/certificates/pdf';
import { Presentations } from '../usecases/certificates/presentations';
import { PrintedCopies } from '../usecases/certificates/printedCopies';
import { LimitedVerification } from '../usecases/certificates/limitedVerification';
import { StatusNow } from '../usecases/certificates/statusNow';
import { ElectronicTwins } from '../usecases/certificates/twins';
import { Verification } from '../usecases/certificates/verification';
import { VerificationLog } from '../usecases/certificates/verificationLog';
import { Wallet } from '../usecases/certificates/wallet';
import type { MessageBox } from '../usecases/messaging/raiseMessages';
import { verificationMessage } from '../usecases/messaging/verificationMessage';

export interface CertificateInfrastructure {
  sql: SqlDb;
  /** the registry's key as presentations, holdings proofs and PDFs are signed with it */
  signer: PresentationSigner;
  cases: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  clock: Clock;
  newId: (prefix: string) => string;
  /** how long a 亮证 presentation lives */
  ttlSeconds: number;
  /** the holder's 消息 box: told of each verification of their certificate */
  messages?: MessageBox;
}

/**
 * Electronic twins, as the wallet makes them on first sight and `npm run twins` makes them for
 * the whole register: one use case, so a certificate gets one twin whichever comes first.
 */
export function composeElectronicTwins(
  infra: Omit<CertificateInfrastructure, 'ttlSeconds'>,
  store = new SqlCertificateStore(infra.sql),
): ElectronicTwins {
  const { signer, cases, register, parties, clock, newId } = infra;
  return new ElectronicTwins({ cases, store, register, parties, signer, clock, newId });
}

export function composeCertificates(infra: CertificateInfrastructure) {
  const { signer, cases, register, clock, newId } = infra;
  const store = new SqlCertificateStore(infra.sql);
  const statusNow = new StatusNow({ store, register });
  const statusOf = (certificateId: string) => statusNow.of(certificateId);
  const twins = composeElectronicTwins(infra, store);
  const verificationLog = new VerificationLog({ store });
  const printedCopies = new PrintedCopies({ cases, signer, statusOf, clock });
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
      ttlSeconds: infra.ttlSeconds,
    }),
    holdingsProofs: new HoldingsProofs({ cases, store, signer, wallet, clock, newId }),
    pdf: new CertificatePdf({ wallet, pdf: certificatePdfRenderer(), signer, clock }),
    limitedVerification: new LimitedVerification({
      store,
      verification: new Verification({
        store,
        cases,
        signer,
        statusOf,
        clock,
        ...(infra.messages
          ? { tellHolder: verificationMessage(infra.messages, cases, newId) }
          : {}),
      }),
      printedCopies,
      clock,
    }),
    printedCopies,
    mortgageSimulator: new MortgageSimulator({ cases, store, register, clock, newId }),
  };
}
