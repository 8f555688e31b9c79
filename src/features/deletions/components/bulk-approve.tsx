import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import type { BulkApproveResult, DeletionListItem } from '@/api/contract/deletions';
import { bulkApproveDeletions } from '@/api/contract/deletions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { useContractForm } from '@/lib/contract-form';
import { useBulkApprove } from '@/features/deletions/api/deletion-mutations';

type Outcome = { accountName: string; ok: boolean; error: string | null };

/** Each selected request is confirmed by typing its own account name, and succeeds or fails on its own. */
export function BulkApprove({
  selected,
  onDone,
}: {
  selected: readonly DeletionListItem[];
  onDone: (approvedIds: readonly string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const [outcomes, setOutcomes] = useState<readonly Outcome[] | null>(null);
  const mutation = useBulkApprove();
  // The selection when the dialog opened: what the officer confirms, name by name.
  const [confirming, setConfirming] = useState<readonly DeletionListItem[]>([]);
  const form = useContractForm({
    schema: bulkApproveDeletions,
    defaultValues: { items: [] },
    onSubmit: async (body) => {
      const result: BulkApproveResult = await mutation.mutateAsync(body);
      const names = new Map(confirming.map((r) => [r.id, r.accountName]));
      setOutcomes(result.results.map((r) => ({ accountName: names.get(r.id) ?? r.id, ok: r.ok, error: r.error })));
      setOpen(false);
      onDone(result.results.filter((r) => r.ok).map((r) => r.id));
    },
  });
  const items = useFieldArray({ control: form.control, name: 'items' });
  const nameLabel = (request: DeletionListItem | undefined) => (request ? `Type “${request.accountName}” to approve it` : undefined);
  const labelOf = (path: string) => {
    const row = /^items\.(\d+)\.confirmAccountName$/.exec(path)?.[1];
    return row === undefined ? undefined : nameLabel(confirming[Number(row)]);
  };
  const start = () => {
    setOutcomes(null);
    mutation.reset();
    form.clearFailure();
    setConfirming(selected);
    form.reset({ items: selected.map((r) => ({ id: r.id, version: r.version, confirmAccountName: '' })) });
    setOpen(true);
  };
  const approved = outcomes?.filter((o) => o.ok) ?? [];
  const failed = outcomes?.filter((o) => !o.ok) ?? [];

  return (
    <div className="space-y-3">
      <Button variant="danger" disabled={selected.length === 0} onClick={start}>
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
        title={`Approve ${confirming.length} deletion(s)?`}
        confirmLabel="Approve these deletions"
        busy={mutation.isPending}
        onCancel={() => {
          setOpen(false);
          mutation.reset();
        }}
        onConfirm={() => void form.submit()}
      >
        <div className="space-y-3">
          <p>
            Each account's data is deleted from every system that holds it. Type each account's name to confirm it; a wrong name leaves that
            one unapproved.
          </p>
          <FormErrors {...form.summary} labelOf={labelOf} />
          <ul className="max-h-80 space-y-3 overflow-y-auto">
            {items.fields.map((row, index) => (
              <li key={row.id}>
                <TextField
                  {...form.register(`items.${index}.confirmAccountName`)}
                  label={nameLabel(confirming[index]) ?? row.id}
                  autoComplete="off"
                  error={form.summary.errors[`items.${index}.confirmAccountName`]}
                />
              </li>
            ))}
          </ul>
        </div>
      </ConfirmDialog>
    </div>
  );
}
