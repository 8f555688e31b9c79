import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AccountDetail } from '@/api/contract/accounts';
import { ActionButton } from '@/components/ui/action-button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useOffers } from '@/lib/actions';
import { callApi } from '@/lib/api-client';
import { toasts } from '@/lib/toast';
import { accountKeys } from '@/features/accounts/api/account-queries';

/**
 * An officer records a cancellation the billing system reported: the 30 days of policy 5.7 start now.
 * Drawn from the account's `actions.cancel`: none for a role without the permission, disabled with the
 * reason for an account already cancelled.
 */
export function CancelAccount({ detail }: { detail: AccountDetail }) {
  const { account } = detail;
  const cancelOffer = useOffers('account', detail.actions)('cancel');
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const cancel = useMutation({
    mutationFn: () => callApi('cancelAccount', { params: { id: account.id }, body: {} }),
    onSuccess: async ({ deletionRequest }) => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
      toasts.show(`${account.name} is cancelled; its data is due for deletion within 30 days.`, 'success');
      await navigate(`/deletions/${deletionRequest.id}`);
    },
    onError: () => setOpen(false),
  });
  if (!cancelOffer) return null;
  return (
    <>
      <ActionButton variant="secondary" refusal={cancelOffer.refusal} onClick={() => setOpen(true)}>
        Record cancellation
      </ActionButton>
      <ConfirmDialog
        open={open}
        title={`Record the cancellation of ${account.name}?`}
        confirmLabel="Record cancellation"
        busy={cancel.isPending}
        onConfirm={() => cancel.mutate()}
        onCancel={() => setOpen(false)}
      >
        <p>
          The account is marked cancelled now and a deletion request opens for it: all of its data must be deleted within 30 days (policy
          5.7). A second privacy officer approves the deletion.
        </p>
      </ConfirmDialog>
    </>
  );
}
