/**
 * The seven data-source simulators on the seeded register (a real SQLite file).
 * Each source seals with its own SM2 key (random, kept in the key files: a restart keeps it); a seal
 * verifies with that key only and not after one changed byte; faults: slow (aborted by the
 * caller's timeout), unavailable, wrong (detected by a recheck, which brings the corrected record),
 * switched in the store that every node reads.
 */
import { canonicalJson } from '../../mock-server/src/domain/crypto';
import { verifySourceSeal } from '../../mock-server/src/domain/shared-data';
import {
  createDataSources,
  SqlDataSourceFaults,
  parseDataSourceFaults,
  sourceKeys,
  type DataSources,
} from '../../mock-server/src/adapters/data-sources';
import { SqlTaxPaymentStore } from '../../mock-server/src/adapters/payment-sim/taxPaymentStore';
import {
  DATA_SOURCE_CODES,
  SharedDataFailure,
  type SharedDataQuery,
  type SharedRecord,
} from '../../mock-server/src/ports/sharedData';
import type { ContractFiling, FiledContract } from '../../mock-server/src/ports/contracts';
import { FileKeyStore } from '../../mock-server/src/adapters/keys/fileKeyStore';
import { startHarness, type Harness } from './support/registry';
import { SELLER_A, SELLER_B, UNIT } from './support/signing';

const CLOCK = { now: () => new Date('2026-11-29T02:02:00.000Z') };
const SINGLE = { idNumber: '331004197011114236', name: '应海斌' }; // P029, not married

class MemoryContracts implements ContractFiling {
  readonly filed = new Map<string, FiledContract>();
  async file(c: Omit<FiledContract, 'contractNumber' | 'filedAt'>): Promise<FiledContract> {
    const f = this.filed.get(c.caseId) ?? {
      ...c,
      contractNumber: `WQ-${c.caseId}`,
      filedAt: CLOCK.now().toISOString(),
    };
    this.filed.set(c.caseId, f);
    return f;
  }
  async byCase(caseId: string) {
    return this.filed.get(caseId);
  }
}

const QUERY_OF: Record<(typeof DATA_SOURCE_CODES)[number], SharedDataQuery> = {
  publicSecurity: { kind: 'identity', idNumber: SELLER_A.idNumber },
  civilAffairs: { kind: 'marriage', idNumber: SELLER_A.idNumber },
  housing: { kind: 'familyHousing', idNumber: SELLER_A.idNumber },
  courts: { kind: 'seizures', unitCode: UNIT },
  banks: { kind: 'mortgages', unitCode: UNIT },
  tax: { kind: 'taxPayments', caseId: 'C-1' },
  planning: { kind: 'planning', unitCode: UNIT },
};

let h: Harness;
let sources: DataSources;
let faults: SqlDataSourceFaults;
const contracts = new MemoryContracts();
let tax: SqlTaxPaymentStore;

beforeAll(async () => {
  h = await startHarness();
  tax = new SqlTaxPaymentStore(h.registry.sql);
  faults = new SqlDataSourceFaults(h.registry.sql, CLOCK);
  sources = createDataSources({
    db: h.registry.sql,
    register: h.registry.register,
    contracts,
    taxPayments: tax,
    clock: CLOCK,
    faults,
    slowMs: 60_000,
    keys: await sourceKeys(new FileKeyStore(h.config.keyDir)),
  });
  await tax.recordCharge({
    caseId: 'C-1',
    idempotencyKey: 'k-1',
    chargeId: 'CH-1',
    amountFen: 123_400,
    chargedAt: '2026-11-29T01:00:00.000Z',
    recordedAt: '2026-11-29T01:00:00.000Z',
  });
  await contracts.file({
    caseId: 'C-1',
    unitCode: UNIT,
    sellerIdNumbers: [SELLER_A.idNumber, SELLER_B.idNumber],
    buyerIdNumbers: [SINGLE.idNumber],
    terms: {
      priceFen: 150_000_000,
      paymentMethod: 'fullPayment',
      handoverDate: '2026-12-31',
      fixtures: '',
    },
    termsDigest: 'ab'.repeat(32),
  });
});
afterAll(() => h.close());
afterEach(() => faults.clear());

describe('seals', () => {
  test.each(DATA_SOURCE_CODES)(
    '%s seals with its own key: valid with it, not with another source’s key nor after one changed byte',
    async (code) => {
      const src = sources[code];
      const r = await src.fetch(QUERY_OF[code]);
      expect(r.source).toBe(code);
      expect(r.retrievedAt).toBe('2026-11-29T02:02:00.000Z');
      expect(r.seal.keyId).toBe(src.keyId);
      expect(verifySourceSeal(r, src)).toEqual({ valid: true });
      const other = sources[code === 'tax' ? 'planning' : 'tax'];
      expect(verifySourceSeal(r, { publicKeyHex: other.publicKeyHex })).toEqual({
        valid: false,
        reason: 'badSignature',
      });
      expect(verifySourceSeal(r, other)).toEqual({ valid: false, reason: 'wrongKey' });
      // one changed byte of the data (the canonical JSON differs in one character)
      const json = canonicalJson(r.data);
      const i = json.search(/[0-9]/);
      const tampered = {
        ...r,
        data: JSON.parse(json.slice(0, i) + String((Number(json[i]) + 1) % 10) + json.slice(i + 1)),
      } as SharedRecord;
      expect(verifySourceSeal(tampered, src)).toEqual({ valid: false, reason: 'badSignature' });
      // a changed retrieval time breaks the seal too
      expect(verifySourceSeal({ ...r, retrievedAt: '2026-11-29T02:02:01.000Z' }, src).valid).toBe(
        false,
      );
    },
  );

  test('keys are kept per source in the key files (a restart keeps them) and differ between sources', async () => {
    const again = createDataSources({
      db: h.registry.sql,
      register: h.registry.register,
      clock: CLOCK,
      keys: await sourceKeys(new FileKeyStore(h.config.keyDir)),
    });
    const keys = new Set<string>();
    for (const code of DATA_SOURCE_CODES) {
      expect(again[code].publicKeyHex).toBe(sources[code].publicKeyHex);
      keys.add(sources[code].publicKeyHex);
    }
    expect(keys.size).toBe(7);
    const elsewhere = await sourceKeys(new FileKeyStore(`${h.dir}/other-keys`));
    expect(elsewhere.civilAffairs.publicKeyHex).not.toBe(sources.civilAffairs.publicKeyHex);
  });
});

