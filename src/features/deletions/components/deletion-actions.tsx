import type { ReactNode } from 'react';
import { useState } from 'react';
import type { FieldValues, UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';
import type { DeletionRequestView, DeletionTask } from '@/api/contract/deletions';
import type { LegalHold } from '@/api/contract/deletions';
import {
  addHold,
  approveDeletion,
  editHold,
  extendDeletion,
  rejectDeletion,
  removeHold,
  resolveTask,
  taskOutcomes,
} from '@/api/contract/deletions';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CheckboxField, SelectField, TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import type { ContractForm } from '@/lib/contract-form';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { formatCalendarDate } from '@/lib/format';
import { useDeletionAction } from '@/features/deletions/api/deletion-mutations';

type ActionProps = { request: DeletionRequestView; onReload: () => void };
/** Why the record refuses the action now, from its `actions`; null when it allows it. */
type Refusable = { refusal: string | null };

const outcomeLabels: Record<(typeof taskOutcomes)[number], string> = {
  deleted: 'Deleted',
  not_applicable: 'Nothing held there',
  retained_under_hold: 'Retained under a legal hold',
};

/** The typed confirmation: the approver names the account, so a slip of the mouse deletes nothing. */
export function ApproveAction({ request, onReload, refusal }: ActionProps & Refusable) {
  const [open, setOpen] = useState(false);
  const mutation = useDeletionAction(request);
  const labels = { confirmAccountName: 'Type the account name to confirm' };
  const form = useContractForm({
    schema: approveDeletion,
    defaultValues: { confirmAccountName: '' },
    onSubmit: async (body) => {
      await mutation.mutateAsync({ action: 'approve', body });
      setOpen(false);
    },
  });
  const close = () => {
    setOpen(false);
    form.clearFailure();
    mutation.reset();
  };
  return (
    <>
      <ActionButton variant="danger" refusal={refusal} onClick={() => setOpen(true)}>
        Approve deletion…
      </ActionButton>
      <ConfirmDialog
        open={open}
        title={`Approve the deletion of ${request.accountName}?`}
        confirmLabel="Approve deletion"
        busy={mutation.isPending}
        onCancel={close}
        onConfirm={() => void form.submit()}
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
          <FormErrors
            {...form.summary}
            labelOf={fieldLabels(labels)}
            onReload={reloadAfter(form, onReload)}
            subject="This deletion request"
          />
          <TextField
            {...form.register('confirmAccountName')}
            label={labels.confirmAccountName}
            hint={`Type “${request.accountName}” exactly`}
            autoComplete="off"
            error={form.summary.errors.confirmAccountName}
          />
        </div>
      </ConfirmDialog>
    </>
  );
}

/** After a 412: forget the failed attempt and load the newer version; the form keeps what was typed. */
function reloadAfter(form: { clearFailure: () => void }, onReload: () => void): () => void {
  return () => {
    form.clearFailure();
    onReload();
  };
}

type ReasonFormProps = {
  title: string;
  submitLabel: string;
  form: Pick<ContractForm<z.ZodType<FieldValues, FieldValues>>, 'submit' | 'clearFailure' | 'summary'>;
  labels: Readonly<Record<string, string>>;
  busy: boolean;
  onReload: () => void;
  children: ReactNode;
};

function ReasonForm({ title, submitLabel, form, labels, busy, onReload, children }: ReasonFormProps) {
  return (
    <form
      noValidate
      onSubmit={(event) => void form.submit(event)}
      aria-label={title}
      className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-xs"
    >
      <h3 className="text-base font-semibold text-gray-900">{title}</h3>
      <FormErrors {...form.summary} labelOf={fieldLabels(labels)} onReload={reloadAfter(form, onReload)} subject="This deletion request" />
      {children}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}

export function RejectForm({ request, onReload }: ActionProps) {
  const mutation = useDeletionAction(request);
  const labels = { reason: 'Reason for rejecting' };
  const form = useContractForm({
    schema: rejectDeletion,
    defaultValues: { reason: '' },
    onSubmit: (body) => mutation.mutateAsync({ action: 'reject', body }),
  });
  return (
    <ReasonForm
      title="Reject the request"
      submitLabel="Reject request"
      form={form}
      labels={labels}
      busy={mutation.isPending}
      onReload={onReload}
    >
      <TextAreaField
        {...form.register('reason')}
        label={labels.reason}
        hint="Told to the person; name the exemption that applies"
        error={form.summary.errors.reason}
      />
    </ReasonForm>
  );
}

export function ExtendForm({ request, onReload }: ActionProps) {
  const mutation = useDeletionAction(request);
  const labels = { months: 'Extend by', reason: 'Reason for the extension' };
  const form = useContractForm({
    schema: extendDeletion,
    defaultValues: { reason: '', months: 1 },
    onSubmit: (body) => mutation.mutateAsync({ action: 'extend', body }),
  });
  return (
    <ReasonForm
      title="Extend the deadline"
      submitLabel="Extend deadline"
      form={form}
      labels={labels}
      busy={mutation.isPending}
      onReload={onReload}
    >
      <p className="text-sm text-gray-700">
        Once, by up to two months, for a complex request; the person must be told within the first month.
      </p>
      <SelectField
        {...form.register('months', { valueAsNumber: true })}
        label={labels.months}
        options={[
          { value: '1', label: '1 month' },
          { value: '2', label: '2 months' },
        ]}
        error={form.summary.errors.months}
      />
      <TextAreaField {...form.register('reason')} label={labels.reason} error={form.summary.errors.reason} />
    </ReasonForm>
  );
}

/** The registry's systems that hold the account's data (the request's tasks, or the planned ones before approval). */
function registrySystems(request: DeletionRequestView): { value: string; label: string }[] {
  const names = [...request.tasks, ...(request.plan?.tasks ?? [])].map((t) => t.systemName);
  return [...new Set(names)].sort().map((name) => ({ value: name, label: name }));
}

const holdLabels = { system: 'System', data: 'Data kept', legalReason: 'Legal reason', until: 'Kept until' };

type HoldField = keyof typeof holdLabels;
type HoldFieldsProps = {
  request: DeletionRequestView;
  register: (name: HoldField) => UseFormRegisterReturn<string>;
  summary: { errors: Partial<Record<string, string>> };
};

function HoldFields({ request, register, summary }: HoldFieldsProps) {
  return (
    <>
      <SelectField
        {...register('system')}
        label={holdLabels.system}
        emptyLabel="Choose a system from the registry"
        options={registrySystems(request)}
        error={summary.errors.system}
      />
      <TextField {...register('data')} label={holdLabels.data} error={summary.errors.data} />
      <TextField
        {...register('legalReason')}
        label={holdLabels.legalReason}
        hint="The law that requires keeping it"
        error={summary.errors.legalReason}
      />
      <TextField {...register('until')} label={holdLabels.until} type="date" error={summary.errors.until} />
    </>
  );
}

export function HoldForm({ request, onReload }: ActionProps) {
  const mutation = useDeletionAction(request);
  const form = useContractForm({
    schema: addHold,
    defaultValues: { system: '', data: '', legalReason: '', until: '' },
    onSubmit: async (body) => {
      await mutation.mutateAsync({ action: 'hold', body });
      form.reset();
    },
  });
  return (
    <ReasonForm
      title="Add a legal hold"
      submitLabel="Add legal hold"
      form={form}
      labels={holdLabels}
      busy={mutation.isPending}
      onReload={onReload}
    >
      <p className="text-sm text-gray-700">
        Data the law requires us to keep (invoices, for instance) is kept back from the deletion until the hold ends.
      </p>
      <HoldFields request={request} register={(name) => form.register(name)} summary={form.summary} />
    </ReasonForm>
  );
}

/** Changes a hold's system, data, reason or end, until the request completes; each change is audited. */
export function EditHoldForm({ request, hold, onReload }: ActionProps & { hold: LegalHold }) {
  const mutation = useDeletionAction(request);
  const form = useContractForm({
    schema: editHold,
    defaultValues: { holdId: hold.id, system: hold.system, data: hold.data, legalReason: hold.legalReason, until: hold.until },
    onSubmit: (body) => mutation.mutateAsync({ action: 'edit-hold', body }),
  });
  return (
    <ReasonForm
      title={`Change the hold on ${hold.data}`}
      submitLabel="Save hold"
      form={form}
      labels={holdLabels}
      busy={mutation.isPending}
      onReload={onReload}
    >
      <HoldFields request={request} register={(name) => form.register(name)} summary={form.summary} />
    </ReasonForm>
  );
}

export function RemoveHoldForm({ request, hold, onReload }: ActionProps & { hold: LegalHold }) {
  const mutation = useDeletionAction(request);
  const labels = { reason: 'Why it goes' };
  const form = useContractForm({
    schema: removeHold,
    defaultValues: { holdId: hold.id, reason: '' },
    onSubmit: (body) => mutation.mutateAsync({ action: 'remove-hold', body }),
  });
  return (
    <ReasonForm
      title={`Remove the hold on ${hold.data}`}
      submitLabel="Remove hold"
      form={form}
      labels={labels}
      busy={mutation.isPending}
      onReload={onReload}
    >
      <TextAreaField {...form.register('reason')} label={labels.reason} error={form.summary.errors.reason} />
    </ReasonForm>
  );
}

type ResolveValues = { taskId: string; outcome: DeletionTask['outcome']; reference: string; notified: boolean };

/** The contract's body; the outcome stays unchosen (null) until the reader picks one. */
const resolveSchema = z
  .custom<ResolveValues>()
  .transform((values): unknown => values)
  .pipe(resolveTask);

export function ResolveTaskForm({ request, task, onReload }: ActionProps & { task: DeletionTask }) {
  const mutation = useDeletionAction(request);
  const labels = { outcome: 'Outcome', reference: 'Reference', notified: 'Recipient notified (Art. 19)' };
  const form = useContractForm({
    schema: resolveSchema,
    defaultValues: { taskId: task.id, outcome: null, reference: '', notified: false },
    onSubmit: (body) => mutation.mutateAsync({ action: 'resolve-task', body }),
  });
  const { register, summary } = form;
  return (
    <ReasonForm
      title={`Resolve ${task.systemName}`}
      submitLabel={`Resolve ${task.systemName}`}
      form={form}
      labels={labels}
      busy={mutation.isPending}
      onReload={onReload}
    >
      {task.rollOffOn ? (
        <p className="text-sm text-gray-700">The backup holding this account rolls off on {formatCalendarDate(task.rollOffOn)}.</p>
      ) : null}
      <SelectField
        {...register('outcome', { setValueAs: (value: unknown) => (value === '' ? null : value) })}
        label={labels.outcome}
        emptyLabel="Choose an outcome"
        options={taskOutcomes.map((value) => ({ value, label: outcomeLabels[value] }))}
        error={summary.errors.outcome}
      />
      <TextField
        {...register('reference')}
        label={labels.reference}
        hint="A ticket, confirmation email or job id that shows it was done"
        error={summary.errors.reference}
      />
      <CheckboxField {...register('notified')} label={labels.notified} />
    </ReasonForm>
  );
}

export function CompleteAction({ request, onReload, refusal }: ActionProps & Refusable) {
  const [open, setOpen] = useState(false);
  const mutation = useDeletionAction(request);
  const close = () => {
    setOpen(false);
    mutation.reset();
  };
  return (
    <div className="space-y-2">
      <ActionButton variant="primary" refusal={refusal} onClick={() => setOpen(true)}>
        Complete deletion…
      </ActionButton>
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
          <FormErrors failure={mutation.error} onReload={onReload} subject="This deletion request" />
        </div>
      </ConfirmDialog>
    </div>
  );
}

/** Sends a task whose connector needs attention to its vendor again; what it deleted before stays deleted once. */
export function RetryTaskAction({ request, task, refusal }: ActionProps & Refusable & { task: DeletionTask }) {
  const mutation = useDeletionAction(request);
  return (
    <div className="space-y-1">
      <ActionButton
        refusal={refusal}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ action: 'retry-task', body: { taskId: task.id } })}
      >
        Retry {task.systemName} through its API
      </ActionButton>
      {mutation.error ? (
        <p role="alert" className="text-sm text-red-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
