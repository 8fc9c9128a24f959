import fc from 'fast-check';
import {
  scheduledFaults,
  SimulatedPaymentGateway,
  SqlTaxPaymentStore,
  type Fault,
} from '../../../mock-server/src/adapters/payment-sim';
import {
  generateTaxDepartmentKey,
  SimulatedTaxDepartment,
  SqlIssuedReceipts,
} from '../../../mock-server/src/adapters/tax-sim';
import { migrateSql, SqliteSqlDb, type SqlDb } from '../../../mock-server/src/adapters/sql';
import * as m0009 from '../../../mock-server/src/adapters/sqlite/migrations/0009_tax';
import * as m0015 from '../../../mock-server/src/adapters/sqlite/migrations/0015_payment_ledger';
import * as m0032 from '../../../mock-server/src/adapters/sqlite/migrations/0032_tax_per_taxpayer';
import {
  encodePublicKeyHex,
  publicKeyFromPrivateKey,
} from '../../../mock-server/src/domain/crypto';
import { assessTax, verifyTaxReceipt, type TaxReceipt } from '../../../mock-server/src/domain/tax';
import { createTaxPayment, TaxPaymentError } from '../../../mock-server/src/usecases/tax';

const KEY = generateTaxDepartmentKey();
const OTHER_KEY = generateTaxDepartmentKey();
const clock = { now: () => new Date('2026-03-20T02:00:00Z') };
const ids = () => {
  let n = 0;
  return { next: (p: string) => `${p}-${++n}` };
};
const assessment = assessTax({
  contractPriceFen: 200_000_000,
  referencePriceFenPerSqm: 1_000_000,
  areaSqm: 100,
  buyerFamilyHomeCount: 1,
  sellerRegisteredOn: '2025-01-10',
  transactionDate: '2026-03-15',
  sellerFamilyOnlyHome: false,
});

/** yields to the event loop so deferred callbacks interleave with the calls */
const tick = () => new Promise<void>((r) => setImmediate(r));

/** the gateway's ledger, the registry's payments and the department's receipts: one SQLite file in memory */
async function ledgerDb(): Promise<SqlDb> {
  const db = SqliteSqlDb.open(':memory:');
  await migrateSql(db, [m0009, m0015, m0032]);
  return db;
}

