/** 民法典 §221 with §201 and §203: the last day of an advance notice's 90 days. */
import {
  advanceNoticeLapsed,
  advanceNoticeLastDay,
  advanceNoticeRegistrableFrom,
} from '../../mock-server/src/domain/cases';
import type { AdvanceNotice, RestrictionState } from '../../mock-server/src/domain/register';

const notice = (extra: Partial<AdvanceNotice> = {}): AdvanceNotice & RestrictionState => ({
  kind: 'advanceNotice',
  restrictionId: 'R1',
  unitCode: 'U1',
  registeredOn: '2026-03-02',
  rightHolderIds: ['BUYER'],
  obligorIds: ['DEV'],
  certificateId: 'C1',
  status: 'current',
  ...extra,
});

describe('advance notice lapse', () => {
  it('counts 90 days from the day after; a last day off moves to the next working day', () => {
    // 2026-03-02 + 90 days = 2026-05-31, a Sunday: the last day is Monday 2026-06-01
    expect(advanceNoticeLastDay('2026-03-02').lastDay).toBe('2026-06-01');
    // a working last day stays
    expect(advanceNoticeLastDay('2026-03-04').lastDay).toBe('2026-06-02');
  });

  it('lapses only after the last day, only when current and its start is known', () => {
    const n = notice({ registrableFrom: '2026-03-02' });
    expect(advanceNoticeLapsed(n, '2026-03-02', '2026-06-01')).toBe(false);
    expect(advanceNoticeLapsed(n, '2026-03-02', '2026-06-02')).toBe(true);
    expect(advanceNoticeLapsed({ ...n, status: 'cancelled' }, '2026-03-02', '2026-09-01')).toBe(
      false,
    );
    expect(advanceNoticeLapsed(notice(), undefined, '2030-01-01')).toBe(false);
  });

  it('a mortgage notice can be registered once its mortgagors hold the unit', () => {
    const m = notice({ secures: 'mortgage', rightHolderIds: ['BANK'], obligorIds: ['BUYER'] });
    expect(
      advanceNoticeRegistrableFrom(m, {
        holders: [{ personId: 'DEV' }],
        registeredOn: '2026-01-01',
      }),
    ).toBeUndefined();
    expect(
      advanceNoticeRegistrableFrom(m, {
        holders: [{ personId: 'BUYER' }],
        registeredOn: '2026-04-01',
      }),
    ).toBe('2026-04-01');
    expect(advanceNoticeRegistrableFrom(notice({ registrableFrom: '2026-02-01' }), undefined)).toBe(
      '2026-02-01',
    );
  });
});
