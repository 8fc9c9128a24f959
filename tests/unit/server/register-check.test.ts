/**
 * The register check (review rule sharedData.matchesRegister) compares like with like: what 银行
 * and 法院 share with the register's counts read once while the case is unrecorded. A case
 * recorded while the bank answered (its own mortgage registered, or cancelled) is not sent back
 * for a spurious 校核; a real difference still is.
 */
import type { CaseRecord } from '../../../mock-server/src/domain/cases';
import type { SharedDataQuery, SharedRecord } from '../../../mock-server/src/ports/sharedData';
import { RegisterCheck } from '../../../mock-server/src/usecases/shared-data/registerCheck';
import { saleCase } from './cases-support';

const AT = '2026-11-30T02:00:00.000Z';

function setUp(opts: { bankMortgages: number; recordedWhileBankAnswers: boolean }) {
  let c: CaseRecord = saleCase({ status: 'approved', caseNumber: '2026113000001' });
  const rechecks: string[] = [];
  const answer = (query: SharedDataQuery): SharedRecord => {
    if (query.kind === 'mortgages' && opts.recordedWhileBankAnswers)
      // the machine records the case (its mortgage enters the register) while the bank answers
      c = { ...c, status: 'recorded', version: c.version + 1 };
    const data =
      query.kind === 'mortgages'
        ? { mortgages: Array.from({ length: opts.bankMortgages }, (_, i) => ({ id: i })) }
        : { seizures: [] };
    return {
      source: query.kind === 'mortgages' ? 'banks' : 'courts',
      query,
      data,
      retrievedAt: AT,
      seal: {} as SharedRecord['seal'],
    };
  };
  let ids = 0;
  const check = new RegisterCheck({
    sources: { banks: {} as never, courts: {} as never },
    fetcher: { fetch: async (query) => ({ ok: true, record: answer(query), sealValid: true }) },
    store: { saveRecord: async () => undefined },
    cases: { get: async () => c },
    // read before the bank answers: no mortgage yet
    registerRestrictions: () => ({ seizures: 0, mortgages: 0 }),
    rechecks: {
      request: async (_caseId, _recordId, _by, reason) => {
        rechecks.push(reason);
        return {} as never;
      },
    },
    clock: { now: () => new Date(AT) },
    newId: (prefix) => `${prefix}-${++ids}`,
  });
  return { check: () => check.check('C1'), rechecks };
}

describe('register check', () => {
  it('does not send the bank’s record back when the case was recorded while the bank answered', async () => {
    const t = setUp({ bankMortgages: 1, recordedWhileBankAnswers: true });
    await t.check();
    expect(t.rechecks).toEqual([]);
  });

  it('still sends back a record that differs from the register while the case is unrecorded', async () => {
    const t = setUp({ bankMortgages: 1, recordedWhileBankAnswers: false });
    await t.check();
    expect(t.rechecks).toEqual(['银行共享的抵押信息（1条）与登记簿（0条）不一致']);
  });

  it('finds nothing to recheck when the answers match the register', async () => {
    const t = setUp({ bankMortgages: 0, recordedWhileBankAnswers: false });
    await t.check();
    expect(t.rechecks).toEqual([]);
  });
});
