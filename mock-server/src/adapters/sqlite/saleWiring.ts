/**
 * Wires the home sale: the housing department's 网签备案 simulator, the payment gateway and the
 * tax department simulators, the buyer family's housing count (the shared housing source when one
 * is given, else the register stand-in), the four utility simulators, and the sale use cases;
 * hooks them into the case use cases (signing reads the contract terms from their store).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { registerFamilyHousing, sharedFamilyHousing } from '../housing-sim/familyHousing';
import { SqliteContractFiling } from '../housing-sim';
import { SimulatedPaymentGateway, SqliteTaxPaymentStore, type Fault } from '../payment-sim';
import {
  loadOrCreateTaxDepartmentKey,
  SimulatedTaxDepartment,
  SqliteIssuedReceipts,
} from '../tax-sim';
import { simulatedUtilityProviders, UtilityFaults } from '../utility-sim';
import type { Clock, IdGenerator, PartyDirectory, RegisterRepository } from '../../ports';
import type { SharedDataSource } from '../../ports/sharedData';
import type { CaseService } from '../../usecases/cases/service';
import { CaseTax } from '../../usecases/sale/caseTax';
import { SaleContract } from '../../usecases/sale/contract';
import { SaleContractFiling } from '../../usecases/sale/filing';
import { SaleTaxAssessment } from '../../usecases/sale/taxAssessment';
import { SharedTaxReceipts } from '../../usecases/sale/taxReceipts';
import { UtilityOptIn } from '../../usecases/sale/utilityOptIn';
import { UtilityTransfers } from '../../usecases/sale/utilityTransfers';
import type { TrackChanges } from '../../usecases/signing/changeTracking';
import { createTaxPayment, type RetryPolicy } from '../../usecases/tax/payTax';
import { SqliteCaseStore } from './caseStore';
import type { Db } from './database';
import {
  SqliteContractTermsStore,
  SqliteTaxAssessmentStore,
  SqliteUtilityStore,
} from './saleStore';

const systemClock: Clock = { now: () => new Date() };

/** The payment gateway's next answers, switchable in tests and the demo (then 'ok'). */
/** What the sale use cases call into signing: change tracking, and whether everybody signed. */
export interface SaleSigning {
  tracking: TrackChanges;
  signedByAll: (caseId: string) => boolean;
}

export class PaymentFaultQueue {
  private queue: Fault[] = [];
  set(faults: Fault[]): void {
    this.queue = [...faults];
  }
  next(): Fault {
    return this.queue.shift() ?? 'ok';
  }
}

/**
 * 网签备案 before a party's submission: needed by the shared-data step (which fetches the filed
 * contract right after), so it is wired before shared data and the rest of the sale.
 */
export function wireSaleFiling(
  registry: { db: Db; parties: PartyDirectory },
  signing: Pick<SaleSigning, 'signedByAll'>,
  clock: Clock = systemClock,
): SaleContractFiling {
  return new SaleContractFiling({
    caseStore: new SqliteCaseStore(registry.db),
    terms: new SqliteContractTermsStore(registry.db),
    filing: new SqliteContractFiling(registry.db, clock),
    parties: registry.parties,
    signedByAll: (caseId) => signing.signedByAll(caseId),
  });
}

export interface SaleWiringOptions {
  clock?: Clock;
  logger?: Logger;
  /** the shared housing source answering `familyHousing`, when wired */
  housingSource?: SharedDataSource;
  /** the filing wired before shared data (wireSaleFiling); made here when absent */
  filing?: SaleContractFiling;
  paymentRetry?: Partial<RetryPolicy>;
  utilityRetry?: { maxAttempts: number; backoffMs: number };
}

