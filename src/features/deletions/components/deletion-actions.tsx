import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import type { DeletionRequest, DeletionTask } from '@/api/contract/deletions';
import { taskOutcomes } from '@/api/contract/deletions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CheckboxField, SelectField, TextField } from '@/components/ui/fields';
import { isApiError } from '@/lib/api-client';
import { formatCalendarDate, humanize } from '@/lib/format';
import { useDeletionAction } from '@/features/deletions/api/deletion-mutations';
import { FormAlert, serverFieldErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';

type ActionProps = { request: DeletionRequest; onReload: () => void };

const outcomeLabels: Record<(typeof taskOutcomes)[number], string> = {
  deleted: 'Deleted',
  not_applicable: 'Nothing held there',
  retained_under_hold: 'Retained under a legal hold',
};

/** Why the request cannot complete yet, or null when it can; mirrors the API's own check so the button says why. */
export function completionBlocker(request: DeletionRequest): string | null {
  if (request.status !== 'approved' && request.status !== 'in_progress')
    return `A request that is ${humanize(request.status).toLowerCase()} cannot be completed.`;
  const open = request.tasks.filter((t) => t.outcome === null);
  if (open.length > 0) return `${open.length} task(s) still open: ${open.map((t) => t.systemName).join(', ')}.`;
  return null;
}

/** The typed confirmation: the approver names the account, so a slip of the mouse deletes nothing. */
export function ApproveAction({ request, onReload }: ActionProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const mutation = useDeletionAction(request);
  const fields = serverFieldErrors(mutation.error);
  const close = () => {
    setOpen(false);
    mutation.reset();
  };
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Approve deletion…
      </Button>
      <ConfirmDialog
        open={open}
        title={`Approve the deletion of ${request.accountName}?`}
        confirmLabel="Approve deletion"
        busy={mutation.isPending}
        onCancel={close}
        onConfirm={() => mutation.mutate({ action: 'approve', body: { confirmAccountName: typed } }, { onSuccess: () => setOpen(false) })}
      >
        <div className="space-y-3">
          <p>
            Approving starts the erasure of <strong>{request.accountName}</strong>: its data is deleted from our storage locations and from
            every processor that received it, and the offsite backup holding it rolls off. A task is created per system; this cannot be
            undone.
          </p>
          {request.holds.length > 0 ? (
            <p>Data under a legal hold ({request.holds.map((h) => h.system).join(', ')}) is kept until its hold ends.</p>
          ) : null}
          <FormAlert error={isApiError(mutation.error, 422) ? null : mutation.error} onReload={onReload} subject="This deletion request" />
          {isApiError(mutation.error, 422) && !fields.confirmAccountName ? <Alert>{mutation.error.message}</Alert> : null}
          <TextField
            label="Type the account name to confirm"
            hint={`Type “${request.accountName}” exactly`}
            autoComplete="off"
            value={typed}
            error={fields.confirmAccountName}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
      </ConfirmDialog>
    </>
  );
}

function ReasonForm({
  title,
  submitLabel,
  onSubmit,
  error,
  busy,
  onReload,
  children,
  fieldErrorKeys,
}: {
  title: string;
  submitLabel: string;
  onSubmit: () => void;
  error: unknown;
  busy: boolean;
  onReload: () => void;
  children: ReactNode;
  fieldErrorKeys: readonly string[];
}) {
  const fields = serverFieldErrors(error);
  const unplaced = isApiError(error, 422) && !fieldErrorKeys.some((key) => fields[key]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} aria-label={title} className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <h3 className="text-base font-semibold text-gray-900">{title}</h3>
      <FormAlert error={unplaced ? null : error} onReload={onReload} subject="This deletion request" />
      {unplaced && isApiError(error) ? <Alert>{error.message}</Alert> : null}
      {children}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}

