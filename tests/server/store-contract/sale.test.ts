/**
 * The sale, tax and payment stores and simulators on SqlDb: one suite, run on the embedded
 * SQLite file and on PostgreSQL. "Two nodes" are two handles on one store (two connections on
 * one SQLite file, two pools on one PostgreSQL database): whatever arrives twice, on whichever
 * node, is stored once, and numbers never repeat.
 */
import { SqlContractFiling } from '../../../mock-server/src/adapters/housing-sim';
import {
  registerFamilyHousing,
  spousesOf,
} from '../../../mock-server/src/adapters/housing-sim/familyHousing';
import {
  scheduledFaults,
  SimulatedPaymentGateway,
  SqlTaxPaymentStore,
} from '../../../mock-server/src/adapters/payment-sim';
import { type SqlDb } from '../../../mock-server/src/adapters/sql';
import {
  SqlContractTermsStore,
  SqlTaxAssessmentStore,
  SqlUtilityStore,
} from '../../../mock-server/src/adapters/sqlite/saleStore';
import { loadTaxDepartmentKey, SqlIssuedReceipts } from '../../../mock-server/src/adapters/tax-sim';
import {
  simulatedUtilityProviders,
  SqlUtilityFaults,
} from '../../../mock-server/src/adapters/utility-sim';
import type { TaxReceipt } from '../../../mock-server/src/domain/tax';
import type { ChargeRequest, PaymentCallback } from '../../../mock-server/src/ports';
import type { FiledContract } from '../../../mock-server/src/ports/contracts';
import type { StoredTaxAssessment } from '../../../mock-server/src/ports/sale';
import { DATABASES, migrated, type Store } from '../support/databases';
import { FileKeyStore } from '../../../mock-server/src/adapters/keys/fileKeyStore';
import { tempDir } from '../support/registry';

const clock = { now: () => new Date('2026-03-20T02:00:00.000Z') };
let serial = 0;
const ids = { next: (p: string) => `${p}-${++serial}` };
let caseSerial = 0;
/** a case id of its own for each test (the tables are shared by the suite) */
const newCase = () => `YW2026${String(++caseSerial).padStart(6, '0')}`;

const receipt = (caseId: string, no: string): TaxReceipt =>
  ({
    body: { receiptNo: no, caseId, totalFen: 100, issuedAt: '2026-03-20T02:00:00.000Z' },
    seal: { digest: `digest-${no}`, signature: 'sig', keyId: 'TAX-1' },
  }) as unknown as TaxReceipt;

const assessment = (caseId: string, all: number): StoredTaxAssessment =>
  ({
    caseId,
    input: { contractPriceFen: all * 10 },
    assessment: { lines: [], totals: { all } },
    facts: [{ fact: 'price', source: '住建网签备案', detail: `${all}` }],
    assessedAt: '2026-03-20T02:00:00.000Z',
  }) as unknown as StoredTaxAssessment;

const contract = (caseId: string): Omit<FiledContract, 'contractNumber' | 'filedAt'> => ({
  caseId,
  unitCode: '331002001001GB00001F00010001',
  sellerIdNumbers: ['330000199001010011'],
  buyerIdNumbers: ['330000199001010022'],
  terms: {
    priceFen: 150_000_000,
    paymentMethod: 'fullPayment',
    handoverDate: '2026-05-01',
    fixtures: '',
  },
  termsDigest: 'ab'.repeat(32),
});

