/** The pure shared-data rules (domain/shared-data). */
import type { MaterialRequirement } from '../../../mock-server/src/domain/catalogue';
import {
  decideMaterial,
  fallbackMessage,
  objectionStatusAfter,
  queriesForMaterial,
  recheckDueOn,
  reviewQueries,
  type FetchOutcome,
} from '../../../mock-server/src/domain/shared-data';

const marriage: MaterialRequirement = {
  code: 'marriage',
  name: '婚姻状况证明',
  sources: ['sharedData', 'commitment'],
  dataSource: '民政',
  required: false,
};
const identity: MaterialRequirement = {
  code: 'identity',
  name: '申请人身份证明',
  sources: ['sharedData', 'scan'],
  dataSource: '公安',
  required: true,
};
const q = { kind: 'marriage', idNumber: '331081198512258315' } as const;
const ok = (hasData = true): FetchOutcome => ({ query: q, ok: true, hasData });

describe('decideMaterial: shared → else the catalogue’s next sources, with the reason', () => {
  it('is shared when every query answered with a valid seal', () => {
    expect(decideMaterial(marriage, [ok(), ok()])).toEqual({
      code: 'marriage',
      mode: 'shared',
      source: 'civilAffairs',
    });
  });
  it('falls back to a commitment with the reason in Chinese when the source timed out', () => {
    expect(decideMaterial(marriage, [ok(), { query: q, ok: false, reason: 'timeout' }])).toEqual({
      code: 'marriage',
      mode: 'fallback',
      source: 'civilAffairs',
      reason: 'timeout',
      allowed: ['commitment'],
      message: '民政数据暂不可用（超时），请签署承诺书',
    });
  });
  it('offers upload where the catalogue allows a scan; a null identity answer means not found', () => {
    const d = decideMaterial(identity, [
      { query: { kind: 'identity', idNumber: 'x' }, ok: true, hasData: false },
    ]);
    expect(d).toMatchObject({ mode: 'fallback', reason: 'notFound', allowed: ['scan'] });
    expect(d.message).toBe('公安数据未查到相关记录，请上传申请人身份证明照片');
  });
  it('an invalid seal is never shared', () => {
    expect(
      decideMaterial(identity, [{ query: q, ok: false, reason: 'sealInvalid' }]),
    ).toMatchObject({ mode: 'fallback', reason: 'sealInvalid' });
  });
  it('the registry’s own items and the online application are not fetched', () => {
    const cert: MaterialRequirement = {
      code: 'existingCertificate',
      name: '不动产权证书',
      sources: ['sharedData', 'scan'],
      dataSource: '登记机构',
      required: true,
    };
    expect(decideMaterial(cert, []).mode).toBe('registry');
    expect(
      decideMaterial(
        { code: 'applicationForm', name: '申请书', sources: ['scan'], required: true },
        [],
      ).mode,
    ).toBe('application');
  });
  it('a message with both choices, and none', () => {
    expect(
      fallbackMessage({ name: '网签买卖合同' }, 'housing', 'unavailable', ['scan', 'commitment']),
    ).toBe('住建数据暂不可用（系统维护），请上传网签买卖合同照片或签署承诺书');
    expect(fallbackMessage({ name: '完税证明' }, 'tax', 'timeout', [])).toBe(
      '税务数据暂不可用（超时），请稍后重试或联系登记窗口',
    );
  });
});

describe('queries per material', () => {
  const ctx = {
    caseId: 'C1',
    unitCode: 'U1',
    parties: [
      { idNumber: 'A', role: 'obligor', natural: true },
      { idNumber: 'B', role: 'rightHolder', natural: true },
      { idNumber: 'BANK', role: 'mortgagee', natural: false },
    ],
  };
  it('asks 公安 and 民政 about each natural person, 住建/税务 about the case', () => {
    expect(queriesForMaterial('identity', ctx)).toEqual([
      { kind: 'identity', idNumber: 'A' },
      { kind: 'identity', idNumber: 'B' },
    ]);
    expect(queriesForMaterial('marriage', ctx)).toHaveLength(2);
    expect(queriesForMaterial('filedContract', ctx)).toEqual([
      { kind: 'filedContract', caseId: 'C1' },
    ]);
    expect(queriesForMaterial('taxReceipt', ctx)).toEqual([{ kind: 'taxPayments', caseId: 'C1' }]);
    expect(queriesForMaterial('existingCertificate', ctx)).toEqual([]);
    expect(reviewQueries(ctx)).toEqual([
      { kind: 'seizures', unitCode: 'U1' },
      { kind: 'mortgages', unitCode: 'U1' },
      { kind: 'familyHousing', idNumber: 'B' },
    ]);
  });
});

describe('recheck deadline: 1 working day from the Beijing date of the request', () => {
  it.each([
    // docs/registry-facts.md §7 known answers: Fri 2026-02-13 → Sat 2026-02-14 (make-up day);
    // 2025-09-30 → 2025-10-09
    ['2026-02-13T02:00:00.000Z', '2026-02-14'],
    ['2025-09-30T02:00:00.000Z', '2025-10-09'],
    // Fri 2026-11-27 23:30 Beijing (15:30Z) → Mon 11-30; Thu 16:30Z is already Fri 00:30 in Beijing
    ['2026-11-27T15:30:00.000Z', '2026-11-30'],
    ['2026-11-26T16:30:00.000Z', '2026-11-30'],
  ])('%s → %s', (at, due) => {
    expect(recheckDueOn(at)).toEqual({ dueOn: due, estimated: false });
  });
  it('says when the calendar is not published for the year', () => {
    expect(recheckDueOn('2027-06-01T02:00:00.000Z').estimated).toBe(true);
  });
});

it('an objection follows its recheck: a confirmed error sustains it', () => {
  expect(objectionStatusAfter('errorConfirmed')).toBe('sustained');
  expect(objectionStatusAfter('upheld')).toBe('rejected');
});
