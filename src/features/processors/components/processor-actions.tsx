import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ProcessorView } from '@/api/contract/processors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonVariants } from '@/components/ui/classes';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { isApiError } from '@/lib/api-client';
import { describeDeadline, formatDateTime } from '@/lib/format';
import { toasts } from '@/lib/toast';
import { useUpdateProcessor } from '@/features/processors/api/processor-mutations';
import { processorKeys } from '@/features/processors/api/processor-queries';

/** The officer's actions on one processor: edit, activate once the notice has run out, retire. */
export function ProcessorActions({ processor, now }: { processor: ProcessorView; now: Date }) {
  const queryClient = useQueryClient();
  const update = useUpdateProcessor(processor.id);
  const [confirmRetire, setConfirmRetire] = useState(false);
  if (processor.status === 'retired') return null;

  const noticeRunning = processor.noticeEndsAt !== null && new Date(processor.noticeEndsAt).getTime() > now.getTime();
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
      <div className="flex flex-wrap items-center gap-2">
        <Link to={`/processors/${processor.id}/edit`} className={buttonVariants.secondary}>
          Edit
        </Link>
        {processor.status === 'proposed' ? (
          <Button
            variant="primary"
            disabled={noticeRunning || update.isPending}
            aria-describedby={noticeRunning ? 'activate-hint' : undefined}
            onClick={() => changeStatus('active')}
          >
            Activate
          </Button>
        ) : null}
        <Button variant="danger" disabled={update.isPending} onClick={() => setConfirmRetire(true)}>
          Retire
        </Button>
      </div>
      {processor.status === 'proposed' && noticeRunning && processor.noticeEndsAt ? (
        <p id="activate-hint" className="text-sm text-gray-700">
          Can be activated after the customer notice ends on {formatDateTime(processor.noticeEndsAt)} (
          {describeDeadline(processor.noticeEndsAt, now).label}).
        </p>
      ) : null}
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
