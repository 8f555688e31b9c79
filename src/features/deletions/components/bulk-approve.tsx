import { useState } from 'react';
import type { BulkApproveResult, DeletionRequest } from '@/api/contract/deletions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/fields';
import { isApiError } from '@/lib/api-client';
import { useBulkApprove } from '@/features/deletions/api/deletion-mutations';

type Outcome = { accountName: string; ok: boolean; error: string | null };

/** Each selected request is confirmed by typing its own account name, and succeeds or fails on its own. */
export function BulkApprove({
  selected,
  onDone,
}: {
  selected: readonly DeletionRequest[];
  onDone: (approvedIds: readonly string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [outcomes, setOutcomes] = useState<readonly Outcome[] | null>(null);
  const mutation = useBulkApprove();

  const names = new Map(selected.map((r) => [r.id, r.accountName]));
  const confirm = () =>
    mutation.mutate(
      { items: selected.map((r) => ({ id: r.id, version: r.version, confirmAccountName: typed[r.id] ?? '' })) },
      {
        onSuccess: (result: BulkApproveResult) => {
          setOutcomes(result.results.map((r) => ({ accountName: names.get(r.id) ?? r.id, ok: r.ok, error: r.error })));
          setOpen(false);
          setTyped({});
          onDone(result.results.filter((r) => r.ok).map((r) => r.id));
        },
      },
    );
  const approved = outcomes?.filter((o) => o.ok) ?? [];
  const failed = outcomes?.filter((o) => !o.ok) ?? [];

  return (
    <div className="space-y-3">
      <Button
        variant="danger"
        disabled={selected.length === 0}
        onClick={() => {
          setOutcomes(null);
          mutation.reset();
          setOpen(true);
        }}
      >
        Approve selected ({selected.length})
      </Button>
      {outcomes ? (
        <section aria-label="Approval results" className="space-y-2">
          {approved.length > 0 ? (
            <Alert tone="info" title={`Approved ${approved.length}`}>
              <ul className="list-disc pl-5">
                {approved.map((o) => (
                  <li key={o.accountName}>{o.accountName}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {failed.length > 0 ? (
            <Alert title={`Not approved: ${failed.length}`}>
              <ul className="list-disc pl-5">
                {failed.map((o) => (
                  <li key={o.accountName}>
                    {o.accountName}: {o.error ?? 'Refused'}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
        </section>
      ) : null}
      <ConfirmDialog
        open={open}
        title={`Approve ${selected.length} deletion(s)?`}
        confirmLabel="Approve these deletions"
        busy={mutation.isPending}
        onCancel={() => {
          setOpen(false);
          mutation.reset();
        }}
        onConfirm={confirm}
      >
        <div className="space-y-3">
          <p>
            Each account's data is deleted from every system that holds it. Type each account's name to confirm it; a wrong name leaves that
            one unapproved.
          </p>
          {mutation.error ? (
            <Alert>{isApiError(mutation.error) ? mutation.error.message : 'Approving failed. Please try again.'}</Alert>
          ) : null}
          <ul className="max-h-80 space-y-3 overflow-y-auto">
            {selected.map((request) => (
              <li key={request.id}>
                <TextField
                  label={`Type “${request.accountName}” to approve it`}
                  autoComplete="off"
                  value={typed[request.id] ?? ''}
                  onChange={(event) => setTyped((current) => ({ ...current, [request.id]: event.target.value }))}
                />
              </li>
            ))}
          </ul>
        </div>
      </ConfirmDialog>
    </div>
  );
}
