import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '@/api/contract/consent';
import { foldConsent, maskEmail, wasLawfulAt } from './consent';

let n = 0;
function ev(purpose: ConsentEvent['purpose'], action: ConsentEvent['action'], occurredAt: string): ConsentEvent {
  n += 1;
  return {
    id: `ce_${n}`,
    subjectId: 'sub_1',
    accountId: null,
    email: null,
    purpose,
    action,
    occurredAt,
    recordedAt: occurredAt,
    channel: 'account_settings',
    noticeVersion: 'v1',
    noticeHash: 'h',
    evidence: null,
    recordedBy: { kind: 'subject' },
    note: null,
  };
}

describe('foldConsent', () => {
  it('answers never asked for a purpose without events', () => {
    const s = foldConsent([]).find((x) => x.purpose === 'customer_story')!;
    expect(s).toEqual({ purpose: 'customer_story', state: 'never_asked', since: null, periods: [] });
  });
  it('folds grant, withdrawal and re-grant into periods, in time order whatever the input order', () => {
    const events = [
      ev('marketing_emails', 'granted', '2026-05-01T00:00:00.000Z'),
      ev('marketing_emails', 'withdrawn', '2026-02-01T00:00:00.000Z'),
      ev('marketing_emails', 'granted', '2026-01-01T00:00:00.000Z'),
    ];
    const s = foldConsent(events).find((x) => x.purpose === 'marketing_emails')!;
    expect(s.state).toBe('granted');
    expect(s.since).toBe('2026-05-01T00:00:00.000Z');
    expect(s.periods).toEqual([
      { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
      { from: '2026-05-01T00:00:00.000Z', to: null },
    ]);
  });
  it('keeps processing before a withdrawal lawful and after it unlawful (policy 5.2)', () => {
    const states = foldConsent([
      ev('call_recording', 'granted', '2026-01-01T00:00:00.000Z'),
      ev('call_recording', 'withdrawn', '2026-03-01T00:00:00.000Z'),
    ]);
    expect(wasLawfulAt(states, 'call_recording', '2026-02-15T00:00:00.000Z')).toBe(true);
    expect(wasLawfulAt(states, 'call_recording', '2026-03-01T00:00:00.000Z')).toBe(false);
    expect(wasLawfulAt(states, 'call_recording', '2025-12-31T00:00:00.000Z')).toBe(false);
  });
  it('treats a repeated grant as one period and a withdrawal without a grant as withdrawn', () => {
    const states = foldConsent([
      ev('analytics_cookies', 'granted', '2026-01-01T00:00:00.000Z'),
      ev('analytics_cookies', 'granted', '2026-02-01T00:00:00.000Z'),
      ev('product_research', 'withdrawn', '2026-02-01T00:00:00.000Z'),
    ]);
    const analytics = states.find((x) => x.purpose === 'analytics_cookies')!;
    expect(analytics.periods).toHaveLength(1);
    expect(analytics.since).toBe('2026-01-01T00:00:00.000Z');
    expect(states.find((x) => x.purpose === 'product_research')).toMatchObject({ state: 'withdrawn', periods: [] });
  });
});

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskEmail('broken')).toBe('***');
  });
});
