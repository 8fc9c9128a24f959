/**
 * 婚姻状况承诺 (告知承诺): a holder's pledge while 民政 cannot answer is never silently replaced by
 * 民政's later answer — the answer is kept beside it and marked when it contradicts the pledge.
 */
import type { HolderMarriage, MarriageCheck } from '../../../mock-server/src/domain/cases';
import {
  awaitsLaterAnswer,
  maritalCommitmentText,
  marriagePendingMessage,
  mergeMarriageAnswer,
} from '../../../mock-server/src/usecases/cases/application';

const pledged = (maritalStatus: '未婚' | '已婚', spouseId?: string): HolderMarriage => ({
  personId: 'H1',
  status: maritalStatus === '已婚' ? 'married' : 'unmarried',
  reason: 'unavailable',
  ...(spouseId ? { spouseId } : {}),
  commitment: {
    maritalStatus,
    ...(spouseId ? { spouseId, spouseName: '徐彩云' } : {}),
    committedBy: 'H1',
    committedAt: '2026-11-29T01:00:00.000Z',
    text: '…',
  },
});
const check = (...holders: HolderMarriage[]): MarriageCheck => ({
  checkedAt: '2026-11-29T02:00:00.000Z',
  holders,
});

describe('民政 answering after a pledge', () => {
  it('an agreeing answer is kept beside the pledge, not contradicting it', () => {
    const cur = check(pledged('已婚', 'S1'));
    expect(awaitsLaterAnswer(cur)).toBe(true);
    const out = mergeMarriageAnswer(
      cur,
      check({
        personId: 'H1',
        status: 'married',
        spouseId: 'S1',
        registeredOn: '2001-01-01',
        recordId: 'R1',
      }),
    );
    expect(out.holders[0]).toMatchObject({
      status: 'married',
      commitment: { maritalStatus: '已婚' },
      laterAnswer: { recordId: 'R1', status: 'married', contradicts: false },
    });
    expect(awaitsLaterAnswer(out)).toBe(false);
    expect(marriagePendingMessage(out)).toBeUndefined();
  });

  it('another status or another spouse contradicts the pledge, which stays as pledged', () => {
    const married = mergeMarriageAnswer(
      check(pledged('未婚')),
      check({
        personId: 'H1',
        status: 'married',
        spouseId: 'S2',
        registeredOn: '2001-01-01',
        recordId: 'R1',
      }),
    );
    expect(married.holders[0]).toMatchObject({
      status: 'unmarried',
      laterAnswer: { status: 'married', contradicts: true },
    });
    expect(married.holders[0].spouseId).toBeUndefined();
    const otherSpouse = mergeMarriageAnswer(
      check(pledged('已婚', 'S1')),
      check({
        personId: 'H1',
        status: 'married',
        spouseId: 'S2',
        registeredOn: '2001-01-01',
        recordId: 'R1',
      }),
    );
    expect(otherSpouse.holders[0]).toMatchObject({
      spouseId: 'S1',
      laterAnswer: { contradicts: true },
    });
  });

  it('no usable answer leaves the pledge as it was; holders without a pledge take 民政’s answer', () => {
    const cur = check(pledged('未婚'), { personId: 'H2', status: 'unknown', reason: 'timeout' });
    const out = mergeMarriageAnswer(
      cur,
      check(
        { personId: 'H1', status: 'unknown', reason: 'unavailable' },
        { personId: 'H2', status: 'unmarried', recordId: 'R2' },
      ),
    );
    expect(out.holders[0]).toEqual(cur.holders[0]);
    expect(out.holders[1]).toEqual({ personId: 'H2', status: 'unmarried', recordId: 'R2' });
  });
});

describe('the pledge’s wording', () => {
  it('names the status, and for 已婚 the spouse with a masked ID number', () => {
    expect(maritalCommitmentText('李国平', '未婚')).toMatch(
      /^本人李国平承诺：本人目前婚姻状况为未婚。/,
    );
    const t = maritalCommitmentText('李国平', '已婚', {
      name: '许慧芳',
      idNumber: '33100319750804648X',
    });
    expect(t).toContain('配偶为许慧芳');
    expect(t).not.toContain('33100319750804648X');
    expect(t).toMatch(/愿承担相应法律责任/);
  });
});