export function wireSale(
  registry: { db: Db; register: RegisterRepository; parties: PartyDirectory },
  cases: CaseService,
  signing: SaleSigning,
  opts: SaleWiringOptions = {},
) {
  const { db } = registry;
  const clock = opts.clock ?? systemClock;
  const ids: IdGenerator = { next: (prefix) => `${prefix}-${randomUUID()}` };
  const paymentFaults = new PaymentFaultQueue();
  const utilityFaults = new UtilityFaults();
  const gateway = new SimulatedPaymentGateway({ clock, ids, faults: paymentFaults });
  const taxKey = loadOrCreateTaxDepartmentKey(db, () => clock.now());
  const issued = new SqliteIssuedReceipts(db);
  const taxDepartment = new SimulatedTaxDepartment({ ...taxKey, clock, ids, issued });
  const payments = new SqliteTaxPaymentStore(db);
  const taxPayment = createTaxPayment({
    gateway,
    taxDepartment,
    taxDepartmentPublicKeyHex: taxDepartment.publicKeyHex,
    store: payments,
    clock,
    retry: { maxAttempts: 3, timeoutMs: 2000, backoffMs: 100, ...opts.paymentRetry },
  });
  const spouses = db.prepare(
    `SELECT CASE WHEN spouse_a_id = ? THEN spouse_b_id ELSE spouse_a_id END AS s
       FROM marriages WHERE spouse_a_id = ? OR spouse_b_id = ?`,
  );
  const caseStore = new SqliteCaseStore(db);
  const terms = new SqliteContractTermsStore(db);
  const filing = new SqliteContractFiling(db, clock);
  const utilityStore = new SqliteUtilityStore(db);
  const providers = simulatedUtilityProviders(db, clock, utilityFaults);
  const saleFiling = opts.filing ?? wireSaleFiling(registry, signing, clock);
  const receipts = new SharedTaxReceipts({
    sharedReceiptOf: (caseId) => issued.get(caseId),
    taxDepartmentPublicKeyHex: taxDepartment.publicKeyHex,
  });
  const assessment = new SaleTaxAssessment({
    register: registry.register,
    parties: registry.parties,
    filing,
    familyHousing: opts.housingSource
      ? sharedFamilyHousing(opts.housingSource)
      : registerFamilyHousing(db, clock),
    spousesOf: (personId) =>
      (spouses.all(personId, personId, personId) as { s: string }[]).map((r) => r.s),
    assessments: new SqliteTaxAssessmentStore(db),
    clock,
  });
  const transfers = new UtilityTransfers({
    caseStore,
    register: registry.register,
    utilities: utilityStore,
    providers,
    deliver: (c, title, body) => cases.deliver(c, title, body),
    clock,
    ...(opts.utilityRetry ? { retry: opts.utilityRetry } : {}),
    onBackgroundError: (e) => opts.logger?.error({ err: e }, 'utility notification failed'),
  });
  const sale = {
    contract: new SaleContract({
      cases,
      caseStore,
      terms,
      filing,
      trackSigningChange: (caseId, change) => signing.tracking(caseId, change),
      clock,
    }),
    tax: new CaseTax({
      cases,
      caseStore,
      recordTaxPaid: (caller, caseId, receipt) => {
        cases.act(caller, caseId, 'payTax', receipt);
      },
      assessment,
      taxPayment,
      payments,
      receipts,
    }),
    utilities: new UtilityOptIn({ cases, utilities: utilityStore, providers, transfers, clock }),
    filing: saleFiling,
    assessment,
    transfers,
  };
  cases.onSubmitted((c) => {
    // a party's submission filed it already (beforeSubmission); idempotent for any other path
    saleFiling.file(c).catch((e: unknown) => opts.logger?.error({ err: e }, 'filing failed'));
  });
  cases.checkTaxPaidWith((c) => receipts.paid(c));
  cases.onCompleted((caseId) => transfers.onCaseCompleted(caseId));
  // finish notifying the utility companies of cases recorded before a stop
  transfers.resume();
  return { sale, gateway, paymentFaults, utilityFaults, taxDepartment };
}

export type SaleWiring = ReturnType<typeof wireSale>;
