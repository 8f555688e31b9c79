import type { FormEvent } from 'react';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { CreateSupportAccess } from '@/api/contract/support-access';
import { accessDurations, createSupportAccess } from '@/api/contract/support-access';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { SelectField, TextField } from '@/components/ui/fields';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/session';
import { useCreateAccessRequest } from '@/features/support-access/api/support-access-mutations';
import { AccountPicker } from '@/features/support-access/components/account-picker';
import type { FieldErrors } from '@/components/ui/form-errors';
import { FormAlert, issuesToErrors, serverFieldErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';

type Draft = { accountId: string; ticketRef: string; reason: string; scope: 'read' | 'read_write'; durationHours: number };

const durationLabels: Record<(typeof accessDurations)[number], string> = { 1: '1 hour', 4: '4 hours', 24: '24 hours', 72: '72 hours' };

function NewRequestForm() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>({
    accountId: params.get('account') ?? '',
    ticketRef: '',
    reason: '',
    scope: 'read',
    durationHours: 24,
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const mutation = useCreateAccessRequest();
  const errors: FieldErrors = { ...clientErrors, ...serverFieldErrors(mutation.error) };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setClientErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = createSupportAccess.safeParse(draft);
    if (!parsed.success) {
      setClientErrors({ ...issuesToErrors(parsed.error), ...(draft.accountId ? {} : { accountId: 'Choose an account' }) });
      return;
    }
    setClientErrors({});
    const body: CreateSupportAccess = parsed.data;
    mutation.mutate(body, { onSuccess: (created) => navigate(`/support-access/${created.id}`) });
  };

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-label="New support-access request"
      className="max-w-2xl space-y-6 rounded-lg border border-gray-200 bg-white p-6 shadow-xs"
    >
      <FormAlert error={mutation.error} />
      <AccountPicker value={draft.accountId} onChange={(accountId) => set('accountId', accountId)} error={errors.accountId} />
      <TextField
        label="Ticket reference"
        hint="The help-desk conversation or chat id"
        value={draft.ticketRef}
        onChange={(event) => set('ticketRef', event.target.value)}
        error={errors.ticketRef}
        maxLength={100}
        required
      />
      <TextAreaField
        label="Reason"
        hint="What you need to look at and why; the officer and the audit log see this"
        value={draft.reason}
        onChange={(event) => set('reason', event.target.value)}
        error={errors.reason}
        maxLength={2000}
        required
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Scope"
          value={draft.scope}
          options={[
            { value: 'read', label: 'Read only' },
            { value: 'read_write', label: 'Read and write' },
          ]}
          onChange={(event) => set('scope', event.target.value === 'read_write' ? 'read_write' : 'read')}
          error={errors.scope}
        />
        <SelectField
          label="Duration"
          value={String(draft.durationHours)}
          options={accessDurations.map((hours) => ({ value: String(hours), label: durationLabels[hours] }))}
          onChange={(event) => set('durationHours', Number(event.target.value))}
          error={errors.durationHours}
        />
      </div>
      <p className="text-sm text-gray-700">
        Next you record the customer’s explicit consent and, if they gave them, their login details. A privacy officer then decides; a
        request not decided within 12 hours expires.
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

export function Component() {
  const user = useCurrentUser();
  // Only support agents ask; others land on the list, which explains what they can do.
  if (user.role !== 'support_agent') return <Navigate to="/support-access" replace />;
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