describe('answers from the seeded register', () => {
  test('公安 identity; 民政 marriage with spouse, and an unmarried person', async () => {
    expect(
      (await sources.publicSecurity.fetch({ kind: 'identity', idNumber: SELLER_A.idNumber })).data,
    ).toMatchObject({ name: SELLER_A.name });
    expect(
      (await sources.publicSecurity.fetch({ kind: 'identity', idNumber: '110101199003077777' }))
        .data,
    ).toBeNull();
    expect(
      (await sources.civilAffairs.fetch({ kind: 'marriage', idNumber: SELLER_A.idNumber })).data,
    ).toMatchObject({
      maritalStatus: '已婚',
      spouse: { name: SELLER_B.name, idNumber: SELLER_B.idNumber },
    });
    expect(
      (await sources.civilAffairs.fetch({ kind: 'marriage', idNumber: SINGLE.idNumber })).data,
    ).toMatchObject({ maritalStatus: '未婚或无婚姻登记记录' });
  });

  test('住建: family housing count (self + spouse homes) and the filed contract; 税务 payments; 法院/银行 on the unit', async () => {
    const fam = (
      await sources.housing.fetch({ kind: 'familyHousing', idNumber: SELLER_A.idNumber })
    ).data as { homeCount: number; unitCodes: string[] };
    // P001 holds one home jointly with P002, who also holds one alone (docs/personas.md)
    expect(fam.homeCount).toBe(2);
    expect(fam.unitCodes).toContain(UNIT);
    expect(
      (await sources.housing.fetch({ kind: 'filedContract', caseId: 'C-1' })).data,
    ).toMatchObject({ contractNumber: 'WQ-C-1' });
    expect(
      (await sources.housing.fetch({ kind: 'filedContract', caseId: 'C-none' })).data,
    ).toBeNull();
    expect((await sources.tax.fetch({ kind: 'taxPayments', caseId: 'C-1' })).data).toMatchObject({
      paid: true,
      amountFen: 123_400,
    });
    expect((await sources.tax.fetch({ kind: 'taxPayments', caseId: 'C-2' })).data).toBeNull();
    expect((await sources.courts.fetch({ kind: 'seizures', unitCode: UNIT })).data).toEqual({
      unitCode: UNIT,
      seizures: [],
    });
    await expect(
      sources.courts.fetch({ kind: 'marriage', idNumber: SINGLE.idNumber }),
    ).rejects.toBeInstanceOf(SharedDataFailure);
  });
});

describe('faults', () => {
  test('unavailable refuses at once', async () => {
    await faults.set('civilAffairs', 'unavailable');
    await expect(sources.civilAffairs.fetch(QUERY_OF.civilAffairs)).rejects.toMatchObject({
      kind: 'unavailable',
      source: 'civilAffairs',
    });
    // the others still answer
    await expect(sources.publicSecurity.fetch(QUERY_OF.publicSecurity)).resolves.toBeDefined();
  });

  test('slow answers only after its delay; the caller’s abort ends it as a timeout', async () => {
    await faults.set('housing', 'slow');
    const ac = new AbortController();
    const p = sources.housing.fetch(QUERY_OF.housing, { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ kind: 'timeout', source: 'housing' });
  });

  test('wrong answers a wrong field under a valid seal; a recheck confirms the error and brings the corrected record', async () => {
    const right = await sources.civilAffairs.fetch(QUERY_OF.civilAffairs);
    await faults.set('civilAffairs', 'wrong');
    const wrong = await sources.civilAffairs.fetch(QUERY_OF.civilAffairs);
    expect(verifySourceSeal(wrong, sources.civilAffairs).valid).toBe(true);
    expect((wrong.data as { maritalStatus: string }).maritalStatus).not.toBe('已婚');
    await faults.clear();
    const r = await sources.civilAffairs.recheck(wrong);
    expect(r.answer).toBe('errorConfirmed');
    expect(r.corrected?.data).toEqual(right.data);
    expect(verifySourceSeal(r.corrected as SharedRecord, sources.civilAffairs).valid).toBe(true);
    expect((await sources.civilAffairs.recheck(right)).answer).toBe('upheld');
    sources.civilAffairs.scriptRecheck('errorConfirmed');
    expect((await sources.civilAffairs.recheck(right)).answer).toBe('errorConfirmed');
  });

  test('DATA_SOURCE_FAULTS syntax', () => {
    expect(parseDataSourceFaults('civilAffairs:unavailable, housing:slow')).toEqual({
      ok: true,
      faults: { civilAffairs: 'unavailable', housing: 'slow' },
    });
    expect(parseDataSourceFaults('')).toEqual({ ok: true, faults: {} });
    expect(parseDataSourceFaults('police:slow')).toMatchObject({ ok: false });
    expect(parseDataSourceFaults('courts:broken')).toMatchObject({ ok: false });
    expect(parseDataSourceFaults('courts')).toMatchObject({ ok: false });
  });
});
