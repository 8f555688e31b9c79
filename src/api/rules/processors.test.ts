import { describe, expect, it } from 'vitest';
import type { Processor } from '@/api/contract/processors';
import { attentionFor, nextReviewOn, statusChangeBlocker } from './processors';

const p: Processor = {
  id: 'prc_x',
  version: 1,
  kind: 'processor',
  name: 'X',
  legalEntity: 'X Inc',
  category: 'payments',
  description: 'd',
  dataCategories: ['payment_details'],
  dataSubjects: ['customers'],
  purposes: [{ purpose: 'Billing', legalBasis: 'contract', consentPurpose: null }],
  locations: [{ country: 'US', transferMechanism: null }],
  dpfParticipant: 'Stripe, Inc.',
  dpa: { status: 'signed', signedOn: '2025-01-01', reference: 'D-1', nextReview: null },
  privacyPolicyUrl: null,
  retention: { amount: 7, unit: 'years', trigger: 'collection', note: '' },
  owner: 'O',
  lastReviewedOn: '2026-01-01',
  reviewCycleMonths: 12,
  status: 'active',
  noticeEndsAt: null,
  connector: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('needs attention', () => {
  it('flags nothing on a complete, reviewed record', () => {
    expect(attentionFor(p, '2026-11-29')).toEqual([]);
    expect(nextReviewOn(p)).toBe('2027-01-01');
  });
  it('flags each reason with a message', () => {
    const bad: Processor = {
      ...p,
      lastReviewedOn: '2025-06-01',
      dpa: { ...p.dpa, status: 'pending' },
      locations: [{ country: 'RS', transferMechanism: null }],
      retention: null,
    };
    const reasons = attentionFor(bad, '2026-11-29').map((a) => a.reason);
    expect(reasons).toEqual(['review_overdue', 'no_signed_dpa', 'transfer_without_mechanism', 'retention_missing']);
  });
  it('asks for a DPA renewal from 60 days before it expires, and says when it has', () => {
    const expiring = (expiresOn: string) => attentionFor({ ...p, dpa: { ...p.dpa, expiresOn } }, '2026-11-29');
    // 61 days before: nothing yet; 60 days before: flagged; on the last day (0 days): still "expires".
    expect(expiring('2027-01-29')).toEqual([]);
    expect(expiring('2027-01-28')).toEqual([{ reason: 'dpa_expiring', message: 'DPA expires on Jan 28, 2027' }]);
    expect(expiring('2026-11-29')).toEqual([{ reason: 'dpa_expiring', message: 'DPA expires on Nov 29, 2026' }]);
    expect(expiring('2026-11-28')).toEqual([{ reason: 'dpa_expiring', message: 'DPA expired on Nov 28, 2026' }]);
  });
  it('does not ask our own locations for a DPA, and ignores retired processors', () => {
    expect(attentionFor({ ...p, kind: 'own_location', dpa: { ...p.dpa, status: 'none' } }, '2026-11-29')).toEqual([]);
    expect(attentionFor({ ...p, status: 'retired', retention: null }, '2026-11-29')).toEqual([]);
  });
});

describe('status changes', () => {
  const proposed: Processor = { ...p, status: 'proposed', noticeEndsAt: '2026-12-29T10:00:00.000Z' };
  it('keeps a proposed processor waiting out its notice period', () => {
    expect(statusChangeBlocker(proposed, 'active', new Date('2026-12-01T00:00:00Z'))?.reason).toMatch(/ends on Dec 29, 2026;/);
    expect(statusChangeBlocker(proposed, 'active', new Date('2026-12-29T10:00:00Z'))).toBeNull();
  });
  it('never brings back a retired processor or goes back to proposed', () => {
    expect(statusChangeBlocker({ ...p, status: 'retired' }, 'active', new Date())?.reason).toMatch(/retired/);
    expect(statusChangeBlocker(p, 'proposed', new Date())?.reason).toMatch(/proposed/);
  });
});
