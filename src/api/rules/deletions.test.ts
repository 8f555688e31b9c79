import { describe, expect, it } from 'vitest';
import type { DeletionTask } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import { canTransition, completionBlocker, deletionTasksFor } from './deletions';

const base: Processor = {
  id: 'prc_x',
  version: 1,
  kind: 'processor',
  name: 'Stripe',
  legalEntity: 'Stripe',
  category: 'payments',
  description: 'd',
  dataCategories: ['payment_details', 'name'],
  dataSubjects: ['customers', 'billing_representatives'],
  purposes: [{ purpose: 'Billing', legalBasis: 'contract', consentPurpose: null }],
  locations: [{ country: 'US', transferMechanism: null }],
  dpfParticipant: 'Stripe, Inc.',
  dpa: { status: 'signed', signedOn: null, reference: null, nextReview: null },
  privacyPolicyUrl: null,
  retention: null,
  owner: 'O',
  lastReviewedOn: null,
  reviewCycleMonths: 12,
  status: 'active',
  noticeEndsAt: null,
  connector: null,
  createdAt: '',
  updatedAt: '',
};
let n = 0;
const newId = () => `task_${++n}`;

describe('deletion tasks', () => {
  it('makes one task per system holding account data, with the backup roll-off date', () => {
    const processors: Processor[] = [
      base,
      {
        ...base,
        id: 'prc_ga',
        name: 'Google Analytics',
        dataCategories: ['cookie_identifiers', 'usage_data'],
        dataSubjects: ['website_visitors'],
      },
      { ...base, id: 'prc_new', name: 'Proposed', status: 'proposed' },
      { ...base, id: 'loc_us', name: 'Primary storage (USA)', kind: 'own_location', category: 'hosting' },
      {
        ...base,
        id: 'loc_fr',
        name: 'Offsite backup (France)',
        kind: 'own_location',
        category: 'backup',
        retention: { amount: 30, unit: 'days', trigger: 'backup_taken', note: '' },
      },
    ];
    const tasks = deletionTasksFor(processors, '2026-11-29', newId);
    expect(tasks.map((t) => [t.systemName, t.kind])).toEqual([
      ['Stripe', 'processor'],
      ['Primary storage (USA)', 'storage'],
      ['Offsite backup (France)', 'backup'],
    ]);
    expect(tasks[2]?.rollOffOn).toBe('2026-12-29');
    expect(tasks.every((t) => t.outcome === null)).toBe(true);
  });
});

describe('completion', () => {
  const task = (outcome: DeletionTask['outcome'], systemName = 'Stripe'): DeletionTask => ({
    id: 't',
    systemId: 'prc_x',
    systemName,
    kind: 'processor',
    outcome,
    resolvedBy: null,
    resolvedAt: null,
    reference: null,
    notifiedAt: null,
    rollOffOn: null,
    connector: null,
  });
  it('refuses while tasks are open, and for requests not approved', () => {
    expect(completionBlocker({ status: 'in_progress', tasks: [task(null)], holds: [] })).toMatch(/not resolved: Stripe/);
    expect(completionBlocker({ status: 'pending_review', tasks: [], holds: [] })).toMatch(/pending review/);
    expect(completionBlocker({ status: 'completed', tasks: [], holds: [] })).toMatch(/completed/);
  });
  it('needs a legal hold for anything retained', () => {
    expect(completionBlocker({ status: 'in_progress', tasks: [task('retained_under_hold')], holds: [] })).toMatch(/no legal hold/);
    const hold = { id: 'h', system: 'Stripe', data: 'Billing', legalReason: 'Tax', until: '2033-01-01', createdBy: 'u', createdAt: '' };
    expect(
      completionBlocker({ status: 'in_progress', tasks: [task('retained_under_hold'), task('deleted', 'Zoom')], holds: [hold] }),
    ).toBeNull();
  });
  it('moves only forward', () => {
    expect(canTransition('pending_review', 'approved')).toBe(true);
    expect(canTransition('completed', 'approved')).toBe(false);
    expect(canTransition('rejected', 'in_progress')).toBe(false);
  });
});