describe.each(DATABASES)('sale, tax and payment stores on %s', (_name, target) => {
  let store: Store;
  let a: SqlDb;
  let b: SqlDb;

  beforeAll(async () => {
    store = await target();
    a = await migrated(store);
    b = store.open();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.cleanup();
  });

  describe('contract terms', () => {
    it('reads nothing, then what was put; a second put replaces it (seen by the other node)', async () => {
      const caseId = newCase();
      const terms = new SqlContractTermsStore(a);
      expect(await terms.get(caseId)).toBeUndefined();
      const first = contract(caseId).terms;
      await terms.put({ caseId, terms: first, updatedBy: 'P1', updatedAt: 't1' });
      const second = { ...first, priceFen: 160_000_000, fixtures: '空调两台' };
      await new SqlContractTermsStore(b).put({
        caseId,
        terms: second,
        updatedBy: 'P2',
        updatedAt: 't2',
      });
      expect(await terms.get(caseId)).toEqual({
        caseId,
        terms: second,
        updatedBy: 'P2',
        updatedAt: 't2',
      });
    });
  });

  describe('tax assessments', () => {
    it('keeps the first assessment of a case, also when two nodes assess at once', async () => {
      const caseId = newCase();
      const [x, y] = await Promise.all([
        new SqlTaxAssessmentStore(a).putIfAbsent(assessment(caseId, 100)),
        new SqlTaxAssessmentStore(b).putIfAbsent(assessment(caseId, 200)),
      ]);
      expect(x).toEqual(y);
      expect([100, 200]).toContain(x.assessment.totals.all);
      const later = await new SqlTaxAssessmentStore(a).putIfAbsent(assessment(caseId, 300));
      expect(later).toEqual(x);
      expect(await new SqlTaxAssessmentStore(b).get(caseId)).toEqual(x);
      expect(await new SqlTaxAssessmentStore(b).get(newCase())).toBeUndefined();
    });
  });

  describe('utility requests', () => {
    it('replaces the opt-in, lists water, power, gas, broadband in order, saves progress', async () => {
      const caseId = newCase();
      const utilities = new SqlUtilityStore(a);
      await utilities.replaceOptIn(caseId, [{ kind: 'water' }, { kind: 'gas' }], 't0');
      await utilities.replaceOptIn(
        caseId,
        [{ kind: 'broadband' }, { kind: 'power', accountNumber: 'GD-1' }, { kind: 'water' }],
        't1',
      );
      const listed = await new SqlUtilityStore(b).requestsOf(caseId);
      expect(listed.map((r) => r.kind)).toEqual(['water', 'power', 'broadband']);
      expect(listed[1]).toEqual({
        caseId,
        kind: 'power',
        accountNumber: 'GD-1',
        status: 'optedIn',
        attempts: 0,
        optedInAt: 't1',
      });
      expect(await utilities.unconfirmedCaseIds()).toContain(caseId);
      for (const r of listed) {
        await utilities.save({
          ...r,
          status: 'confirmed',
          attempts: 1,
          notifiedAt: 't2',
          confirmedAt: 't3',
          confirmationNo: `NO-${r.kind}`,
        });
      }
      const saved = await utilities.requestsOf(caseId);
      expect(saved.every((r) => r.status === 'confirmed' && r.attempts === 1)).toBe(true);
      expect(saved[0]).toMatchObject({ confirmationNo: 'NO-water', confirmedAt: 't3' });
      expect(await utilities.unconfirmedCaseIds()).not.toContain(caseId);
    });
  });

  describe('tax payments', () => {
    it('records one charge and one receipt per case, the first wins on either node', async () => {
      const caseId = newCase();
      const record = (chargeId: string) => ({
        caseId,
        idempotencyKey: `TAX-${caseId}`,
        chargeId,
        amountFen: 1000,
        chargedAt: 't0',
        recordedAt: 't1',
      });
      const [x, y] = await Promise.all([
        new SqlTaxPaymentStore(a).recordCharge(record(`CHG-${caseId}`)),
        new SqlTaxPaymentStore(b).recordCharge(record(`CHG-${caseId}`)),
      ]);
      expect(x).toEqual(record(`CHG-${caseId}`));
      expect(y).toEqual(x);
      expect(await new SqlTaxPaymentStore(b).chargeOf(caseId)).toEqual(x);
      const [r1, r2] = await Promise.all([
        new SqlTaxPaymentStore(a).recordReceipt(caseId, receipt(caseId, `R1-${caseId}`), 't2'),
        new SqlTaxPaymentStore(b).recordReceipt(caseId, receipt(caseId, `R2-${caseId}`), 't2'),
      ]);
      expect(r1).toEqual(r2);
      expect(await new SqlTaxPaymentStore(a).receiptOf(caseId)).toEqual(r1);
      expect(await new SqlTaxPaymentStore(a).receiptOf(newCase())).toBeUndefined();
    });

    it('refuses a charge whose idempotency key belongs to another case', async () => {
      const first = newCase();
      const payments = new SqlTaxPaymentStore(a);
      await payments.recordCharge({
        caseId: first,
        idempotencyKey: `KEY-${first}`,
        chargeId: `CHG-${first}`,
        amountFen: 1,
        chargedAt: 't',
        recordedAt: 't',
      });
      const other = newCase();
      await expect(
        payments.recordCharge({
          caseId: other,
          idempotencyKey: `KEY-${first}`,
          chargeId: `CHG-${other}`,
          amountFen: 1,
          chargedAt: 't',
          recordedAt: 't',
        }),
      ).rejects.toThrow(/conflicts/);
      expect(await payments.chargeOf(other)).toBeUndefined();
    });

    it('the tax department keeps the first receipt it issued for a case', async () => {
      const caseId = newCase();
      const [x, y] = await Promise.all([
        new SqlIssuedReceipts(a).putIfAbsent(caseId, receipt(caseId, `W1-${caseId}`)),
        new SqlIssuedReceipts(b).putIfAbsent(caseId, receipt(caseId, `W2-${caseId}`)),
      ]);
      expect(x).toEqual(y);
      expect(await new SqlIssuedReceipts(b).get(caseId)).toEqual(x);
    });

    it('two nodes starting at once make one tax department key', async () => {
      // two nodes sharing the key files
      const keyDir = tempDir('tax-keys-');
      const [x, y] = await Promise.all([
        loadTaxDepartmentKey(a, new FileKeyStore(keyDir)),
        loadTaxDepartmentKey(b, new FileKeyStore(keyDir)),
      ]);
      expect(y).toEqual(x);
      expect(await loadTaxDepartmentKey(a, new FileKeyStore(keyDir))).toEqual(x);
    });
  });

  describe('the payment gateway simulator', () => {
    const gateway = (db: SqlDb, callbacks: PaymentCallback[] = []) => {
      const g = new SimulatedPaymentGateway({
        db,
        clock,
        ids,
        faults: scheduledFaults([]),
        sleep: () => Promise.resolve(),
        defer: (fn) => void setImmediate(fn),
      });
      g.onCallback((cb) => {
        callbacks.push(cb);
      });
      return g;
    };
    const request = (caseId: string, amountFen = 5000): ChargeRequest => ({
      idempotencyKey: `TAX-${caseId}`,
      caseId,
      payerId: 'P1',
      amountFen,
      description: '不动产交易税费',
    });

    it('charges a key once when two nodes charge it at once; either node finds it by key', async () => {
      const caseId = newCase();
      const onA: PaymentCallback[] = [];
      const onB: PaymentCallback[] = [];
      const [x, y] = await Promise.all([
        gateway(a, onA).charge(request(caseId), { timeoutMs: 1000 }),
        gateway(b, onB).charge(request(caseId), { timeoutMs: 1000 }),
      ]);
      expect(y).toEqual(x);
      expect(await gateway(b).find(`TAX-${caseId}`)).toEqual(x);
      expect((await gateway(a).charges()).filter((c) => c.caseId === caseId)).toEqual([x]);
      await new Promise((r) => setImmediate(r));
      // each node's caller is called back (at least once), with the one charge
      expect([...onA, ...onB].map((c) => c.chargeId)).toEqual([x.chargeId, x.chargeId]);
      expect(new Set([...onA, ...onB].map((c) => c.deliveryId)).size).toBe(2);
    });

    it('refuses the same key for another amount, on any node', async () => {
      const caseId = newCase();
      await gateway(a).charge(request(caseId), { timeoutMs: 1000 });
      await expect(
        gateway(b).charge(request(caseId, 5001), { timeoutMs: 1000 }),
      ).rejects.toMatchObject({ kind: 'idempotencyConflict' });
      expect(await gateway(a).find(`TAX-${newCase()}`)).toBeUndefined();
    });
  });

  describe('网签备案 filing', () => {
    it('files a case once when two nodes file it at once; numbers run on without repeats', async () => {
      const caseId = newCase();
      const [x, y] = await Promise.all([
        new SqlContractFiling(a, clock).file(contract(caseId)),
        new SqlContractFiling(b, clock).file(contract(caseId)),
      ]);
      expect(y).toEqual(x);
      expect(x.contractNumber).toMatch(/^TZWQ2026\d{7}$/);
      expect(await new SqlContractFiling(b, clock).byCase(caseId)).toEqual(x);
      const others = await Promise.all(
        [a, b, a, b].map((db) => new SqlContractFiling(db, clock).file(contract(newCase()))),
      );
      const numbers = [x, ...others]
        .map((f) => Number(f.contractNumber.slice(8)))
        .sort((p, q) => p - q);
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
      expect(await new SqlContractFiling(a, clock).byCase(newCase())).toBeUndefined();
    });
  });

  describe('utility companies', () => {
    it('confirm a reference once, whichever node asks; confirmation numbers never repeat', async () => {
      const onA = simulatedUtilityProviders(a, clock, new SqlUtilityFaults(a, clock)).water;
      const onB = simulatedUtilityProviders(b, clock, new SqlUtilityFaults(b, clock)).water;
      const req = (reference: string) => ({
        reference,
        kind: 'water' as const,
        unitCode: '331002001001GB00001F00010001',
        location: '海韵花园',
        newHolderNames: ['买方'],
        certificateNumber: '浙(2026)台州市不动产权第0000001号',
      });
      const ref = `${newCase()}:water`;
      const [x, y] = await Promise.all([onA.transfer(req(ref)), onB.transfer(req(ref))]);
      expect(y).toEqual(x);
      const more = await Promise.all(
        [onA, onB, onA].map((p) => p.transfer(req(`${newCase()}:water`))),
      );
      const numbers = [x, ...more].map((c) => c.confirmationNo);
      expect(new Set(numbers).size).toBe(4);
      // a fault set through one node is what the other node's simulator answers
      await new SqlUtilityFaults(a, clock).set('water', ['unavailable']);
      await expect(onB.transfer(req(ref))).rejects.toMatchObject({ kind: 'unavailable' });
      expect(await onB.transfer(req(ref))).toEqual(x);
    });
  });

  describe('family housing (register stand-in)', () => {
    it('finds spouses and counts no homes for people without a current residential right', async () => {
      const p = (id: string, n: string) =>
        a.run(
          "INSERT INTO persons (person_id, kind, name, id_type, id_number) VALUES (?, 'natural', ?, 'citizenId', ?)",
          [id, n, `33000019900101${id.slice(-4)}`],
        );
      await p('FH-P-0001', '甲');
      await p('FH-P-0002', '乙');
      await a.run(
        'INSERT INTO marriages (marriage_id, spouse_a_id, spouse_b_id, registered_on) VALUES (?, ?, ?, ?)',
        ['FH-M-1', 'FH-P-0001', 'FH-P-0002', '2020-01-01'],
      );
      expect(await spousesOf(b, 'FH-P-0002')).toEqual(['FH-P-0001']);
      expect(await spousesOf(b, 'FH-P-0001')).toEqual(['FH-P-0002']);
      const answer = await registerFamilyHousing(b, clock).homeCount([
        '330000199001010001',
        '330000000000000000',
      ]);
      expect(answer).toMatchObject({ homeCount: 0, retrievedAt: clock.now().toISOString() });
    });
  });
});
