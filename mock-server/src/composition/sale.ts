/**
 * The home sale: the housing department's 网签备案 simulator, the payment gateway and the tax
 * department simulators, the buyer family's housing count (the shared housing source), the four
 * utility simulators, and the sale use cases (contract terms, filing, tax assessment and
 * payment, shared tax receipts, utility opt-in and transfers).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { sharedFamilyHousing } from '../adapters/housing-sim/familyHousing';
import {
  PaymentFaultQueue,
  SimulatedPaymentGateway,
  type SqliteTaxPaymentStore,
} from '../adapters/payment-sim';
import {
  loadOrCreateTaxDepartmentKey,
  SimulatedTaxDepartment,
  SqliteIssuedReceipts,
} from '../adapters/tax-sim';
import { simulatedUtilityProviders, UtilityFaults } from '../adapters/utility-sim';
import type { Db } from '../adapters/sqlite/database';
import {
  SqliteContractTermsStore,
  SqliteTaxAssessmentStore,
  SqliteUtilityStore,
} from '../adapters/sqlite/saleStore';
import type { CaseRecord } from '../domain/cases';
import type { CaseStore, Clock, IdGenerator, PartyDirectory, RegisterRepository } from '../ports';
import type { ContractFiling } from '../ports/contracts';
import type { SharedDataSource } from '../ports/sharedData';
import { CaseTax } from '../usecases/sale/caseTax';
import { SaleContract } from '../usecases/sale/contract';
import { SaleContractFiling } from '../usecases/sale/filing';
import type { PartyCaseReads, RecordTaxPaid } from '../usecases/sale/saleCase';
import { SaleTaxAssessment } from '../usecases/sale/taxAssessment';
import { SharedTaxReceipts } from '../usecases/sale/taxReceipts';
import { UtilityOptIn } from '../usecases/sale/utilityOptIn';
import { UtilityTransfers } from '../usecases/sale/utilityTransfers';
import type { TrackChanges } from '../usecases/signing/changeTracking';
import { createTaxPayment, type RetryPolicy } from '../usecases/tax/payTax';

export interface SaleInfrastructure {
  db: Db;
  caseStore: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  filing: ContractFiling;
  payments: SqliteTaxPaymentStore;
  /** the shared housing source answering `familyHousing` */
  housingSource: SharedDataSource;
  clock: Clock;
  logger?: Logger;
  paymentRetry?: Partial<RetryPolicy>;
}

/** What the sale takes from the case and signing use cases. */
export interface SaleCollaborators {
  cases: PartyCaseReads;
  /** the lifecycle's payTax step, once the tax department's receipt is in */
  recordTaxPaid: RecordTaxPaid;
  deliver: (c: CaseRecord, title: string, body: string) => void;
  /** signing: change tracking (voids signatures over old terms) and whether everybody signed */
  signing: { tracking: TrackChanges; signedByAll: (caseId: string) => boolean };
}

export function composeSale(infra: SaleInfrastructure, via: SaleCollaborators) {
  const { db, clock, caseStore, register, parties } = infra;
  const ids: IdGenerator = { next: (prefix) => `${prefix}-${randomUUID()}` };
  const paymentFaults = new PaymentFaultQueue();
  const utilityFaults = new UtilityFaults();
  const gateway = new SimulatedPaymentGateway({ clock, ids, faults: paymentFaults });
  const taxKey = loadOrCreateTaxDepartmentKey(db, () => clock.now());
  const issued = new SqliteIssuedReceipts(db);
  const taxDepartment = new SimulatedTaxDepartment({ ...taxKey, clock, ids, issued });
  const taxPayment = createTaxPayment({
    gateway,
    taxDepartment,
    taxDepartmentPublicKeyHex: taxDepartment.publicKeyHex,
    store: infra.payments,
    clock,
    retry: { maxAttempts: 3, timeoutMs: 2000, backoffMs: 100, ...infra.paymentRetry },
  });
  const spouses = db.prepare(
    `SELECT CASE WHEN spouse_a_id = ? THEN spouse_b_id ELSE spouse_a_id END AS s
       FROM marriages WHERE spouse_a_id = ? OR spouse_b_id = ?`,
  );
  const terms = new SqliteContractTermsStore(db);
  const utilityStore = new SqliteUtilityStore(db);
  const providers = simulatedUtilityProviders(db, clock, utilityFaults);
  const filing = new SaleContractFiling({
    caseStore,
    terms,
    filing: infra.filing,
    parties,
    signedByAll: (caseId) => via.signing.signedByAll(caseId),
  });
  const receipts = new SharedTaxReceipts({
    sharedReceiptOf: (caseId) => issued.get(caseId),
    taxDepartmentPublicKeyHex: taxDepartment.publicKeyHex,
  });
  const assessment = new SaleTaxAssessment({
    register,
    parties,
    filing: infra.filing,
    familyHousing: sharedFamilyHousing(infra.housingSource),
    spousesOf: (personId) =>
      (spouses.all(personId, personId, personId) as { s: string }[]).map((r) => r.s),
    assessments: new SqliteTaxAssessmentStore(db),
    clock,
  });
  const transfers = new UtilityTransfers({
    caseStore,
    register,
    utilities: utilityStore,
    providers,
    deliver: via.deliver,
    clock,
    onBackgroundError: (e) => infra.logger?.error({ err: e }, 'utility notification failed'),
  });
  const { cases } = via;
  return {
    /** the use cases behind the sale routes */
    sale: {
      contract: new SaleContract({
        cases,
        caseStore,
        terms,
        filing: infra.filing,
        trackSigningChange: (caseId, change) => via.signing.tracking(caseId, change),
        clock,
      }),
      tax: new CaseTax({
        cases,
        caseStore,
        recordTaxPaid: via.recordTaxPaid,
        assessment,
        taxPayment,
        payments: infra.payments,
        receipts,
      }),
      utilities: new UtilityOptIn({ cases, utilities: utilityStore, providers, transfers, clock }),
    },
    filing,
    receipts,
    transfers,
    gateway,
    paymentFaults,
    utilityFaults,
    taxDepartment,
  };
}
