import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  attachCredentials,
  CreateSupportAccess,
  decisionReason,
  recordCustomerConsent,
  SupportAccessRequestView,
} from '@/api/contract/support-access';
import { callApi } from '@/lib/api-client';
import { toasts } from '@/lib/toast';
import { supportAccessKeys } from './support-access-queries';

export type AccessActionInput =
  | { action: 'consent'; body: z.input<typeof recordCustomerConsent> }
  | { action: 'credentials'; body: z.input<typeof attachCredentials> }
  | { action: 'deny' | 'revoke' | 'withdraw-consent'; body: z.input<typeof decisionReason> }
  | { action: 'approve' | 'cancel' | 'confirm-consent' | 'consent-link' };

const successMessages: Record<AccessActionInput['action'], string> = {
  consent: 'Customer consent recorded.',
  credentials: 'Login details stored, encrypted.',
  approve: 'Access approved. The grant has started.',
  deny: 'Request denied.',
  revoke: 'Access revoked. The stored login details are destroyed.',
  'withdraw-consent': 'Consent withdrawal recorded. Access has ended.',
  cancel: 'Request cancelled.',
  'confirm-consent': 'Consent confirmed. Another officer can now decide.',
  'consent-link': 'A new consent link is ready; the old one no longer works.',
};

function send(id: string, version: number, input: AccessActionInput): Promise<SupportAccessRequestView> {
  const params = { id };
  switch (input.action) {
    case 'consent':
      return callApi('supportAccessConsent', { params, version, body: input.body });
    case 'credentials':
      return callApi('supportAccessCredentials', { params, version, body: input.body });
    case 'approve':
      return callApi('supportAccessApprove', { params, version });
    case 'cancel':
      return callApi('supportAccessCancel', { params, version });
    case 'confirm-consent':
      return callApi('supportAccessConfirmConsent', { params, version });
    case 'consent-link':
      return callApi('supportAccessIssueLink', { params, version });
    case 'deny':
      return callApi('supportAccessDeny', { params, version, body: input.body });
    case 'revoke':
      return callApi('supportAccessRevoke', { params, version, body: input.body });
    case 'withdraw-consent':
      return callApi('supportAccessWithdraw', { params, version, body: input.body });
  }
}

/**
 * One action on one request, sent with the version the viewer saw. Each form holds its own mutation, so
 * its errors (field messages, "changed since you loaded it") stay next to it rather than in a toast.
 */
export function useAccessAction(request: Pick<SupportAccessRequestView, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AccessActionInput) => send(request.id, request.version, input),
    meta: { errorHandling: 'local' },
    onSuccess: async (updated, input) => {
      queryClient.setQueryData(supportAccessKeys.detail(updated.id), updated);
      toasts.show(successMessages[input.action], 'success');
      await queryClient.invalidateQueries({ queryKey: supportAccessKeys.all });
    },
  });
}

export function useCreateAccessRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSupportAccess) => callApi('createSupportAccess', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: async (created) => {
      queryClient.setQueryData(supportAccessKeys.detail(created.id), created);
      toasts.show(
        `Access to ${created.accountName} requested. Send the consent link to ${created.consentOwner?.personName ?? 'the owner'}.`,
        'success',
      );
      await queryClient.invalidateQueries({ queryKey: supportAccessKeys.lists() });
    },
  });
}

/** The secret is kept only in the component that shows it, never in the query cache. */
export function useRevealCredentials(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callApi('supportAccessReveal', { params: { id } }),
    meta: { errorHandling: 'local' },
    // A refusal usually means the grant ended meanwhile: the page should learn that from the server.
    onError: () => queryClient.invalidateQueries({ queryKey: supportAccessKeys.detail(id) }),
  });
}
