import type { RevealEmail } from '@/api/contract/consent';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsentPurpose, RecordConsent, ReviewGroupInput } from '@/api/contract/consent';
import { consentPurposeLabels } from '@/api/contract/consent';
import { callApi } from '@/lib/api-client';
import { toasts } from '@/lib/toast';
import { consentKeys } from './consent-queries';

function recordedMessage(action: RecordConsent['action'], purpose: ConsentPurpose): string {
  const what = consentPurposeLabels[purpose];
  return action === 'withdrawn' ? `Withdrawal of “${what}” recorded.` : `Grant of “${what}” recorded.`;
}

/** A grant or withdrawal on a person's behalf. Errors stay with the form (field messages), not in a toast. */
export function useRecordConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordConsent) => callApi('recordConsent', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: async (event) => {
      toasts.show(recordedMessage(event.action, event.purpose), 'success');
      // The person's states and timeline, the ledger, the review queue and the monthly figures all change.
      await queryClient.invalidateQueries({ queryKey: consentKeys.all });
    },
  });
}

/** Shows one person's email in clear; the API writes an audit event for every reveal. */
export function useRevealEmail(subjectId: string) {
  return useMutation({
    mutationFn: (body: RevealEmail) => callApi('revealSubjectEmail', { params: { id: subjectId }, body }),
    meta: { errorHandling: 'local' },
  });
}

export function useMarkReviewed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, note }: { eventId: string; note: string }) =>
      callApi('markConsentReviewed', { params: { id: eventId }, body: { note } }),
    meta: { errorHandling: 'local' },
    onSuccess: async () => {
      toasts.show('Marked as reviewed.', 'success');
      await queryClient.invalidateQueries({ queryKey: consentKeys.reviews() });
    },
    onError: async () => {
      // A 409 means someone else got there first (or a newer event replaced it): show the queue as it is now.
      await queryClient.invalidateQueries({ queryKey: consentKeys.reviews() });
    },
  });
}

/** Marks a whole group reviewed with one note; the count the officer confirmed travels with it. */
export function useReviewGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewGroupInput) => callApi('reviewGroup', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: async (result) => {
      toasts.show(
        `Marked ${result.reviewed} reviewed${result.skipped ? `; ${result.skipped} had left the group and were skipped` : ''}.`,
        'success',
      );
      await queryClient.invalidateQueries({ queryKey: consentKeys.reviews() });
    },
    onError: async () => {
      // A 409 means the group's count changed: show the groups as they are now.
      await queryClient.invalidateQueries({ queryKey: consentKeys.reviews() });
    },
  });
}
