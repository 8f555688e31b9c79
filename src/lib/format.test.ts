import { describe, expect, it } from 'vitest';
import {
  describeDeadline,
  drawInZone,
  formatCalendarDate,
  formatCompanyTime,
  formatDateTime,
  formatFileSize,
  formatRelative,
  formatDate,
  formatInstant,
  humanize,
  knownTimeZone,
  maskEmail,
  readerTimeZone,
} from './format';

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

describe('drawInZone', () => {
  // The server draws a page in the zone the reader's browser told it (server/page-routes.ts).
  const runtime = Intl.DateTimeFormat().resolvedOptions().timeZone;

  it("shows instants in the reader's zone while it draws, and in the runtime's again after", () => {
    const shown = drawInZone('Pacific/Auckland', () => [
      formatDateTime('2026-03-10T23:30:00Z'),
      formatInstant('2026-03-10T23:30:00Z'),
      formatDate('2026-03-10T23:30:00Z'),
      readerTimeZone(),
    ]);
    expect(shown).toEqual(['Mar 11, 2026, 12:30 GMT+13', 'Mar 11, 2026, 12:30:00 GMT+13', 'Mar 11, 2026', 'Pacific/Auckland']);
    expect(readerTimeZone()).toBe(runtime);
    expect(formatDateTime('2026-03-10T23:30:00Z')).toBe(formatDateTime('2026-03-10T23:30:00Z', { timeZone: runtime }));
  });

  it('leaves a zone a caller names, and calendar dates, as they are', () => {
    expect(drawInZone('Pacific/Auckland', () => formatDateTime('2026-03-10T23:30:00Z', { timeZone: 'UTC' }))).toBe(
      'Mar 10, 2026, 23:30 UTC',
    );
    expect(drawInZone('Pacific/Auckland', () => formatCalendarDate('2026-02-28'))).toBe('Feb 28, 2026');
  });

  it("draws in the runtime's zone for a zone it does not know, and is itself again after a throw", () => {
    for (const zone of ['Mars/Olympus', '../../etc/passwd', 'Europe/Berlin\u0000', 'x'.repeat(65), '', undefined])
      expect(drawInZone(zone, readerTimeZone), String(zone)).toBe(runtime);
    expect(() =>
      drawInZone('Asia/Tokyo', () => {
        throw new Error('draw failed');
      }),
    ).toThrow('draw failed');
    expect(readerTimeZone()).toBe(runtime);
  });

  it('knows zones by their IANA names, as the runtime spells them', () => {
    expect(knownTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(knownTimeZone('UTC')).toBe('UTC');
    expect(knownTimeZone(42)).toBeUndefined();
    expect(knownTimeZone('Not/A_Zone')).toBeUndefined();
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
  // The company counts on Belgrade's calendar; most readers here are there too.
  const company = 'Europe/Belgrade';
  const at = { company, reader: company, locale: 'en-US' };
  const label = (due: string, from: string, zones = at) => describeDeadline(due, new Date(from), zones).label;

  it('counts calendar days to the day it is due, and names that day', () => {
    expect(label('2026-12-31T08:06:00Z', '2026-12-19T10:00:00Z')).toBe('in 12 days (Dec 31)');
    expect(label('2026-03-11T13:00:00Z', '2026-03-10T12:00:00Z')).toBe('in 1 day (Mar 11)');
    expect(describeDeadline('2026-12-31T08:06:00Z', new Date('2026-12-19T10:00:00Z'), at).overdue).toBe(false);
  });

  it('counts the days overdue', () => {
    expect(label('2026-11-28T12:00:00Z', '2026-12-01T10:00:00Z')).toBe('3 days overdue (Nov 28)');
    expect(describeDeadline('2026-11-28T12:00:00Z', new Date('2026-12-01T10:00:00Z'), at).overdue).toBe(true);
  });

  it('tells the hours on the day itself', () => {
    expect(label('2026-12-01T15:00:00Z', '2026-12-01T10:00:00Z')).toBe('today, in 5 hours (Dec 1)');
    expect(label('2026-12-01T08:00:00Z', '2026-12-01T10:00:00Z')).toBe('today, 2 hours overdue (Dec 1)');
    expect(label('2026-12-01T10:20:00Z', '2026-12-01T10:00:00Z')).toBe('today, in 1 hour (Dec 1)');
  });

  it('counts days on the company calendar across a change of clocks, never "a day and an hour"', () => {
    // Clocks go forward on Mar 29, 2026: 22:00 CET on the 28th to 01:00 CEST on the 30th is 26 hours, two calendar days.
    expect(label('2026-03-29T23:00:00Z', '2026-03-28T21:00:00Z')).toBe('in 2 days (Mar 30)');
    // Back on Oct 25: 30 days from noon on Oct 20 is noon on Nov 19, 30 days and an hour of elapsed time.
    expect(label('2026-11-19T11:00:00Z', '2026-10-20T10:00:00Z')).toBe('in 30 days (Nov 19)');
    // 23:30 on Oct 24 to 00:30 on Oct 26 (25 hours with the extra one) is two days.
    expect(label('2026-10-25T23:30:00Z', '2026-10-24T21:30:00Z')).toBe('in 2 days (Oct 26)');
  });

  it('counts month ends on the company calendar, where the day may already be the next', () => {
    expect(label('2026-02-28T12:00:00Z', '2026-01-31T12:00:00Z')).toBe('in 28 days (Feb 28)');
    // 23:30 UTC on Feb 28 is 00:30 on Mar 1 in Belgrade: due on Mar 1 there, on Feb 28 for a reader in UTC.
    expect(label('2026-02-28T23:30:00Z', '2026-01-31T12:00:00Z')).toBe('in 29 days (Mar 1)');
    expect(label('2026-02-28T23:30:00Z', '2026-01-31T12:00:00Z', { ...at, reader: 'UTC' })).toBe('in 29 days (Mar 1; Feb 28 your time)');
    expect(label('2026-04-30T21:30:00Z', '2026-04-29T10:00:00Z')).toBe('in 1 day (Apr 30)');
    expect(label('2026-04-30T22:30:00Z', '2026-04-29T10:00:00Z')).toBe('in 2 days (May 1)');
  });

  it('adds the year when the day falls in another one', () => {
    expect(label('2027-01-03T09:00:00Z', '2026-12-20T09:00:00Z')).toBe('in 14 days (Jan 3, 2027)');
    expect(label('2026-12-31T23:30:00Z', '2026-12-30T09:00:00Z')).toBe('in 2 days (Jan 1, 2027)');
  });

  it("adds the reader's day when their calendar puts the moment on another one", () => {
    expect(label('2026-12-31T03:00:00Z', '2026-12-19T10:00:00Z', { ...at, reader: 'America/New_York' })).toBe(
      'in 12 days (Dec 31; Dec 30 your time)',
    );
    expect(label('2026-12-31T12:00:00Z', '2026-12-19T10:00:00Z', { ...at, reader: 'America/New_York' })).toBe('in 12 days (Dec 31)');
  });
});

describe('formatCompanyTime', () => {
  it("shows the company's clock, and the reader's after it when theirs reads otherwise", () => {
    const zones = { company: 'Europe/Belgrade', locale: 'en-US' };
    expect(formatCompanyTime('2026-12-31T08:06:00Z', { ...zones, reader: 'Europe/Belgrade' })).toBe('Dec 31, 2026, 09:06 GMT+1');
    expect(formatCompanyTime('2026-12-31T08:06:00Z', { ...zones, reader: 'UTC' })).toBe('Dec 31, 2026, 09:06 GMT+1 (08:06 UTC your time)');
    expect(formatCompanyTime('2026-12-31T03:00:00Z', { ...zones, reader: 'America/New_York' })).toBe(
      'Dec 31, 2026, 04:00 GMT+1 (Dec 30, 2026, 22:00 EST your time)',
    );
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
