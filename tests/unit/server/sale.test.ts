/**
 * The home sale's contract and utilities, pure parts, and the buyer family's housing count through
 * the SharedDataSource port with a test double: the contract terms' ranges (price in fen, date,
 * fixtures), the utility opt-in, and a family-housing answer accepted only with the source's
 * valid seal (a record sealed by another key, or changed after sealing, is refused).
 */
import { randomBytes } from 'node:crypto';
import { sharedFamilyHousing } from '../../../mock-server/src/adapters/housing-sim/familyHousing';
import {
  bytesToBigint,
  encodePublicKeyHex,
  kSourceFromRandomBytes,
  publicKeyFromPrivateKey,
  SM2_CURVE,
} from '../../../mock-server/src/domain/crypto';
import {
  checkContractTerms,
  checkUtilityChoices,
  contractTermsView,
  type ContractTerms,
} from '../../../mock-server/src/domain/sale';
import { sealSharedRecord } from '../../../mock-server/src/domain/shared-data';
import type {
  SharedDataQuery,
  SharedDataSource,
  SharedRecord,
} from '../../../mock-server/src/ports/sharedData';

const TODAY = '2026-03-02';
const ok: ContractTerms = {
  priceFen: 186_000_000,
  paymentMethod: 'fullPayment',
  handoverDate: '2026-04-30',
  fixtures: '空调',
};

describe('contract terms', () => {
  it.each([
    ['price 0', { priceFen: 0 }, 'priceFen'],
    ['price negative', { priceFen: -1 }, 'priceFen'],
    ['price not an integer', { priceFen: 10_000_000.5 }, 'priceFen'],
    ['price below 1 000 元', { priceFen: 99_999 }, 'priceFen'],
    ['price above 10 亿元', { priceFen: 100_000_000_001 }, 'priceFen'],
    ['unknown payment method', { paymentMethod: 'barter' }, 'paymentMethod'],
    ['30 February', { handoverDate: '2026-02-30' }, 'handoverDate'],
    ['not a date', { handoverDate: '30/04/2026' }, 'handoverDate'],
    ['more than a year back', { handoverDate: '2025-02-28' }, 'handoverDate'],
    ['more than three years ahead', { handoverDate: '2029-03-06' }, 'handoverDate'],
    ['fixtures of 501 characters', { fixtures: '灯'.repeat(501) }, 'fixtures'],
    ['a control character', { fixtures: '空调\u0007' }, 'fixtures'],
  ])('refuses %s', (_, change, field) => {
    const r = checkContractTerms({ ...ok, ...change } as ContractTerms, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('accepts the edges and trims fixtures', () => {
    for (const change of [
      { priceFen: 100_000 },
      { priceFen: 100_000_000_000 },
      { handoverDate: '2025-03-01' },
      { fixtures: ` ${'灯'.repeat(500)} ` },
      { fixtures: '' },
    ])
      expect(checkContractTerms({ ...ok, ...change }, TODAY).ok).toBe(true);
    const r = checkContractTerms({ ...ok, fixtures: '  空调  ' }, TODAY);
    expect(r.ok && r.terms.fixtures).toBe('空调');
    expect(contractTermsView({ ...ok, priceFen: 123_456_789 })).toMatchObject({
      priceText: '1,234,567.89元',
      paymentMethodName: '一次性付款',
    });
  });
});

describe('utility opt-in', () => {
  it('sorts, trims and checks account numbers; refuses duplicates and unknown services', () => {
    const r = checkUtilityChoices([
      { kind: 'broadband' },
      { kind: 'water', accountNumber: ' SW-1002 ' },
    ]);
    expect(r).toEqual({
      ok: true,
      choices: [{ kind: 'water', accountNumber: 'SW-1002' }, { kind: 'broadband' }],
    });
    expect(checkUtilityChoices([{ kind: 'gas' }, { kind: 'gas' }]).ok).toBe(false);
    expect(checkUtilityChoices([{ kind: 'power', accountNumber: '12 34' }]).ok).toBe(false);
    expect(checkUtilityChoices([{ kind: 'oil' as never }]).ok).toBe(false);
    expect(checkUtilityChoices([])).toEqual({ ok: true, choices: [] });
  });
});

function key() {
  let d = 0n;
  while (d < 1n || d > SM2_CURVE.n - 2n) d = bytesToBigint(new Uint8Array(randomBytes(32)));
  return { keyId: 'HOUSING-TEST', privateKey: d };
}
const kSource = kSourceFromRandomBytes((n) => new Uint8Array(randomBytes(n)));

/** A housing source double answering familyHousing with `count`, sealed by `sealKey`. */
function housing(
  count: Record<string, number>,
  sealKey = key(),
  tamper = false,
): SharedDataSource & { asked: string[] } {
  const trusted = sealKey;
  const asked: string[] = [];
  return {
    code: 'housing',
    name: '台州市住房和城乡建设局（测试替身）',
    publicKeyHex: encodePublicKeyHex(publicKeyFromPrivateKey(trusted.privateKey)),
    keyId: trusted.keyId,
    kinds: ['familyHousing'],
    asked,
    fetch(query: SharedDataQuery): Promise<SharedRecord> {
      const idNumber = (query as { idNumber: string }).idNumber;
      asked.push(idNumber);
      const sealed = sealSharedRecord(
        {
          source: 'housing',
          query,
          data: { idNumber, homeCount: count[idNumber] ?? 0, unitCodes: [] },
          retrievedAt: '2026-03-02T01:00:00.000Z',
        },
        trusted,
        kSource,
      );
      return Promise.resolve(
        tamper ? { ...sealed, data: { idNumber, homeCount: 0, unitCodes: [] } } : sealed,
      );
    },
  };
}

describe('family housing count through the SharedDataSource port', () => {
  it('reads the sealed answer for every buyer (the family count is the largest)', async () => {
    const source = housing({ A: 1, B: 2 });
    const r = await sharedFamilyHousing(source).homeCount(['A', 'B']);
    expect(r.homeCount).toBe(2);
    expect(r.source).toContain('已验章');
    expect(source.asked).toEqual(['A', 'B']);
  });

  it('refuses an answer changed after sealing, or sealed by another key', async () => {
    await expect(
      sharedFamilyHousing(housing({ A: 2 }, key(), true)).homeCount(['A']),
    ).rejects.toThrow('电子印章验证未通过');
    const other = housing({ A: 2 });
    const impostor = { ...other, publicKeyHex: housing({}).publicKeyHex };
    await expect(sharedFamilyHousing(impostor).homeCount(['A'])).rejects.toThrow('电子印章');
  });
});

describe('family housing count: a source that does not answer', () => {
  it('gives up after the timeout and aborts the request', async () => {
    const source = housing({});
    let aborted = false;
    const silent: SharedDataSource = {
      ...source,
      fetch: (_q, options) =>
        new Promise(() => {
          options?.signal?.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    };
    await expect(sharedFamilyHousing(silent, 30).homeCount(['A'])).rejects.toThrow('时限');
    expect(aborted).toBe(true);
  });
});