const count = async (db: SqlDb, table: string) =>
  (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n;

async function world(opts: { gatewayFaults: Fault[]; deptFaults: Fault[] }) {
  const db = await ledgerDb();
  const gateway = new SimulatedPaymentGateway({
    db,
    clock,
    ids: ids(),
    faults: scheduledFaults(opts.gatewayFaults),
    sleep: () => Promise.resolve(),
    slowMs: 8000,
    defer: (fn) => void setImmediate(fn),
  });
  const issued = new SqlIssuedReceipts(db);
  const taxDepartment = new SimulatedTaxDepartment({
    ...KEY,
    clock,
    ids: ids(),
    issued,
    faults: scheduledFaults(opts.deptFaults),
  });
  const store = new SqlTaxPaymentStore(db);
  const payment = createTaxPayment({
    gateway,
    taxDepartment,
    taxDepartmentPublicKeyHex: taxDepartment.publicKeyHex,
    store,
    clock,
    sleep: () => tick(),
    retry: { maxAttempts: 3, timeoutMs: 5000, backoffMs: 10 },
  });
  return { db, gateway, taxDepartment, store, payment, issued };
}

const FAULTS: Fault[] = [
  'ok',
  'slow',
  'timeoutBeforeCharge',
  'timeoutAfterCharge',
  'transient',
  'duplicateCallback',
];

describe('payTax under faults (property)', () => {
  it('random retries, timeouts and duplicate deliveries: exactly one charge and one receipt per case', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...FAULTS), { maxLength: 25 }),
        fc.array(fc.constantFrom<Fault>('ok', 'transient'), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
        async (gatewayFaults, deptFaults, tapsPerCase) => {
          const w = await world({ gatewayFaults, deptFaults });
          const cases = tapsPerCase.map((_, i) => `YW2026${String(i).padStart(4, '0')}`);
          // double taps: several concurrent payTax per case, all cases at once
          const first = await Promise.allSettled(
            cases.flatMap((caseId, i) =>
              Array.from({ length: tapsPerCase[i] }, () =>
                w.payment.payTax({ caseId, payerId: 'P1', assessment }),
              ),
            ),
          );
          for (const r of first) {
            if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(TaxPaymentError);
          }
          // the user retries until it goes through (the fault schedule is finite)
          const results = [];
          for (const caseId of cases) {
            let res;
            for (let i = 0; i < 40 && !res; i++) {
              res = await w.payment
                .payTax({ caseId, payerId: 'P1', assessment })
                .catch(() => undefined);
            }
            expect(res).toBeDefined();
            results.push(res);
          }
          for (let i = 0; i < 5; i++) await tick(); // let late and duplicate callbacks land

          const charges = await w.gateway.charges();
          expect(charges).toHaveLength(cases.length);
          expect(new Set(charges.map((c) => c.caseId))).toEqual(new Set(cases));
          expect(w.gateway.failedDeliveries).toEqual([]);
          for (const caseId of cases) {
            const charge = charges.find((c) => c.caseId === caseId);
            expect((await w.store.chargeOf(caseId))?.chargeId).toBe(charge?.chargeId);
            expect(charge?.amountFen).toBe(assessment.totals.all);
            const receipt = (await w.store.receiptOf(caseId)) as TaxReceipt;
            const issued = await w.taxDepartment.receiptOf(caseId);
            expect(receipt.body.receiptNo).toBe(issued?.body.receiptNo);
            expect(receipt.body.chargeId).toBe(charge?.chargeId);
            expect(verifyTaxReceipt(receipt, w.taxDepartment.publicKeyHex)).toBe(true);
          }
          expect(await count(w.db, 'tax_department_receipts')).toBe(cases.length);
          for (const r of first) {
            if (r.status === 'fulfilled') {
              expect(r.value.receipt.body.receiptNo).toBe(
                (await w.store.receiptOf(r.value.charge.caseId))?.body.receiptNo,
              );
            }
          }
          await w.db.close();
          expect(results.every((r) => r?.receipt.body.totalFen === assessment.totals.all)).toBe(
            true,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('payTax scenarios', () => {
  it('timeout after the charge, then duplicate callbacks: one charge, recorded once (migrations 0009, 0015, 0032)', async () => {
    const w = await world({
      gatewayFaults: ['timeoutAfterCharge', 'duplicateCallback', 'duplicateCallback'],
      deptFaults: ['transient'],
    });
    const db = w.db;
    try {
      const [a, b] = await Promise.all([
        w.payment.payTax({ caseId: 'C1', payerId: 'P1', assessment }),
        w.payment.payTax({ caseId: 'C1', payerId: 'P1', assessment }),
      ]);
      for (let i = 0; i < 5; i++) await tick();
      expect(await w.gateway.charges()).toHaveLength(1);
      expect(a.receipt).toEqual(b.receipt);
      expect([
        await count(db, 'tax_payments'),
        await count(db, 'tax_receipts'),
        await count(db, 'tax_department_receipts'),
        await count(db, 'payment_gateway_charges'),
      ]).toEqual([1, 1, 1, 1]);
      expect(await w.payment.verifyTaxPaid('C1')).toMatchObject({ paid: true });
      expect(await w.payment.verifyTaxPaid('C2')).toMatchObject({ paid: false });
    } finally {
      await db.close();
    }
  });

  it('a node stopped after the department issued the receipt: verifying the payment keeps the registry’s copy', async () => {
    const w = await world({ gatewayFaults: [], deptFaults: [] });
    try {
      const { receipt } = await w.payment.payTax({
        caseId: 'C1',
        payerId: 'P1',
        assessment,
        taxpayer: { personId: 'P1', name: '应敏' },
      });
      // the registry's copy lost with the stopped node; the department's receipt stands
      await w.db.run('DELETE FROM tax_receipts');
      expect(await w.store.receiptOf('C1', 'P1')).toBeUndefined();
      expect(await w.payment.verifyTaxPaid('C1', 'P1')).toMatchObject({ paid: true });
      expect(await w.store.receiptOf('C1', 'P1')).toEqual(receipt);
      // once: verifying again changes nothing
      await w.payment.verifyTaxPaid('C1', 'P1');
      expect(await count(w.db, 'tax_receipts')).toBe(1);
    } finally {
      await w.db.close();
    }
  });

  it('gives up without charging when the gateway never answers, and says nothing was charged', async () => {
    const w = await world({
      gatewayFaults: ['transient', 'timeoutBeforeCharge', 'transient'],
      deptFaults: [],
    });
    await expect(
      w.payment.payTax({ caseId: 'C1', payerId: 'P1', assessment }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_UNAVAILABLE',
      message: '支付暂时无法完成，未发生扣款，请稍后重试',
    });
    expect(await w.gateway.charges()).toHaveLength(0);
  });

  it('finds a charge hidden behind timeouts by its idempotency key', async () => {
    const w = await world({
      gatewayFaults: ['timeoutAfterCharge', 'timeoutAfterCharge', 'timeoutAfterCharge'],
      deptFaults: [],
    });
    w.gateway.onCallback(() => undefined); // (its own handler also records; order is irrelevant)
    const res = await w.payment.payTax({ caseId: 'C1', payerId: 'P1', assessment });
    expect(res.charge.amountFen).toBe(assessment.totals.all);
    expect(await w.gateway.charges()).toHaveLength(1);
  });

  it('refuses to charge a paid case again for a different amount', async () => {
    const w = await world({ gatewayFaults: [], deptFaults: [] });
    await w.payment.payTax({ caseId: 'C1', payerId: 'P1', assessment });
    const other = {
      ...assessment,
      totals: { ...assessment.totals, all: assessment.totals.all + 1 },
    };
    await expect(
      w.payment.payTax({ caseId: 'C1', payerId: 'P1', assessment: other }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_CONFLICT',
    });
    expect(await w.gateway.charges()).toHaveLength(1);
  });
});

describe('taxReceipt seal', () => {
  async function receipt(): Promise<{ r: TaxReceipt; pub: string }> {
    const w = await world({ gatewayFaults: [], deptFaults: [] });
    const { receipt: r } = await w.payment.payTax({
      caseId: 'C9',
      payerId: 'P1',
      assessment,
      unitCode: '331002001001GB00001F00010001',
    });
    return { r, pub: w.taxDepartment.publicKeyHex };
  }

  it("verifies with the tax department's public key", async () => {
    const { r, pub } = await receipt();
    expect(verifyTaxReceipt(r, pub)).toBe(true);
    expect(r.body.lines.map((l) => l.tax)).toEqual([
      'deedTax',
      'stampDuty',
      'vat',
      'incomeTax',
      'stampDuty',
    ]);
  });

  it('fails when tampered or checked with another key', async () => {
    const { r, pub } = await receipt();
    const tampered = JSON.parse(JSON.stringify(r)) as TaxReceipt;
    tampered.body.totalFen -= 1;
    expect(verifyTaxReceipt(tampered, pub)).toBe(false);
    const tamperedLine = JSON.parse(JSON.stringify(r)) as TaxReceipt;
    tamperedLine.body.lines[0].amountFen = 0;
    tamperedLine.seal.digest = 'x';
    expect(verifyTaxReceipt(tamperedLine, pub)).toBe(false);
    const badSig = JSON.parse(JSON.stringify(r)) as TaxReceipt;
    badSig.seal.signature = badSig.seal.signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(verifyTaxReceipt(badSig, pub)).toBe(false);
    const otherPub = encodePublicKeyHex(publicKeyFromPrivateKey(OTHER_KEY.privateKey));
    expect(verifyTaxReceipt(r, otherPub)).toBe(false);
  });
});
