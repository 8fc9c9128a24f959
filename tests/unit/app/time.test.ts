/**
 * The time module against known answers: every instant is shown in Beijing time (UTC+08:00),
 * whatever the time zone of the machine running the test.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  addYears,
  date,
  dateInChinese,
  dateTime,
  dateTimeSeconds,
  dayNumber,
  daysBetween,
  isCalendarDate,
  isoInstant,
  today,
} from '@/shared/lib/time';

describe('Beijing time', () => {
  it.each([
    ['2026-12-07T07:40:34.337Z', '2026-12-07 15:40'],
    ['2026-12-07T16:05:00Z', '2026-12-08 00:05'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01 00:00'],
    ['2026-12-07T15:40:34+08:00', '2026-12-07 15:40'],
    ['2026-12-07T09:40:34+10:00', '2026-12-07 07:40'],
    ['2028-02-28T20:30:00Z', '2028-02-29 04:30'],
  ])('dateTime(%s) = %s', (iso, shown) => {
    expect(dateTime(iso)).toBe(shown);
  });

  it('writes a date in words, as on a form', () => {
    expect(dateInChinese('2027-01-20')).toBe('2027年01月20日');
    expect(dateInChinese('2026-12-07T17:00:00Z')).toBe('2026年12月08日');
  });

  it('shows seconds for verification records', () => {
    expect(dateTimeSeconds('2026-12-07T07:33:56Z')).toBe('2026-12-07 15:33:56');
  });

  it('gives the Beijing day of an instant and keeps a calendar date as written', () => {
    expect(date('2026-12-07T17:00:00Z')).toBe('2026-12-08');
    expect(date('2026-12-07T15:59:59Z')).toBe('2026-12-07');
    expect(date('2026-12-07')).toBe('2026-12-07');
  });

  it('takes epoch milliseconds and Date objects too', () => {
    const t = Date.UTC(2026, 11, 7, 7, 40, 34);
    expect(dateTime(t)).toBe('2026-12-07 15:40');
    expect(dateTime(new Date(t))).toBe('2026-12-07 15:40');
  });

  it('returns unreadable text as is and nothing for nothing', () => {
    expect(dateTime('不详')).toBe('不详');
    expect(dateTime('')).toBe('');
    expect(dateTime(undefined)).toBe('');
    expect(dateTime(null)).toBe('');
  });

  it("today is the registry's day, not the machine's", () => {
    expect(today(Date.UTC(2026, 11, 7, 16, 30))).toBe('2026-12-08');
    expect(today(Date.UTC(2026, 11, 7, 15, 30))).toBe('2026-12-07');
    expect(dayNumber(Date.UTC(2026, 11, 7, 16, 30))).toBe(20261208);
  });

  it('recognises real calendar dates only', () => {
    expect(isCalendarDate('2026-06-30')).toBe(true);
    expect(isCalendarDate(' 2028-02-29 ')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-6-30')).toBe(false);
    expect(isCalendarDate('2026-06-30T00:00:00Z')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });

  it('adds years to a calendar date (for the date pickers’ ranges)', () => {
    expect(addYears('2026-12-07', 5)).toBe('2031-12-07');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2026-12-07', -10)).toBe('2016-12-07');
  });

  it('counts whole days between calendar dates', () => {
    expect(daysBetween('2026-12-07', '2026-12-10')).toBe(3);
    expect(daysBetween('2026-12-07', '2025-12-07')).toBe(-365);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('writes instants for the API in UTC', () => {
    expect(isoInstant(Date.UTC(2026, 11, 7, 7, 40, 34, 337))).toBe('2026-12-07T07:40:34.337Z');
  });
});

describe('independent of the machine time zone', () => {
  // A child process per zone, because the zone is fixed when a process starts (jest's
  // process.env is a copy, so setting TZ here would not reach the real one).
  const SCRIPT = [
    "const t = require('./src/shared/lib/time.ts');",
    'process.stdout.write(JSON.stringify([new Date(0).getTimezoneOffset(),',
    "t.dateTime('2026-12-07T07:40:34.337Z'), t.date('2026-12-07T17:00:00Z'),",
    "t.date('2026-12-07'), t.today(Date.UTC(2026, 11, 7, 16, 30))]));",
  ].join(' ');

  it.each([
    ['Asia/Tokyo', -540],
    ['America/Los_Angeles', 480],
    ['UTC', 0],
  ])('%s', (tz, offset) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT], {
      cwd: path.resolve(__dirname, '../../..'),
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual([
      offset,
      '2026-12-07 15:40',
      '2026-12-08',
      '2026-12-07',
      '2026-12-08',
    ]);
  });
});
