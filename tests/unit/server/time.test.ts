/**
 * The server's time module against known answers: instants are shown in Beijing time (UTC+08:00)
 * whatever the host's time zone; calendar dates stay the Beijing day they name.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import vm from 'node:vm';
import { browserScript } from '../../../mock-server/src/http/browserScript';
import {
  beijingDate,
  beijingDateDigits,
  beijingMinute,
  beijingSecond,
  beijingYear,
  dateText,
  dateTimeText,
  isCalendarDate,
} from '../../../mock-server/src/domain/time';

describe('Beijing time on the server', () => {
  it.each([
    ['2026-12-07T07:40:34.337Z', '2026-12-07 15:40'],
    // late evening in UTC is the next day in Beijing
    ['2026-12-07T16:05:00Z', '2026-12-08 00:05'],
    ['2026-12-07T15:59:59Z', '2026-12-07 23:59'],
    // New Year: 31 December 16:00 UTC is 1 January in Beijing
    ['2026-12-31T16:00:00.000Z', '2027-01-01 00:00'],
    ['2026-12-31T15:59:00.000Z', '2026-12-31 23:59'],
    ['2026-12-07T15:40:34+08:00', '2026-12-07 15:40'],
    ['2026-12-07T09:40:34+10:00', '2026-12-07 07:40'],
    ['2028-02-28T20:30:00Z', '2028-02-29 04:30'],
  ])('beijingMinute(%s) = %s', (iso, shown) => {
    expect(beijingMinute(iso)).toBe(shown);
  });

  it('gives the Beijing day, year and digits of an instant', () => {
    expect(beijingDate('2026-12-07T16:05:00Z')).toBe('2026-12-08');
    expect(beijingDate(new Date(Date.UTC(2026, 11, 7, 15, 59)))).toBe('2026-12-07');
    expect(beijingDate('2026-12-07')).toBe('2026-12-07');
    expect(beijingYear('2026-12-31T16:00:00Z')).toBe(2027);
    expect(beijingYear('2026-12-31T15:59:59Z')).toBe(2026);
    expect(beijingDateDigits('2026-12-31T16:00:00Z')).toBe('20270101');
  });

  it('rejects what is not an instant where a value is required', () => {
    expect(() => beijingDate('不详')).toThrow(RangeError);
    expect(() => beijingYear('')).toThrow(RangeError);
  });

  it('writes dates and times in words, as on a form', () => {
    expect(dateTimeText('2026-12-07T07:40:34.337Z')).toBe('2026年12月7日 15:40');
    expect(dateTimeText('2026-12-31T16:30:00Z')).toBe('2027年1月1日 00:30');
    expect(dateText('2026-12-07T17:00:00Z')).toBe('2026年12月8日');
    expect(dateText('2027-01-20')).toBe('2027年1月20日');
    expect(beijingSecond('2026-12-07T07:33:56Z')).toBe('2026-12-07 15:33:56');
  });

  it('shows nothing for nothing or unreadable text', () => {
    expect(beijingMinute(undefined)).toBe('');
    expect(dateText(null)).toBe('');
    expect(dateTimeText('不详')).toBe('');
    expect(dateText('2026-02-30')).toBe('');
  });

  it('recognises real calendar dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-6-30')).toBe(false);
    expect(isCalendarDate('2026-06-30T00:00:00Z')).toBe(false);
  });
});

describe('independent of the host time zone', () => {
  // A child process per zone: the zone is fixed when a process starts.
  const SCRIPT = [
    "const t = require('./mock-server/src/domain/time.ts');",
    'process.stdout.write(JSON.stringify([new Date(0).getTimezoneOffset(),',
    "t.beijingMinute('2026-12-31T16:00:00Z'), t.beijingDate('2026-12-07T17:00:00Z'),",
    "t.dateText('2026-12-07'), t.beijingYear('2026-12-31T16:00:00Z')]));",
  ].join(' ');

  it.each([['America/Los_Angeles', 480]])('%s', (tz, offset) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT], {
      cwd: path.resolve(__dirname, '../../..'),
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual([
      offset,
      '2027-01-01 00:00',
      '2026-12-08',
      '2026年12月7日',
      2027,
    ]);
  });
});

describe('the public pages format with the same module in the browser', () => {
  it('sends the time module as window.beijingTime ahead of the pages’ scripts', () => {
    const window = {} as {
      beijingTime?: { second: (s: string) => string; date: (s: string) => string };
    };
    vm.runInNewContext(browserScript('verify-pages/time.ts'), { window });
    expect(window.beijingTime?.second('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00:00');
    expect(window.beijingTime?.date('2026-12-07T17:00:00Z')).toBe('2026年12月8日');
  });
});
