import type { ConsentReviewItem } from '@/api/contract/consent';
import { consentPurposeLabels, markReviewed, reviewReasonLabels } from '@/api/contract/consent';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { isApiError } from '@/lib/api-client';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { useMarkReviewed } from '@/features/consents/api/consent-mutations';

type MarkReviewedDialogProps = { item: ConsentReviewItem | null; onClose: () => void };

const labels = { note: 'Review note' };
const labelOf = fieldLabels(labels);

/**
 * An officer's note on a queued event. Held by the page, not the row, so that a 409 (another officer got
 * there first) stays on screen while the queue refreshes underneath and the row leaves it.
 */
export function MarkReviewedDialog({ item, onClose }: MarkReviewedDialogProps) {
  const mutation = useMarkReviewed();
  const form = useContractForm({
    schema: markReviewed,
    defaultValues: { note: '' },
    draft: item ? item.event.id : false,
    onSubmit: async ({ note }) => {
      if (!item) return;
      await mutation.mutateAsync({ eventId: item.event.id, note });
      close();
    },
  });
  const conflict = isApiError(mutation.error, 409);
  const close = () => {
    form.reset();
    mutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={item !== null}
      title="Mark this event reviewed"
      confirmLabel={conflict ? 'Close' : 'Mark reviewed'}
      tone="primary"
      busy={mutation.isPending}
      onCancel={close}
      onConfirm={() => (conflict ? close() : void form.submit())}
    >
      {item ? (
        <div className="space-y-3">
          <p>
            {consentPurposeLabels[item.event.purpose]}: {item.reasons.map((r) => reviewReasonLabels[r]).join('; ')}. Your note is kept with
            the event and in the audit log.
          </p>
          {conflict ? (
            <Alert title="Already dealt with">
              {isApiError(mutation.error) ? mutation.error.message : null}. The queue has been refreshed.
            </Alert>
          ) : (
            <>
              <FormErrors {...form.summary} labelOf={labelOf} />
              <TextAreaField
                {...form.register('note')}
                label={labels.note}
                hint="Required: what you found or did"
                error={form.summary.errors.note}
              />
            </>
          )}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
