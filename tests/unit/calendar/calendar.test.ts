import {
  addCalendarDays,
  addWorkingDays,
  CalendarCoverageError,
  CalendarDataError,
  chinaWorkingDayCalendar,
  CHINA_2026,
  createWorkingDayCalendar,
  dayInfo,
  InvalidDateError,
  isIsoDate,
  isWorkingDay,
  toDayNumber,
  fromDayNumber,
  weekdayOf,
  workingDaysBetween,
  type PublishedYear,
} from '../../../mock-server/src/domain/calendar';

describe('IsoDate arithmetic', () => {
  it('computes weekdays arithmetically', () => {
    expect(weekdayOf('1970-01-01')).toBe(4); // Thursday
    expect(weekdayOf('2026-02-13')).toBe(5); // Friday
    expect(weekdayOf('2026-02-14')).toBe(6); // Saturday
    expect(weekdayOf('2025-09-30')).toBe(2); // Tuesday
    expect(weekdayOf('2026-03-19')).toBe(4); // Thursday
    expect(weekdayOf('2000-02-29')).toBe(2);
    expect(weekdayOf('1900-01-01')).toBe(1);
  });

  it('round-trips day numbers across leap years and centuries', () => {
    const mismatches: number[] = [];
    let previousWeekday = weekdayOf('1899-12-24');
    for (let n = toDayNumber('1899-12-25'); n < toDayNumber('2101-01-10'); n += 1) {
      const date = fromDayNumber(n);
      const weekday = weekdayOf(date);
      if (toDayNumber(date) !== n || weekday !== (previousWeekday % 7) + 1) mismatches.push(n);
      previousWeekday = weekday;
    }
    expect(mismatches).toEqual([]);
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '2026-13-01', '20260101', '', '2025-02-29']) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => isWorkingDay(bad)).toThrow(InvalidDateError);
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('isWorkingDay / dayInfo (2025, 2026 from docs/registry-facts.md §7)', () => {
  it('ordinary weekdays work and weekends rest', () => {
    expect(isWorkingDay('2026-03-10')).toBe(true); // Tuesday
    expect(isWorkingDay('2026-03-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-15')).toBe(false); // Sunday
    expect(dayInfo('2026-03-14')).toEqual({
      date: '2026-03-14',
      working: false,
      kind: 'weekend',
      published: true,
    });
  });

  it('holidays rest, including the weekdays inside a holiday period', () => {
    expect(dayInfo('2026-02-16')).toEqual({
      date: '2026-02-16',
      working: false,
      kind: 'holiday',
      holidayName: '春节',
      published: true,
    });
    for (const d of ['2025-01-01', '2025-01-28', '2025-02-04', '2025-10-08', '2026-01-02']) {
      expect(isWorkingDay(d)).toBe(false);
    }
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
  });

  it('make-up Saturdays and Sundays work', () => {
    const makeUp = [
      ...['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
      ...['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    ];
    for (const d of makeUp) {
      expect(weekdayOf(d)).toBeGreaterThanOrEqual(6);
      expect(dayInfo(d)).toMatchObject({ working: true, kind: 'makeUpWorkday', published: true });
    }
    expect(dayInfo('2026-02-14').holidayName).toBe('春节');
  });

  it('each year has the expected number of working days', () => {
    const count = (year: number) => workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`).days;
    // 2025: 261 Mon–Fri; weekday holidays: 1/1, 1/28–1/31, 2/3–2/4, 4/4, 5/1–5/2, 5/5,
    // 6/2, 10/1–10/3, 10/6–10/8 = 18; make-up days 5 → 248.
    expect(count(2025)).toBe(248);
    // 2026: 261 Mon–Fri; weekday holidays: 1/1–1/2, 2/16–2/20, 2/23, 4/6, 5/1, 5/4–5/5,
    // 6/19, 9/25, 10/1–10/2, 10/5–10/7 = 19; make-up days 6 → 248.
    expect(count(2026)).toBe(248);
  });
});

describe('addWorkingDays (民法典 §201: counting starts the day after)', () => {
  it('known answers from docs/registry-facts.md §7', () => {
    expect(addWorkingDays('2026-02-13', 1)).toEqual({
      date: '2026-02-14',
      calendarComplete: true,
      unpublishedYears: [],
    });
    expect(addWorkingDays('2025-09-30', 1).date).toBe('2025-10-09');
    expect(addWorkingDays('2026-01-30', 30)).toEqual({
      date: '2026-03-19',
      calendarComplete: true,
      unpublishedYears: [],
    });
  });

  it('skips weekends', () => {
    expect(addWorkingDays('2026-03-13', 1).date).toBe('2026-03-16'); // Fri → Mon
    expect(addWorkingDays('2026-03-14', 1).date).toBe('2026-03-16'); // Sat → Mon
    expect(addWorkingDays('2026-03-09', 5).date).toBe('2026-03-16'); // Mon + 5 → next Mon
  });

  it('skips holidays and counts make-up days across a year boundary', () => {
    // 2025-12-31 (Wed) + 1: 1/1–1/3 holiday → Sun 2026-01-04 is a make-up day.
    expect(addWorkingDays('2025-12-31', 1).date).toBe('2026-01-04');
    expect(addWorkingDays('2025-12-31', 2).date).toBe('2026-01-05');
    // Spring Festival 2026: Sat 2/14 works, 2/15–2/23 rest.
    expect(addWorkingDays('2026-02-14', 1).date).toBe('2026-02-24');
    // 2025 Spring Festival: Fri 1/24 +1 → Sun 1/26 (make-up), +2 → Mon 1/27, +3 → Wed 2/5.
    expect(addWorkingDays('2025-01-24', 1).date).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-24', 3).date).toBe('2025-02-05');
  });

  it('n = 0 returns the day itself if working, else the next working day', () => {
    expect(addWorkingDays('2026-03-10', 0).date).toBe('2026-03-10');
    expect(addWorkingDays('2026-10-01', 0).date).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-03', 0).date).toBe('2026-10-08');
  });

  it('the result is always a working day and consistent with workingDaysBetween', () => {
    for (let s = toDayNumber('2025-01-01'); s <= toDayNumber('2026-10-31'); s += 3) {
      const start = fromDayNumber(s);
      for (const n of [1, 2, 5, 15, 30]) {
        const { date, calendarComplete } = addWorkingDays(start, n);
        expect(calendarComplete).toBe(true);
        expect(isWorkingDay(date)).toBe(true);
        expect(workingDaysBetween(start, date).days).toBe(n);
        expect(workingDaysBetween(start, addCalendarDays(date, -1)).days).toBe(n - 1);
      }
    }
  });

  it('30-working-day statutory deadline (条例 §20 registration period) over 国庆 2026', () => {
    // Accepted Fri 2026-09-18: 9/20 Sun works (1), 9/21–9/24 (5), 9/25–9/27 rest, 9/28–9/30 (8),
    // 10/1–10/7 rest, 10/8–10/9 (10), 10/10 Sat works (11), 10/12–10/30 (26), 11/2–11/5 (30).
    const r = addWorkingDays('2026-09-18', 30);
    expect(r).toEqual({ date: '2026-11-05', calendarComplete: true, unpublishedYears: [] });
    expect(workingDaysBetween('2026-09-18', '2026-11-05').days).toBe(30);
  });

  it('rejects negative, fractional and absurd n', () => {
    expect(() => addWorkingDays('2026-03-10', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-10', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-10', 1e6)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to] and is antisymmetric', () => {
    expect(workingDaysBetween('2026-03-10', '2026-03-10').days).toBe(0);
    expect(workingDaysBetween('2026-02-13', '2026-02-24').days).toBe(2); // 2/14, 2/24
    expect(workingDaysBetween('2026-02-24', '2026-02-13').days).toBe(-2);
    expect(workingDaysBetween('2025-09-30', '2025-10-09').days).toBe(1);
  });
});

describe('unpublished years (2027+)', () => {
  it('flags a deadline that crosses into 2027', () => {
    const r = addWorkingDays('2026-12-15', 30);
    expect(r.calendarComplete).toBe(false);
    expect(r.unpublishedYears).toEqual([2027]);
    // Estimate: Mon–Fri minus 2027-01-01 (元旦, fixed by law): 12/16–12/31 give 12,
    // 1/4–1/22 give 27, 1/25–1/27 give 30.
    expect(r.date).toBe('2027-01-27');
    expect(weekdayOf(r.date)).toBeLessThanOrEqual(5);
  });

  it('does not flag a deadline that stays inside published years', () => {
    expect(addWorkingDays('2026-12-01', 20).calendarComplete).toBe(true);
    expect(addWorkingDays('2026-12-01', 20).date).toBe('2026-12-29');
  });

  it('throws CalendarCoverageError on request, and isWorkingDay throws by default', () => {
    expect(() => addWorkingDays('2026-12-15', 30, { onUnpublished: 'throw' })).toThrow(
      CalendarCoverageError,
    );
    try {
      isWorkingDay('2027-03-01');
      throw new Error('expected a CalendarCoverageError');
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarCoverageError);
      expect((e as CalendarCoverageError).year).toBe(2027);
    }
    expect(isWorkingDay('2027-03-01', { onUnpublished: 'estimate' })).toBe(true);
    expect(dayInfo('2027-10-01')).toMatchObject({
      working: false,
      kind: 'holiday',
      published: false,
    });
    expect(() => isWorkingDay('2024-06-03')).toThrow(CalendarCoverageError);
  });

  it('workingDaysBetween flags unpublished years too', () => {
    const r = workingDaysBetween('2026-12-30', '2027-01-05');
    expect(r).toEqual({ days: 3, calendarComplete: false, unpublishedYears: [2027] });
  });
});

describe('the calendar is extensible data', () => {
  // A hypothetical 2027 table, only to show extension (NOT the real arrangement).
  const fake2027: PublishedYear = {
    year: 2027,
    source: 'test fixture',
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
    makeUpWorkdays: [{ date: '2027-01-09', for: '元旦' }],
  };

  it('withYear adds a year and clears the flag', () => {
    const extended = chinaWorkingDayCalendar.withYear(fake2027);
    expect(extended.publishedYears).toEqual([2025, 2026, 2027]);
    expect(extended.isWorkingDay('2027-01-09')).toBe(true);
    const r = extended.addWorkingDays('2026-12-31', 1);
    expect(r).toEqual({ date: '2027-01-04', calendarComplete: true, unpublishedYears: [] });
    // The shared default calendar is unchanged.
    expect(chinaWorkingDayCalendar.isPublishedYear(2027)).toBe(false);
  });

  it('validates the data', () => {
    const bad = (patch: Partial<PublishedYear>) => () =>
      createWorkingDayCalendar([{ ...fake2027, ...patch }]);
    expect(bad({ makeUpWorkdays: [{ date: '2027-01-08', for: 'x' }] })).toThrow(CalendarDataError);
    expect(bad({ makeUpWorkdays: [{ date: '2027-01-02', for: 'x' }] })).toThrow(CalendarDataError);
    expect(bad({ holidays: [{ name: 'x', from: '2026-12-31', to: '2027-01-01' }] })).toThrow(
      CalendarDataError,
    );
    expect(bad({ holidays: [{ name: 'x', from: '2027-01-03', to: '2027-01-01' }] })).toThrow(
      CalendarDataError,
    );
    expect(() => createWorkingDayCalendar([CHINA_2026, CHINA_2026])).toThrow(CalendarDataError);
  });
});
