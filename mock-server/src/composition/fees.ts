/**
 * The registration fee and refunds (docs/registry-facts.md §14): the finance department simulator
 * (its own key), the gateway of the treasury's account (charges through the shared ledger, its own
 * callbacks), the gateway's refunds, the registry's fee and refund stores, and the use cases.
 */
import { randomUUID } from 'node:crypto';
import { SimulatedFinanceDepartment } from '../adapters/finance-sim';
import {
  SimulatedPaymentGateway,
  SimulatedRefundGateway,
  SqlFeePaymentStore,
  SqlRefundStore,
} from '../adapters/payment-sim';
import type { FaultPlan } from '../adapters/payment-sim/faults';
import type { SqlDb } from '../adapters/sql/types';
import type { BusinessType } from '../domain/catalogue';
import type { CaseStore, Clock, IdGenerator, PartyDirectory, RegisterRepository } from '../ports';
import type { CaseView, PartyCaller } from '../usecases/cases/types';
import { CaseFee } from '../usecases/fees/caseFee';
import { createFeePayment, type FeeRetryPolicy } from '../usecases/fees/payFee';
import { CaseRefunds, type PaidCharge } from '../usecases/fees/refunds';

export interface FeeInfrastructure {
  sql: SqlDb;
  /** the finance department simulator's own SM2 key (key store: 'finance-department') */
  financeKey: { keyId: string; privateKey: bigint };
  caseStore: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  clock: Clock;
  retry?: Partial<FeeRetryPolicy>;
  /** tests: the gateway's and the department's answers (default: always answers) */
  faults?: { gateway?: FaultPlan; refunds?: FaultPlan; finance?: FaultPlan };
  sleep?: (ms: number) => Promise<void>;
  /** 市场监管's 小微企业名录 (assumption: none listed in the demo unless given) */
  smallMicroEnterprises?: ReadonlySet<string>;
}

export interface FeeCollaborators {
  cases: {
    getCase(caller: PartyCaller, caseId: string): Promise<CaseView>;
    businessType(code: string): BusinessType | Promise<BusinessType>;
  };
  recordFeePaid: (
    caller: PartyCaller,
    caseId: string,
    billNo: string,
    note: string,
  ) => Promise<unknown>;
  /** the tax charges of a case, with who paid and the 完税证明 they reverse */
  taxChargesOf: (caseId: string) => Promise<PaidCharge[]>;
}

export function composeFees(infra: FeeInfrastructure, via: FeeCollaborators) {
  const { sql, clock } = infra;
  const ids: IdGenerator = { next: (prefix) => `${prefix}-${randomUUID()}` };
  const finance = new SimulatedFinanceDepartment({
    db: sql,
    ...infra.financeKey,
    clock,
    ids,
    ...(infra.faults?.finance ? { faults: infra.faults.finance } : {}),
  });
  // the treasury's account: its own gateway instance, so its callbacks never reach the tax's
  const gateway = new SimulatedPaymentGateway({
    db: sql,
    clock,
    ids,
    ...(infra.faults?.gateway ? { faults: infra.faults.gateway } : {}),
    ...(infra.sleep ? { sleep: infra.sleep } : {}),
  });
  const refundGateway = new SimulatedRefundGateway({
    db: sql,
    clock,
    ids,
    ...(infra.faults?.refunds ? { faults: infra.faults.refunds } : {}),
    ...(infra.sleep ? { sleep: infra.sleep } : {}),
  });
  const store = new SqlFeePaymentStore(sql);
  const refundStore = new SqlRefundStore(sql);
  const retry = { maxAttempts: 3, timeoutMs: 2000, backoffMs: 100, ...infra.retry };
  const payment = createFeePayment({
    gateway,
    finance,
    financePublicKeyHex: finance.publicKeyHex,
    store,
    clock,
    retry,
    ...(infra.sleep ? { sleep: infra.sleep } : {}),
  });
  const smallMicro = infra.smallMicroEnterprises ?? new Set<string>();
  const caseFee = new CaseFee({
    cases: via.cases,
    businessType: async (code) => via.cases.businessType(code),
    caseStore: infra.caseStore,
    register: infra.register,
    parties: infra.parties,
    isSmallMicroEnterprise: async (uscc) => smallMicro.has(uscc),
    payment,
    refunds: refundStore,
    financePublicKeyHex: finance.publicKeyHex,
    recordFeePaid: via.recordFeePaid,
  });
  const refunds = new CaseRefunds({
    caseStore: infra.caseStore,
    gateway: refundGateway,
    finance,
    store: refundStore,
    paymentsOf: async (caseId) => {
      const fee = await store.chargeOf(caseId);
      const receipt = await store.receiptOf(caseId);
      return [
        ...(fee
          ? [
              {
                kind: 'fee' as const,
                chargeId: fee.chargeId,
                amountFen: fee.amountFen,
                payerId: fee.payerId,
                ...(receipt ? { receiptNo: receipt.body.billNo } : {}),
              },
            ]
          : []),
        ...(await via.taxChargesOf(caseId)),
      ];
    },
    clock,
    retry,
    ...(infra.sleep ? { sleep: infra.sleep } : {}),
  });
  return {
    caseFee,
    payment,
    refunds,
    finance,
    gateway,
    refundGateway,
    feeStore: store,
    refundStore,
  };
}

export type Fees = ReturnType<typeof composeFees>;
