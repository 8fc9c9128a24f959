/**
 * Wires the home sale: the housing department's 网签备案 simulator, the payment gateway and
 * the tax department simulators (tax payment) now used by cases, the buyer family's
 * housing count (the shared housing source when one is given, else the register stand-in), the
 * four utility simulators, and the sale use cases; hooks them into the case and signing use cases.
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
import { SaleService, type SaleDeps } from '../../usecases/sale/service';
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
export class PaymentFaultQueue {
  private queue: Fault[] = [];
  set(faults: Fault[]): void {
    this.queue = [...faults];
  }
  next(): Fault {
    return this.queue.shift() ?? 'ok';
  }
}

export interface SaleWiringOptions {
  clock?: Clock;
  logger?: Logger;
  /** the shared housing source answering `familyHousing`, when wired */
  housingSource?: SharedDataSource;
  paymentRetry?: Partial<RetryPolicy>;
  utilityRetry?: { maxAttempts: number; backoffMs: number };
}

export function wireSale(
  registry: { db: Db; register: RegisterRepository; parties: PartyDirectory },
  cases: CaseService,
  signing: SaleDeps['signing'],
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
  const sale = new SaleService({
    cases,
    caseStore: new SqliteCaseStore(db),
    signing,
    register: registry.register,
    parties: registry.parties,
    terms: new SqliteContractTermsStore(db),
    filing: new SqliteContractFiling(db, clock),
    familyHousing: opts.housingSource
      ? sharedFamilyHousing(opts.housingSource)
      : registerFamilyHousing(db, clock),
    spousesOf: (personId) =>
      (spouses.all(personId, personId, personId) as { s: string }[]).map((r) => r.s),
    assessments: new SqliteTaxAssessmentStore(db),
    taxPayment,
    taxDepartment,
    taxDepartmentPublicKeyHex: taxDepartment.publicKeyHex,
    sharedReceiptOf: (caseId) => issued.get(caseId),
    payments,
    utilities: new SqliteUtilityStore(db),
    providers: simulatedUtilityProviders(db, clock, utilityFaults),
    clock,
    ...(opts.utilityRetry ? { utilityRetry: opts.utilityRetry } : {}),
    onBackgroundError: (e) => opts.logger?.error({ err: e }, 'utility notification failed'),
  });
  cases.onSubmitted((c) => {
    // a party's submission filed it already (fileBeforeSubmission); idempotent for any other path
    sale.fileOnSubmission(c).catch((e: unknown) => opts.logger?.error({ err: e }, 'filing failed'));
  });
  cases.checkTaxPaidWith((c) => sale.taxPaidByShared(c));
  cases.onCompleted((caseId) => sale.onCaseCompleted(caseId));
  // finish notifying the utility companies of cases recorded before a stop
  sale.resumeUtilities();
  return { sale, gateway, paymentFaults, utilityFaults, taxDepartment };
}

export type SaleWiring = ReturnType<typeof wireSale>;
