/**
 * Spouse consent decided by 民政's answer kept on the case (`marriageCheck`), not by the
 * register's marriage data: the pure rules of usecases/cases/application.ts with an in-memory
 * register double.
 */
import type { MarriageCheck } from '../../../mock-server/src/domain/cases';
import {
  holdersToCheck,
  marriagePendingMessage,
  spousesToConsent,
  withRegisterParties,
  type ApplicationDeps,
} from '../../../mock-server/src/usecases/cases/application';
import { businessType } from './cases-support';

const MORTGAGE = businessType('mortgage.first');
const HOLDINGS = businessType('query.holdingsProof');

const people: Record<string, { personId: string; name: string; idNumber: string; kind: string }> = {
  H1: { personId: 'H1', name: '杨永明', idNumber: '33100419820825953X', kind: 'natural' },
  S1: { personId: 'S1', name: '徐彩云', idNumber: '331002198111070607', kind: 'natural' },
};
const deps = (registeredOn = '2020-05-01'): ApplicationDeps =>
  ({
    register: {
      unit: async () => ({
        right: { registeredOn, holders: [{ personId: 'H1' }] },
        restrictions: [],
      }),
    },
    parties: { person: async (id: string) => people[id] },
  }) as unknown as ApplicationDeps;

const check = (h: MarriageCheck['holders'][number]): MarriageCheck => ({
  checkedAt: '2026-11-29T01:00:00.000Z',
  holders: [h],
});
const married = check({
  personId: 'H1',
  status: 'married',
  spouseId: 'S1',
  registeredOn: '2010-10-01',
});

describe('spouse consent from 民政', () => {
  it('asks about the natural-person holders only where a spouse consents', async () => {
    expect(await holdersToCheck(deps(), MORTGAGE, 'U')).toEqual([
      { personId: 'H1', idNumber: people.H1.idNumber },
    ]);
    expect(await holdersToCheck(deps(), HOLDINGS, 'U')).toEqual([]);
  });

  it('married before the right was registered: the spouse consents', async () => {
    expect(await spousesToConsent(deps(), MORTGAGE, 'U', married)).toEqual([
      { personId: 'S1', name: '徐彩云' },
    ]);
    const parties = await withRegisterParties(deps(), MORTGAGE, 'U', [], undefined, married);
    expect(parties.filter((p) => p.role === 'consentingSpouse').map((p) => p.name)).toEqual([
      '徐彩云',
    ]);
  });

  it('a right registered before the marriage is not common property', async () => {
    expect(await spousesToConsent(deps('2009-01-01'), MORTGAGE, 'U', married)).toEqual([]);
  });

  it('unmarried, unknown or no answer at all: nobody is added', async () => {
    for (const c of [
      check({ personId: 'H1', status: 'unmarried' }),
      check({ personId: 'H1', status: 'unknown', reason: 'timeout' }),
      undefined,
    ])
      expect(await spousesToConsent(deps(), MORTGAGE, 'U', c)).toEqual([]);
  });

  it('an unknown status says why, in Chinese; a known one says nothing', () => {
    expect(
      marriagePendingMessage(check({ personId: 'H1', status: 'unknown', reason: 'timeout' })),
    ).toBe(
      '民政婚姻登记信息暂未取得（查询超时），无法确认是否需要配偶同意，暂不能提交。请稍后再提交，届时将重新向民政查询',
    );
    expect(
      marriagePendingMessage(check({ personId: 'H1', status: 'unknown', reason: 'sealInvalid' })),
    ).toContain('印章校验未通过');
    expect(marriagePendingMessage(married)).toBeUndefined();
    expect(marriagePendingMessage(undefined)).toBeUndefined();
  });
});
