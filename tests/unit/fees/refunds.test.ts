/**
 * Refunds exactly once (docs/registry-facts.md §14): a case withdrawn or refused after payment is
 * refunded once per charge through the gateway, whatever the gateway and the finance department
 * do (time out after refunding, refuse, answer twice) and however often refunds run, with one
 * sealed refund record per charge; a recorded case is never refunded.
 */
import fc from 'fast-check';
import {
  generateFinanceDepartmentKey,
  SimulatedFinanceDepartment,
} from '../../../mock-server/src/adapters/finance-sim';
import {
  scheduledFaults,
  SimulatedRefundGateway,
  SqlRefundStore,
  type Fault,
} from '../../../mock-server/src/adapters/payment-sim';
import { migrateSql, SqliteSqlDb, type SqlDb } from '../../../mock-server/src/adapters/sql';
import * as m0015 from '../../../mock-server/src/adapters/sqlite/migrations/0015_payment_ledger';
import * as m0033 from '../../../mock-server/src/adapters/sqlite/migrations/0033_fees_refunds';
import type { CaseRecord, CaseStatus } from '../../../mock-server/src/domain/cases';
import {
  encodePublicKeyHex,
  publicKeyFromPrivateKey,
} from '../../../mock-server/src/domain/crypto';
import { verifyFinanceSeal } from '../../../mock-server/src/domain/fees';
import {
  CaseRefunds,
  RefundsUnfinished,
  type PaidCharge,
} from '../../../mock-server/src/usecases/fees/refunds';

const KEY = generateFinanceDepartmentKey();
const PUB = encodePublicKeyHex(publicKeyFromPrivateKey(KEY.privateKey));
const clock = { now: () => new Date('2026-03-20T02:00:00Z') };
const ids = () => {
  let n = 0;
  return { next: (p: string) => `${p}-${++n}` };
};
const PAID: PaidCharge[] = [
  { kind: 'fee', chargeId: 'CHG-FEE', amountFen: 8000, payerId: 'B', receiptNo: 'PJ-1' },
  { kind: 'tax', chargeId: 'CHG-TAX', amountFen: 2_176_680, payerId: 'B', receiptNo: 'WSZM-1' },
];

async function world(status: CaseStatus, gatewayFaults: Fault[], financeFaults: Fault[]) {
  const db: SqlDb = SqliteSqlDb.open(':memory:');
  await migrateSql(db, [m0015, m0033]);
  const c = { caseId: 'CASE-1', status } as CaseRecord;
  const gateway = new SimulatedRefundGateway({
    db,
    clock,
    ids: ids(),
    faults: scheduledFaults(gatewayFaults),
    sleep: () => Promise.resolve(),
  });
  const store = new SqlRefundStore(db);
  // one id source, as UUIDs are unique across nodes
  const financeIds = ids();
  // the department's answers, whichever node asks
  const financeDown = scheduledFaults(financeFaults);
  const node = () =>
    new CaseRefunds({
      caseStore: { get: async () => c, listByStatus: async () => [c] },
      gateway,
      finance: new SimulatedFinanceDepartment({
        db,
        ...KEY,
        clock,
        ids: financeIds,
        faults: financeDown,
      }),
      store,
      paymentsOf: async () => PAID,
      clock,
      sleep: () => Promise.resolve(),
      retry: { maxAttempts: 3, timeoutMs: 10, backoffMs: 1 },
    });
  return { db, gateway, store, node };
}

const FAULTS: Fault[] = ['ok', 'transient', 'timeoutBeforeCharge', 'timeoutAfterCharge', 'slow'];

it('refunds each charge once under any faults and any number of runs, each record sealed', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom<CaseStatus>('withdrawn', 'refused', 'notAccepted'),
      fc.array(fc.constantFrom(...FAULTS), { maxLength: 8 }),
      fc.array(fc.constantFrom<Fault>('ok', 'transient'), { maxLength: 5 }),
      fc.integer({ min: 1, max: 4 }),
      async (status, gatewayFaults, financeFaults, runs) => {
        const w = await world(status, gatewayFaults, financeFaults);
        // several nodes (and retries) at once, then until nothing is left
        await Promise.all(
          Array.from({ length: runs }, () =>
            w
              .node()
              .refundCase('CASE-1')
              .catch((e) => {
                if (!(e instanceof RefundsUnfinished)) throw e;
              }),
          ),
        );
        for (let i = 0; i < 10 && (await w.store.ofCase('CASE-1')).length < 2; i++)
          await w.node().resume();
        const refunds = await w.gateway.refunds();
        expect(refunds.map((r) => r.chargeId).sort()).toEqual(['CHG-FEE', 'CHG-TAX']);
        expect(refunds.find((r) => r.chargeId === 'CHG-TAX')?.amountFen).toBe(2_176_680);
        const records = await w.store.ofCase('CASE-1');
        expect(records).toHaveLength(2);
        for (const r of records) {
          expect(verifyFinanceSeal(r, PUB)).toBe(true);
          expect(r.body.reason).toBe(status);
          expect(refunds.some((x) => x.refundId === r.body.refundId)).toBe(true);
        }
      },
    ),
    { numRuns: 40 },
  );
});

it('a recorded or still open case is never refunded', async () => {
  for (const status of ['issued', 'recorded', 'taxPending', 'review'] as CaseStatus[]) {
    const w = await world(status, [], []);
    expect(await w.node().refundCase('CASE-1')).toEqual([]);
    expect(await w.gateway.refunds()).toEqual([]);
  }
});
