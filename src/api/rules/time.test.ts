import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  addMonthsToDate,
  calendarDaysBetween,
  dateInWords,
  dayInWords,
  instantInWords,
  localDate,
} from './time';
import { deletionDueAt, extendedDueAt, accessDecideBy } from './deadlines';

const BELGRADE = 'Europe/Belgrade';

describe('calendar arithmetic', () => {
  it('adds one calendar month, clamping to the last day of a shorter month', () => {
    expect(addCalendarMonths(new Date('2026-01-31T10:00:00Z'), 1, 'UTC').toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addCalendarMonths(new Date('2028-01-31T10:00:00Z'), 1, 'UTC').toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addCalendarMonths(new Date('2026-03-31T10:00:00Z'), 1, 'UTC').toISOString()).toBe('2026-04-30T10:00:00.000Z');
    expect(addCalendarMonths(new Date('2026-12-15T10:00:00Z'), 1, 'UTC').toISOString()).toBe('2027-01-15T10:00:00.000Z');
  });
  it('counts the month on the company calendar, not in UTC', () => {
    // 31 Jan 23:30 in Belgrade is still 31 Jan there (22:30 UTC): due the last day of February, local time kept.
    const due = addCalendarMonths(new Date('2026-01-31T22:30:00Z'), 1, BELGRADE);
    expect(localDate(due, BELGRADE)).toBe('2026-02-28');
    expect(due.toISOString()).toBe('2026-02-28T22:30:00.000Z');
    // 1 Feb 00:30 in Belgrade is 31 Jan 23:30 UTC: a UTC calendar would say 28 Feb, Belgrade's says 1 Mar.
    expect(localDate(addCalendarMonths(new Date('2026-01-31T23:30:00Z'), 1, BELGRADE), BELGRADE)).toBe('2026-03-01');
  });
  it('keeps the local time of day across a DST change when adding days', () => {
    // Belgrade moves to summer time on 29 March 2026: 10:00 local is 09:00 UTC before, 08:00 UTC after.
    expect(addCalendarDays(new Date('2026-03-20T09:00:00Z'), 30, BELGRADE).toISOString()).toBe('2026-04-19T08:00:00.000Z');
  });
  it('counts whole days left, negative once overdue', () => {
    const now = new Date('2026-11-29T10:00:00Z');
    expect(calendarDaysBetween(now, new Date('2026-12-06T08:00:00Z'), 'UTC')).toBe(7);
    expect(calendarDaysBetween(now, new Date('2026-11-29T23:00:00Z'), 'UTC')).toBe(0);
    expect(calendarDaysBetween(now, new Date('2026-11-27T12:00:00Z'), 'UTC')).toBe(-2);
  });
  it('adds months to a calendar date', () => {
    expect(addMonthsToDate('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonthsToDate('2025-11-29', 12)).toBe('2026-11-29');
  });
});

describe('deadlines', () => {
  it('gives a cancelled account 30 days (policy 5.7)', () => {
    expect(deletionDueAt('cancellation', new Date('2026-11-01T12:00:00Z'), 'UTC').toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });
  it('gives an erasure request one calendar month, extendable by two more from receipt', () => {
    const received = new Date('2026-01-31T09:00:00Z');
    expect(deletionDueAt('erasure_request', received, 'UTC').toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(extendedDueAt(received, 2, 'UTC').toISOString()).toBe('2026-04-30T09:00:00.000Z');
  });
  it('expires an undecided support-access request after 12 hours', () => {
    expect(accessDecideBy(new Date('2026-11-29T10:00:00Z')).toISOString()).toBe('2026-11-29T22:00:00.000Z');
  });
});

describe('dates in words', () => {
  it('says a calendar date and an instant as sentences do, on the given clock', () => {
    expect(dateInWords('2026-12-20')).toBe('Dec 20, 2026');
    expect(dayInWords('2026-02-28T23:30:00.000Z', 'Europe/Belgrade')).toBe('Mar 1, 2026');
    expect(instantInWords('2026-12-31T08:06:00.000Z', 'Europe/Belgrade')).toBe('Dec 31, 2026, 09:06 GMT+1');
    expect(instantInWords('2026-07-01T08:06:00.000Z', 'UTC')).toBe('Jul 1, 2026, 08:06 UTC');
  });
});