export function RejectForm({ request, onReload }: ActionProps) {
  const [reason, setReason] = useState('');
  const mutation = useDeletionAction(request);
  const fields = serverFieldErrors(mutation.error);
  return (
    <ReasonForm
      title="Reject the request"
      submitLabel="Reject request"
      busy={mutation.isPending}
      error={mutation.error}
      onReload={onReload}
      fieldErrorKeys={['reason']}
      onSubmit={() => mutation.mutate({ action: 'reject', body: { reason } })}
    >
      <TextAreaField
        label="Reason for rejecting"
        hint="Told to the person; name the exemption that applies"
        value={reason}
        error={fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </ReasonForm>
  );
}

export function ExtendForm({ request, onReload }: ActionProps) {
  const [reason, setReason] = useState('');
  const [months, setMonths] = useState<1 | 2>(1);
  const mutation = useDeletionAction(request);
  const fields = serverFieldErrors(mutation.error);
  return (
    <ReasonForm
      title="Extend the deadline"
      submitLabel="Extend deadline"
      busy={mutation.isPending}
      error={mutation.error}
      onReload={onReload}
      fieldErrorKeys={['reason', 'months']}
      onSubmit={() => mutation.mutate({ action: 'extend', body: { reason, months } })}
    >
      <p className="text-sm text-gray-700">
        Once, by up to two months, for a complex request; the person must be told within the first month.
      </p>
      <SelectField
        label="Extend by"
        value={String(months)}
        options={[
          { value: '1', label: '1 month' },
          { value: '2', label: '2 months' },
        ]}
        error={fields.months}
        onChange={(event) => setMonths(event.target.value === '2' ? 2 : 1)}
      />
      <TextAreaField
        label="Reason for the extension"
        value={reason}
        error={fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </ReasonForm>
  );
}

export function HoldForm({ request, onReload }: ActionProps) {
  const [hold, setHold] = useState({ system: '', data: '', legalReason: '', until: '' });
  const mutation = useDeletionAction(request);
  const fields = serverFieldErrors(mutation.error);
  const systemsId = `systems-${request.id}`;
  const set = (key: keyof typeof hold) => (event: { target: { value: string } }) =>
    setHold((current) => ({ ...current, [key]: event.target.value }));
  return (
    <ReasonForm
      title="Add a legal hold"
      submitLabel="Add legal hold"
      busy={mutation.isPending}
      error={mutation.error}
      onReload={onReload}
      fieldErrorKeys={['system', 'data', 'legalReason', 'until']}
      onSubmit={() =>
        mutation.mutate({ action: 'hold', body: hold }, { onSuccess: () => setHold({ system: '', data: '', legalReason: '', until: '' }) })
      }
    >
      <p className="text-sm text-gray-700">
        Data the law requires us to keep (invoices, for instance) is kept back from the deletion until the hold ends.
      </p>
      <TextField
        label="System"
        list={systemsId}
        hint="Where the kept data lives"
        value={hold.system}
        error={fields.system}
        onChange={set('system')}
      />
      <datalist id={systemsId}>
        {request.tasks.map((task) => (
          <option key={task.id} value={task.systemName} />
        ))}
      </datalist>
      <TextField label="Data kept" value={hold.data} error={fields.data} onChange={set('data')} />
      <TextField
        label="Legal reason"
        hint="The law that requires keeping it"
        value={hold.legalReason}
        error={fields.legalReason}
        onChange={set('legalReason')}
      />
      <TextField label="Kept until" type="date" value={hold.until} error={fields.until} onChange={set('until')} />
    </ReasonForm>
  );
}

export function ResolveTaskForm({ request, task, onReload }: ActionProps & { task: DeletionTask }) {
  const [outcome, setOutcome] = useState<DeletionTask['outcome']>(null);
  const [reference, setReference] = useState('');
  const [notified, setNotified] = useState(false);
  const mutation = useDeletionAction(request);
  const fields = serverFieldErrors(mutation.error);
  const [missingOutcome, setMissingOutcome] = useState(false);
  return (
    <ReasonForm
      title={`Resolve ${task.systemName}`}
      submitLabel={`Resolve ${task.systemName}`}
      busy={mutation.isPending}
      error={mutation.error}
      onReload={onReload}
      fieldErrorKeys={['outcome', 'reference', 'notified', 'taskId']}
      onSubmit={() => {
        if (!outcome) {
          setMissingOutcome(true);
          return;
        }
        setMissingOutcome(false);
        mutation.mutate({ action: 'resolve-task', body: { taskId: task.id, outcome, reference, notified } });
      }}
    >
      {task.rollOffOn ? (
        <p className="text-sm text-gray-700">The backup holding this account rolls off on {formatCalendarDate(task.rollOffOn)}.</p>
      ) : null}
      <SelectField
        label="Outcome"
        emptyLabel="Choose an outcome"
        value={outcome ?? ''}
        options={taskOutcomes.map((value) => ({ value, label: outcomeLabels[value] }))}
        error={fields.outcome ?? (missingOutcome ? 'Choose an outcome' : undefined)}
        onChange={(event) => setOutcome(taskOutcomes.find((value) => value === event.target.value) ?? null)}
      />
      <TextField
        label="Reference"
        hint="A ticket, confirmation email or job id that shows it was done"
        value={reference}
        error={fields.reference}
        onChange={(event) => setReference(event.target.value)}
      />
      <CheckboxField label="Recipient notified (Art. 19)" checked={notified} onChange={(event) => setNotified(event.target.checked)} />
    </ReasonForm>
  );
}

export function CompleteAction({ request, onReload }: ActionProps) {
  const [open, setOpen] = useState(false);
  const mutation = useDeletionAction(request);
  const blocker = completionBlocker(request);
  const close = () => {
    setOpen(false);
    mutation.reset();
  };
  return (
    <div className="space-y-2">
      <Button
        variant="primary"
        disabled={blocker !== null}
        aria-describedby={blocker ? `complete-blocker-${request.id}` : undefined}
        onClick={() => setOpen(true)}
      >
        Complete deletion…
      </Button>
      {blocker ? (
        <p id={`complete-blocker-${request.id}`} className="text-sm text-gray-700">
          {blocker}
        </p>
      ) : null}
      <ConfirmDialog
        open={open}
        title={`Complete the deletion of ${request.accountName}?`}
        confirmLabel="Complete deletion"
        tone="primary"
        busy={mutation.isPending}
        onCancel={close}
        onConfirm={() => mutation.mutate({ action: 'complete' }, { onSuccess: () => setOpen(false) })}
      >
        <p>Every task is resolved. Completing closes the request and issues its certificate of deletion.</p>
        <div className="mt-3">
          <FormAlert error={mutation.error} onReload={onReload} subject="This deletion request" />
        </div>
      </ConfirmDialog>
    </div>
  );
}
