import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '@/api/contract/consent';
import { reviewReasonsFor, staleMarketingBefore } from './consent-review';

const base: ConsentEvent = {
  id: 'ce_1',
  subjectId: 'sub_1',
  accountId: null,
  email: null,
  purpose: 'marketing_emails',
  action: 'granted',
  occurredAt: '2026-06-01T10:00:00.000Z',
  recordedAt: '2026-06-01T10:00:00.000Z',
  channel: 'sign_up_form',
  noticeVersion: 'v2',
  noticeHash: 'b'.repeat(64),
  evidence: { userAgent: 'Firefox', ipHash: 'c'.repeat(64) },
  recordedBy: { kind: 'subject' },
  note: null,
};
const context = { latestNotice: { marketing_emails: 'b'.repeat(64) }, staleBefore: '2024-11-28T23:00:00.000Z' };

describe('review reasons', () => {
  it('has none for a fresh grant with evidence under the current notice', () => {
    expect(reviewReasonsFor({ event: base, grantChannel: 'sign_up_form' }, context)).toEqual([]);
  });
  it('flags a self-given event without evidence, but not one staff recorded with a note', () => {
    expect(reviewReasonsFor({ event: { ...base, evidence: null }, grantChannel: null }, context)).toEqual(['no_evidence']);
    // A withdrawal never needs evidence.
    expect(reviewReasonsFor({ event: { ...base, action: 'withdrawn', evidence: null }, grantChannel: 'email_link' }, context)).toEqual([]);
    const staff = { ...base, evidence: null, recordedBy: { kind: 'staff' as const, userId: 'u', name: 'Sam' }, note: 'Asked in chat' };
    expect(reviewReasonsFor({ event: staff, grantChannel: null }, context)).toEqual([]);
  });
  it('flags a grant under a replaced notice, not a withdrawal under one, nor a purpose without a notice', () => {
    const old = { ...base, noticeHash: 'a'.repeat(64) };
    expect(reviewReasonsFor({ event: old, grantChannel: null }, context)).toEqual(['outdated_notice']);
    expect(reviewReasonsFor({ event: { ...old, action: 'withdrawn' }, grantChannel: null }, context)).toEqual([]);
    expect(reviewReasonsFor({ event: { ...old, purpose: 'analytics_cookies' }, grantChannel: null }, context)).toEqual([]);
  });
  it('flags marketing consent older than 24 calendar months only', () => {
    const stale = { ...base, occurredAt: '2024-11-28T22:59:59.999Z' };
    expect(reviewReasonsFor({ event: stale, grantChannel: null }, context)).toEqual(['stale_marketing']);
    expect(reviewReasonsFor({ event: { ...stale, occurredAt: '2024-11-28T23:00:00.000Z' }, grantChannel: null }, context)).toEqual([]);
    expect(
      reviewReasonsFor({ event: { ...stale, purpose: 'product_research' }, grantChannel: null }, { ...context, latestNotice: {} }),
    ).toEqual([]);
  });
  it('flags a withdrawal that took more effort than the grant', () => {
    const withdrawal = { ...base, action: 'withdrawn' as const, channel: 'call' as const };
    expect(reviewReasonsFor({ event: withdrawal, grantChannel: 'cookie_banner' }, context)).toEqual(['harder_withdrawal']);
    expect(reviewReasonsFor({ event: withdrawal, grantChannel: 'sales' }, context)).toEqual([]);
    expect(reviewReasonsFor({ event: { ...withdrawal, channel: 'email_link' }, grantChannel: 'sign_up_form' }, context)).toEqual([]);
    expect(reviewReasonsFor({ event: withdrawal, grantChannel: null }, context)).toEqual([]);
  });
  it('draws the stale line at the start of the day 24 calendar months back, in the company time zone', () => {
    // Belgrade is UTC+1 in winter: the local day starts at 23:00 UTC the day before.
    expect(staleMarketingBefore(new Date('2026-11-29T10:00:00.000Z'), 'Europe/Belgrade')).toBe('2024-11-28T23:00:00.000Z');
    // Just after local midnight the line moves a day on.
    expect(staleMarketingBefore(new Date('2026-11-29T23:30:00.000Z'), 'Europe/Belgrade')).toBe('2024-11-29T23:00:00.000Z');
    // Summer time (UTC+2).
    expect(staleMarketingBefore(new Date('2026-07-15T12:00:00.000Z'), 'Europe/Belgrade')).toBe('2024-07-14T22:00:00.000Z');
  });
});
