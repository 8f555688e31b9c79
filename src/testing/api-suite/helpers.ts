import { expect } from 'vitest';
import type { z } from 'zod';
import { errorBody } from '@/api/contract/common';
import type { DeletionRequest } from '@/api/contract/deletions';
import type { processorInput } from '@/api/contract/processors';
import { makeCtx } from '@/api/services/context';
import { sweepBackupRollOffs } from '@/api/services/deletion-connectors';
import type { Harness } from '@/testing/harness';

/** A processor as an officer proposes it, for the tests that create one. */
export const newProcessor: z.input<typeof processorInput> = {
  kind: 'processor',
  name: 'Acme Transcripts',
  legalEntity: 'Acme Transcripts Ltd',
  category: 'other',
  description: 'Transcribes recorded sales calls.',
  dataCategories: ['call_recordings', 'name'],
  dataSubjects: ['customers'],
  purposes: [{ purpose: 'Transcribing sales calls', legalBasis: 'consent', consentPurpose: 'call_recording' }],
  locations: [{ country: 'US', transferMechanism: 'scc' }],
  dpa: { status: 'signed', signedOn: '2026-11-01', reference: 'DPA-77', nextReview: '2027-11-01' },
  privacyPolicyUrl: 'https://acme.example/privacy',
  retention: { amount: 14, unit: 'days', trigger: 'recording', note: '' },
  owner: 'Olivia Officer',
  lastReviewedOn: '2026-11-01',
  reviewCycleMonths: 12,
};

/** The answer is a refusal with `status` in the contract's error shape, naming `field` when given. */
export function expectError(res: { status: number; json?: unknown; error?: unknown }, status: number, field?: string) {
  expect(res.status).toBe(status);
  const parsed = errorBody.parse('error' in res && res.error !== undefined ? { error: res.error } : res.json);
  if (field) expect(parsed.error.fields?.[field]).toBeTruthy();
  return parsed;
}

/**
 * The scheduled sweep on the day the request's offsite backup rolls off (the clock of its context moved
 * there, the harness's left alone so later areas keep their day): its backup task resolves itself. Answers
 * the request as stored then.
 */
export async function rollOffBackup(h: Harness, request: DeletionRequest): Promise<DeletionRequest> {
  const backup = request.tasks.find((t) => t.kind === 'backup' && t.rollOffOn);
  if (!backup?.rollOffOn) throw new Error('The request has no backup task');
  await sweepBackupRollOffs({ ...makeCtx(h.deps), now: new Date(`${backup.rollOffOn}T12:00:00.000Z`) });
  const stored = await h.store.transaction((tx) => tx.deletions.get(request.id));
  if (!stored) throw new Error('The request is gone');
  return stored;
}

/**
 * A list answer whose every item has exactly its list-item schema's keys and none of the record's heavy parts
 * (issue 21: a list answers what it shows). Answers how many items there were.
 */
export function expectListItems(json: unknown, shape: object, heavy: readonly string[]): number {
  const items = (json as { items: Record<string, unknown>[] }).items;
  for (const item of items) {
    expect(Object.keys(item).sort()).toEqual(Object.keys(shape).sort());
    for (const key of heavy) expect(item).not.toHaveProperty(key);
  }
  return items.length;
}
