import { describe, expect, it } from 'vitest';
import { describeDeadline, formatCalendarDate, formatDateTime, formatFileSize, formatRelative, humanize, maskEmail } from './format';

const now = new Date('2026-03-10T12:00:00Z');

describe('formatDateTime', () => {
  it('shows an instant in the given time zone', () => {
    expect(formatDateTime('2026-03-10T23:30:00Z', { timeZone: 'Europe/Belgrade', locale: 'en-GB' })).toBe('11 Mar 2026, 00:30 CET');
    expect(formatDateTime('2026-03-10T23:30:00Z', { timeZone: 'America/New_York', locale: 'en-GB' })).toBe('10 Mar 2026, 19:30 GMT-4');
  });

  it('shows a calendar date as the same day anywhere', () => {
    expect(formatCalendarDate('2026-02-28', { locale: 'en-GB' })).toBe('28 Feb 2026');
  });
});

describe('formatRelative', () => {
  it('counts days into the future and the past', () => {
    expect(formatRelative('2026-03-13T12:00:00Z', now, { locale: 'en' })).toBe('in 3 days');
    expect(formatRelative('2026-03-08T12:00:00Z', now, { locale: 'en' })).toBe('2 days ago');
  });

  it('counts hours under a day', () => {
    expect(formatRelative('2026-03-10T17:00:00Z', now, { locale: 'en' })).toBe('in 5 hours');
  });
});

describe('describeDeadline', () => {
  it('tells the days left', () => {
    expect(describeDeadline('2026-03-13T12:00:00Z', now)).toEqual({ overdue: false, label: 'in 3 days' });
    expect(describeDeadline('2026-03-11T13:00:00Z', now)).toEqual({ overdue: false, label: 'in 1 day' });
  });

  it('tells the days overdue', () => {
    expect(describeDeadline('2026-03-08T11:00:00Z', now)).toEqual({ overdue: true, label: '2 days overdue' });
  });

  it('tells hours when less than a day remains', () => {
    expect(describeDeadline('2026-03-10T15:30:00Z', now)).toEqual({ overdue: false, label: 'in 3 hours' });
    expect(describeDeadline('2026-03-10T11:50:00Z', now)).toEqual({ overdue: true, label: '1 hour overdue' });
  });
});

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@example.com');
  });

  it('is stable on an address that is already masked', () => {
    expect(maskEmail('j***@example.com')).toBe('j***@example.com');
  });

  it('leaves text that is not an address alone', () => {
    expect(maskEmail('visitor-42')).toBe('visitor-42');
  });
});

describe('humanize', () => {
  it('turns an enum value into words', () => {
    expect(humanize('billing_platform')).toBe('Billing platform');
    expect(humanize('withdraw-consent')).toBe('Withdraw consent');
  });
});

describe('formatFileSize', () => {
  it('counts bytes under a kilobyte, then KB and MB by 1024', () => {
    expect(formatFileSize(812, { locale: 'en' })).toBe('812 bytes');
    expect(formatFileSize(2.5 * 1024, { locale: 'en' })).toBe('2.5 KB');
    expect(formatFileSize(48 * 1024, { locale: 'en' })).toBe('48 KB');
    expect(formatFileSize(10 * 1024 * 1024, { locale: 'en' })).toBe('10 MB');
  });
});
