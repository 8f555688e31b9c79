import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ProcessorView } from '@/api/contract/processors';
import { Alert } from '@/components/ui/alert';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { buttonVariants } from '@/components/ui/classes';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useOffers } from '@/lib/actions';
import { isApiError } from '@/lib/api-client';
import { toasts } from '@/lib/toast';
import { useUpdateProcessor } from '@/features/processors/api/processor-mutations';
import { processorKeys } from '@/features/processors/api/processor-queries';

/**
 * Edit, activate and retire, as the processor's `actions` answer them: a role without the permission sees
 * none, and a refused one (the customer notice still running, a retired processor) is disabled with the reason.
 */
export function ProcessorActions({ processor }: { processor: ProcessorView }) {
  const queryClient = useQueryClient();
  const update = useUpdateProcessor(processor.id);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const offer = useOffers('processor', processor.actions);
  const edit = offer('edit');
  const activate = offer('activate');
  const retire = offer('retire');
  if (!edit && !activate && !retire) return null;

  const changeStatus = (status: 'active' | 'retired') =>
    update.mutate(
      { body: { status }, version: processor.version },
      {
        onSuccess: (saved) => {
          setConfirmRetire(false);
          toasts.show(status === 'active' ? `${saved.name} is active.` : `${saved.name} is retired.`, 'success');
        },
        onError: () => setConfirmRetire(false),
      },
    );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-2">
        {edit ? (
          edit.refusal === null ? (
            <Link to={`/processors/${processor.id}/edit`} className={buttonVariants.secondary}>
              Edit
            </Link>
          ) : (
            <ActionButton refusal={edit.refusal}>Edit</ActionButton>
          )
        ) : null}
        {activate ? (
          <ActionButton variant="primary" refusal={activate.refusal} disabled={update.isPending} onClick={() => changeStatus('active')}>
            Activate
          </ActionButton>
        ) : null}
        {retire ? (
          <ActionButton variant="danger" refusal={retire.refusal} disabled={update.isPending} onClick={() => setConfirmRetire(true)}>
            Retire
          </ActionButton>
        ) : null}
      </div>
      {isApiError(update.error, 412) ? (
        <Alert title="This processor has changed since you loaded it">
          <p>Someone else saved it meanwhile. Load the newer version and try again.</p>
          <Button
            className="mt-2"
            onClick={() => {
              update.reset();
              void queryClient.invalidateQueries({ queryKey: processorKeys.all });
            }}
          >
            Load the newer version
          </Button>
        </Alert>
      ) : update.error ? (
        <Alert title="Could not change the status">
          <p>{update.error.message}</p>
        </Alert>
      ) : null}
      <ConfirmDialog
        open={confirmRetire}
        title={`Retire ${processor.name}?`}
        confirmLabel="Retire"
        busy={update.isPending}
        onConfirm={() => changeStatus('retired')}
        onCancel={() => setConfirmRetire(false)}
      >
        <p>A retired processor is final: it cannot be made active again, only added anew. It leaves the public list of sub-processors.</p>
      </ConfirmDialog>
    </div>
  );
}
