import { useQuery } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { accessDurations, createSupportAccess } from '@/api/contract/support-access';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { SelectField, TextField } from '@/components/ui/fields';
import { PageHeader } from '@/components/ui/page-header';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { useCreateAccessRequest } from '@/features/support-access/api/support-access-mutations';
import { supportAccessQueries } from '@/features/support-access/api/support-access-queries';
import { AccountPicker } from '@/features/support-access/components/account-picker';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';

const durationLabels: Record<(typeof accessDurations)[number], string> = { 1: '1 hour', 4: '4 hours', 24: '24 hours', 72: '72 hours' };

const labels = {
  accountId: 'Account',
  ownerId: 'Owner asked to consent',
  ticketRef: 'Ticket reference',
  reason: 'Reason',
  scope: 'Scope',
  durationHours: 'Duration',
};
const labelOf = fieldLabels(labels);

function NewRequestForm() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const mutation = useCreateAccessRequest();
  const form = useContractForm({
    schema: createSupportAccess,
    defaultValues: { accountId: params.get('account') ?? '', ownerId: '', ticketRef: '', reason: '', scope: 'read', durationHours: 24 },
    onSubmit: async (body) => {
      const created = await mutation.mutateAsync(body);
      await navigate(`/support-access/${created.id}`);
    },
  });
  const { register, control, summary, watch } = form;
  const accountId = watch('accountId');
  const account = useQuery({ ...supportAccessQueries.account(accountId), enabled: accountId !== '' });
  const owners = (account.data?.people ?? []).filter((p) => p.accountRole === 'owner');

  return (
    <form
      noValidate
      onSubmit={(event) => void form.submit(event)}
      aria-label="New support-access request"
      className="max-w-2xl space-y-6 rounded-lg border border-gray-200 bg-white p-6 shadow-xs"
    >
      <FormErrors {...summary} labelOf={labelOf} />
      <Controller
        control={control}
        name="accountId"
        render={({ field }) => <AccountPicker value={field.value} onChange={field.onChange} error={summary.errors.accountId} />}
      />
      <SelectField
        {...register('ownerId')}
        label={labels.ownerId}
        emptyLabel={accountId === '' ? 'Choose the account first' : account.isPending ? 'Loading the account’s owners…' : 'Choose an owner'}
        options={owners.map((p) => ({ value: p.id, label: [p.name ?? p.id, p.email].filter(Boolean).join(' · ') }))}
        error={summary.errors.ownerId}
      />
      <TextField
        {...register('ticketRef')}
        label={labels.ticketRef}
        hint="The help-desk conversation or chat id"
        error={summary.errors.ticketRef}
        maxLength={100}
        required
      />
      <TextAreaField
        {...register('reason')}
        label={labels.reason}
        hint="What you need to look at and why; the officer and the audit log see this"
        error={summary.errors.reason}
        maxLength={2000}
        required
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          {...register('scope')}
          label={labels.scope}
          options={[
            { value: 'read', label: 'Read only' },
            { value: 'read_write', label: 'Read and write' },
          ]}
          error={summary.errors.scope}
        />
        <SelectField
          {...register('durationHours', { valueAsNumber: true })}
          label={labels.durationHours}
          options={accessDurations.map((hours) => ({ value: String(hours), label: durationLabels[hours] }))}
          error={summary.errors.durationHours}
        />
      </div>
      <p className="text-sm text-gray-700">
        Next the owner gets a consent link: on that page they read what you ask, consent by typing their name and enter the login details. A
        privacy officer then decides; a request not decided within 12 hours expires.
      </p>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Sending…' : 'Ask for access'}
        </Button>
        <Link to="/support-access" className={`${linkClass} self-center text-sm`}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** Behind the route's `access.request` gate: only those who may ask reach it. */
export function Component() {
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/support-access" className={linkClass}>
          ← Support access
        </Link>
      </p>
      <PageHeader
        title="New support-access request"
        description="Ask to enter a customer’s cloud instance for a ticket. Self-hosted accounts keep their content on the customer’s own servers: there is nothing to access."
      />
      <NewRequestForm />
    </>
  );
}
