import { useState } from 'react';
import type { ConsentReviewItem } from '@/api/contract/consent';
import { consentPurposeLabels, markReviewed, reviewReasonLabels } from '@/api/contract/consent';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { issuesToErrors, serverFieldErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { isApiError } from '@/lib/api-client';
import { useMarkReviewed } from '@/features/consents/api/consent-mutations';

type MarkReviewedDialogProps = { item: ConsentReviewItem | null; onClose: () => void };

/**
 * An officer's note on a queued event. Held by the page, not the row, so that a 409 (another officer got
 * there first) stays on screen while the queue refreshes underneath and the row leaves it.
 */
export function MarkReviewedDialog({ item, onClose }: MarkReviewedDialogProps) {
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const mutation = useMarkReviewed();
  const conflict = isApiError(mutation.error, 409);
  const close = () => {
    setNote('');
    setNoteError(undefined);
    mutation.reset();
    onClose();
  };
  const confirm = () => {
    if (!item) return;
    if (conflict) {
      close();
      return;
    }
    const parsed = markReviewed.safeParse({ note });
    if (!parsed.success) {
      setNoteError(issuesToErrors(parsed.error).note);
      return;
    }
    mutation.mutate({ eventId: item.event.id, note: parsed.data.note }, { onSuccess: close });
  };
  const fieldError = noteError ?? serverFieldErrors(mutation.error).note;
  return (
    <ConfirmDialog
      open={item !== null}
      title="Mark this event reviewed"
      confirmLabel={conflict ? 'Close' : 'Mark reviewed'}
      tone="primary"
      busy={mutation.isPending}
      onCancel={close}
      onConfirm={confirm}
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
          ) : mutation.error && !fieldError ? (
            <Alert>{isApiError(mutation.error) ? mutation.error.message : 'Saving failed. Please try again.'}</Alert>
          ) : null}
          {conflict ? null : (
            <TextAreaField
              label="Review note"
              hint="Required: what you found or did"
              value={note}
              error={fieldError}
              onChange={(event) => {
                setNote(event.target.value);
                setNoteError(undefined);
              }}
            />
          )}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
