/**
 * The home sale: the housing department's 网签备案 simulator, the payment gateway and the tax
 * department simulators, the buyer family's housing count (the shared housing source), the four
 * utility simulators, and the sale use cases (contract terms, filing, tax assessment and
 * payment, shared tax receipts, utility opt-in and transfers).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { sharedFamilyHousing, spousesOf } from '../adapters/housing-sim/familyHousing';
import { heirshipIn, relationTo } from '../adapters/housing-sim/kinshipRelations';
import { SqlPaymentFaults, SimulatedPaymentGateway } from '../adapters/payment-sim';
import type { SqlDb } from '../adapters/sql/types';
import { SimulatedTaxDepartment, SqlIssuedReceipts } from '../adapters/tax-sim';
import { simulatedUtilityProviders, SqlUtilityFaults } from '../adapters/utility-sim';
import {
  SqlContractTermsStore,
  SqlTaxAssessmentStore,
  SqlUtilityStore,
} from '../adapters/sqlite/saleStore';
import type { CaseRecord } from '../domain/cases';
import type {
  CaseStore,
  Clock,
  IdGenerator,
  PartyDirectory,
  RegisterRepository,
  TaxPaymentStore,
} from '../ports';
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
import type { CaseEffects } from '../usecases/cases/effectsRunner';
import type { BusinessType } from '../domain/catalogue';
import { createTaxPayment, type RetryPolicy } from '../usecases/tax/payTax';

export interface SaleInfrastructure {
  sql: SqlDb;
  /** the tax department simulator's own SM2 key (not the registry's seal key) */
  taxDepartmentKey: { keyId: string; privateKey: bigint };
  caseStore: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  filing: ContractFiling;
  payments: TaxPaymentStore;
  /** the shared housing source answering `familyHousing` */
  housingSource: SharedDataSource;
  clock: Clock;
  logger?: Logger;
  paymentRetry?: Partial<RetryPolicy>;
}

/** What the sale takes from the case and signing use cases. */
export interface SaleCollaborators {
  cases: PartyCaseReads & { businessType(code: string): BusinessType | Promise<BusinessType> };
  /** the cases' effects runner: the terms and the utilities chosen go through the workflow */
  effects: CaseEffects;
  /** the lifecycle's payTax step, once the tax department's receipt is in */
  recordTaxPaid: RecordTaxPaid;
  deliver: (c: CaseRecord, title: string, body: string) => void;
  /** signing: whether everybody signed (the contract is filed then) */
  signing: { signedByAll: (caseId: string) => Promise<boolean> };
}

export function composeSale(infra: SaleInfrastructure, via: SaleCollaborators) {
  const { sql, clock, caseStore, register, parties } = infra;
  const ids: IdGenerator = { next: (prefix) => `${prefix}-${randomUUID()}` };
  const paymentFaults = new SqlPaymentFaults(sql, clock);
  // the utility companies' fault queues: in the store, so a switch set on one node holds on all
  const utilityFaults = new SqlUtilityFaults(sql, clock);
  const gateway = new SimulatedPaymentGateway({ db: sql, clock, ids, faults: paymentFaults });
  const issued = new SqlIssuedReceipts(sql);
  const taxDepartment = new SimulatedTaxDepartment({
    ...infra.taxDepartmentKey,
    clock,
    ids,
    issued,
  });
  const taxPayment = createTaxPayment({
    gateway,
    taxDepartment,
    taxDepartmentPublicKeyHex: taxDepartment.publicKeyHex,
    store: infra.payments,
    clock,
    retry: { maxAttempts: 3, timeoutMs: 2000, backoffMs: 100, ...infra.paymentRetry },
  });
  const terms = new SqlContractTermsStore(sql);
  const utilityStore = new SqlUtilityStore(sql);
  const providers = simulatedUtilityProviders(sql, clock, utilityFaults);
  const filing = new SaleContractFiling({
    caseStore,
    terms,
    filing: infra.filing,
    parties,
    signedByAll: (caseId) => via.signing.signedByAll(caseId),
  });
  const assessments = new SqlTaxAssessmentStore(sql);
  const receipts = new SharedTaxReceipts({
    sharedReceiptOf: (caseId, payerId) => issued.get(caseId, payerId),
    assessmentOf: async (caseId) => (await assessments.get(caseId))?.assessment,
    taxDepartmentPublicKeyHex: taxDepartment.publicKeyHex,
  });
  const assessment = new SaleTaxAssessment({
    register,
    parties,
    filing: infra.filing,
    familyHousing: sharedFamilyHousing(infra.housingSource),
    spousesOf: (personId) => spousesOf(sql, personId),
    relations: {
      relation: (personId, transferorIds) => relationTo(sql, personId, transferorIds),
      heir: (caseId, personId) => heirshipIn(sql, caseId, personId),
    },
    assessments,
    clock,
    // absent: by its kind, a transfer is a sale (domain/catalogue.ts); otherwise no rule fits
    taxCauseOf: async (c) => {
      const bt = await via.cases.businessType(c.businessTypeCode);
      return bt.taxation?.cause ?? (bt.kind === 'transfer' ? 'sale' : undefined);
    },
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
        effects: via.effects,
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
      utilities: new UtilityOptIn({
        cases,
        caseStore,
        utilities: utilityStore,
        providers,
        effects: via.effects,
        clock,
      }),
    },
    /**
     * what the cases' effects runner needs of the sale: the stores of the terms and the utilities
     * chosen, and the utility companies told again on a party's retry
     */
    forCaseEffects: {
      terms,
      utilities: utilityStore,
      notifyUtilities: (caseId: string) => transfers.notify(caseId),
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
