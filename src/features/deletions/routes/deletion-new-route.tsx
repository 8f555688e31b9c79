import type { FormEvent } from 'react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { TextField } from '@/components/ui/fields';
import { PageHeader } from '@/components/ui/page-header';
import { isApiError } from '@/lib/api-client';
import { useCurrentUser } from '@/lib/session';
import { useCreateDeletion } from '@/features/deletions/api/deletion-mutations';
import { AccountPicker } from '@/features/deletions/components/account-picker';
import { FormAlert, serverFieldErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';

/** Today as YYYY-MM-DD in the viewer's own time zone, the default receipt date. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The start of that day in the viewer's time zone: received "on" a date, never in the future. */
function startOfLocalDay(date: string): string | null {
  const parsed = new Date(`${date}T00:00`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

export function Component() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const mutation = useCreateDeletion();
  const [account, setAccount] = useState<{ id: string; name: string } | null>(null);
  const [received, setReceived] = useState(today);
  const [note, setNote] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const fields = { ...serverFieldErrors(mutation.error), ...localErrors };
  const placed = ['accountId', 'receivedAt', 'note'].some((key) => fields[key]);

  if (user.role !== 'privacy_officer') {
    return (
      <>
        <PageHeader title="Record an erasure request" />
        <Alert tone="info">Only a privacy officer records erasure requests. Auditors can read every request on the Deletions page.</Alert>
      </>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const receivedAt = startOfLocalDay(received);
    const errors: Record<string, string> = {};
    if (!account) errors.accountId = 'Choose the account to erase';
    if (!receivedAt) errors.receivedAt = 'Enter the date the request was received';
    setLocalErrors(errors);
    if (!account || !receivedAt) return;
    mutation.mutate(
      { accountId: account.id, origin: 'erasure_request', receivedAt, note },
      { onSuccess: (created) => navigate(`/deletions/${created.id}`) },
    );
  };

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/deletions" className={linkClass}>
          ← Deletions
        </Link>
      </p>
      <PageHeader
        title="Record an erasure request"
        description="A person asked us to erase their account's data (Art. 17). It is due one calendar month after receipt, and a second officer approves it."
      />
      <form onSubmit={submit} noValidate className="max-w-2xl space-y-6">
        <FormAlert error={mutation.error} />
        {isApiError(mutation.error, 422) && !placed ? <Alert>{mutation.error.message}</Alert> : null}
        <AccountPicker value={account?.id ?? ''} chosenName={account?.name ?? null} error={fields.accountId} onChange={setAccount} />
        <TextField
          label="Received on"
          type="date"
          max={today()}
          value={received}
          error={fields.receivedAt}
          onChange={(event) => setReceived(event.target.value)}
        />
        <TextAreaField
          label="Note"
          hint="How the request arrived and who asked (no more personal data than needed)"
          value={note}
          error={fields.note}
          onChange={(event) => setNote(event.target.value)}
        />
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={mutation.isPending}>
            {mutation.isPending ? 'Recording…' : 'Record erasure request'}
          </Button>
          <Link to="/deletions" className={`${linkClass} self-center text-sm`}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
