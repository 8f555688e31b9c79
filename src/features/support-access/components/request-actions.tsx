import { useQuery } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useId, useState } from 'react';
import type { ConsentChannel } from '@/api/contract/consent';
import { consentChannels } from '@/api/contract/consent';
import type { SupportAccessRequest } from '@/api/contract/support-access';
import { attachCredentials, decisionReason, recordCustomerConsent } from '@/api/contract/support-access';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import { humanize } from '@/lib/format';
import { useAccessAction } from '@/features/support-access/api/support-access-mutations';
import { supportAccessQueries } from '@/features/support-access/api/support-access-queries';
import type { FieldErrors } from '@/components/ui/form-errors';
import { FormAlert, issuesToErrors, serverFieldErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';

type ActionProps = { request: SupportAccessRequest; onReload: () => void };

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-gray-200 bg-white p-6 shadow-xs">
      <h3 id={headingId} className="text-base font-semibold text-gray-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** `2026-11-29T09:05` in the user's own zone, for a datetime-local field. */
function localInputValue(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** After a 412: forget the failed attempt and load the newer version; the form keeps what was typed. */
function reloadAfter(mutation: { reset: () => void }, onReload: () => void): () => void {
  return () => {
    mutation.reset();
    onReload();
  };
}

type ConsentDraft = { personId: string; givenAt: string; channel: ConsentChannel; quote: string };

export function ConsentForm({ request, onReload }: ActionProps) {
  const account = useQuery(supportAccessQueries.account(request.accountId));
  const [draft, setDraft] = useState<ConsentDraft>(() => ({
    personId: '',
    givenAt: localInputValue(new Date()),
    channel: 'support_conversation',
    quote: '',
  }));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const mutation = useAccessAction(request);
  const errors: FieldErrors = { ...clientErrors, ...serverFieldErrors(mutation.error) };
  const set = <K extends keyof ConsentDraft>(key: K, value: ConsentDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const when = new Date(draft.givenAt);
    const parsed = recordCustomerConsent.safeParse({ ...draft, givenAt: Number.isNaN(when.getTime()) ? '' : when.toISOString() });
    if (!parsed.success) {
      setClientErrors({
        ...issuesToErrors(parsed.error),
        ...(draft.personId ? {} : { personId: 'Choose who gave consent' }),
        ...(draft.givenAt ? {} : { givenAt: 'Required' }),
      });
      return;
    }
    setClientErrors({});
    mutation.mutate({ action: 'consent', body: parsed.data });
  };

  const people = account.data?.people ?? [];
  return (
    <Panel title={request.consent ? 'Replace the customer’s consent' : 'Record customer consent'}>
      <p className="text-sm text-gray-700">
        Nothing can be approved without the customer’s explicit consent (policy 5.1). Record who gave it, when, how, and their words.
      </p>
      <form noValidate onSubmit={onSubmit} aria-label="Record customer consent" className="space-y-4">
        <FormAlert error={mutation.error} onReload={reloadAfter(mutation, onReload)} />
        <SelectField
          label="Person who consented"
          emptyLabel={account.isPending ? 'Loading the account’s people…' : 'Choose a person of this account'}
          value={draft.personId}
          options={people.map((person) => ({
            value: person.id,
            label: [person.name ?? person.id, person.accountRole ? humanize(person.accountRole) : null, person.email]
              .filter(Boolean)
              .join(' · '),
          }))}
          onChange={(event) => set('personId', event.target.value)}
          error={errors.personId}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Given at"
            type="datetime-local"
            hint="Your time zone"
            value={draft.givenAt}
            max={localInputValue(new Date())}
            onChange={(event) => set('givenAt', event.target.value)}
            error={errors.givenAt}
          />
          <SelectField
            label="Channel"
            value={draft.channel}
            options={consentChannels.map((value) => ({ value, label: humanize(value) }))}
            onChange={(event) => set('channel', consentChannels.find((c) => c === event.target.value) ?? 'support_conversation')}
            error={errors.channel}
          />
        </div>
        <TextAreaField
          label="Their words, quoted"
          hint="Exactly what the customer said or wrote"
          value={draft.quote}
          onChange={(event) => set('quote', event.target.value)}
          error={errors.quote}
          maxLength={2000}
        />
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Recording…' : 'Record consent'}
        </Button>
      </form>
    </Panel>
  );
}

export function CredentialsForm({ request, onReload }: ActionProps) {
  const [draft, setDraft] = useState({ username: '', password: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const mutation = useAccessAction(request);
  const errors: FieldErrors = { ...clientErrors, ...serverFieldErrors(mutation.error) };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = attachCredentials.safeParse(draft);
    if (!parsed.success) {
      setClientErrors(issuesToErrors(parsed.error));
      return;
    }
    setClientErrors({});
    // The password leaves the page's memory once stored: the form has no use for it afterwards.
    mutation.mutate({ action: 'credentials', body: parsed.data }, { onSuccess: () => setDraft({ username: '', password: '' }) });
  };

  return (
    <Panel title={request.hasCredentials ? 'Replace the login details' : 'Attach login details'}>
      <p className="text-sm text-gray-700">
        {request.hasCredentials
          ? 'Login details are stored, encrypted. New ones replace them.'
          : 'If the customer gave you login details, store them here. They are kept encrypted and only you can reveal them, during the grant.'}
      </p>
      <form noValidate onSubmit={onSubmit} aria-label="Attach login details" className="space-y-4">
        <FormAlert error={mutation.error} onReload={reloadAfter(mutation, onReload)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Username"
            autoComplete="off"
            value={draft.username}
            onChange={(event) => setDraft((d) => ({ ...d, username: event.target.value }))}
            error={errors.username}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(event) => setDraft((d) => ({ ...d, password: event.target.value }))}
            error={errors.password}
          />
        </div>
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Storing…' : 'Store login details'}
        </Button>
      </form>
    </Panel>
  );
}

type ConfirmActionProps = ActionProps & {
  action: 'approve' | 'cancel';
  label: string;
  title: string;
  body: ReactNode;
  tone: 'primary' | 'danger';
  disabledReason?: string;
};

/** An action without input, behind a confirmation. */
export function ConfirmAction({ request, onReload, action, label, title, body, tone, disabledReason }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const mutation = useAccessAction(request);
  const hintId = useId();
  return (
    <div className="space-y-2">
      <FormAlert error={mutation.error} onReload={reloadAfter(mutation, onReload)} />
      <Button
        variant={tone}
        onClick={() => setOpen(true)}
        disabled={disabledReason !== undefined}
        aria-describedby={disabledReason ? hintId : undefined}
      >
        {label}
      </Button>
      {disabledReason ? (
        <p id={hintId} className="text-sm text-gray-700">
          {disabledReason}
        </p>
      ) : null}
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={label}
        tone={tone}
        busy={mutation.isPending}
        onCancel={() => setOpen(false)}
        onConfirm={() => mutation.mutate({ action }, { onSettled: () => setOpen(false) })}
      >
        {body}
      </ConfirmDialog>
    </div>
  );
}

type ReasonActionProps = ActionProps & {
  action: 'deny' | 'revoke' | 'withdraw-consent';
  label: string;
  reasonLabel: string;
  hint: string;
  confirmTitle: string;
  confirmBody: ReactNode;
};

/** An action that needs a reason: the reason first, then a confirmation, since each one ends something. */
export function ReasonAction({ request, onReload, action, label, reasonLabel, hint, confirmTitle, confirmBody }: ReasonActionProps) {
  const [expanded, setExpanded] = useState(false);
  const [reason, setReason] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const mutation = useAccessAction(request);
  const formId = useId();
  const error = clientError ?? serverFieldErrors(mutation.error).reason;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = decisionReason.safeParse({ reason });
    if (!parsed.success) {
      setClientError(issuesToErrors(parsed.error).reason ?? 'Required');
      return;
    }
    setClientError(undefined);
    setConfirming(true);
  };

  return (
    <div className="space-y-3">
      <Button variant="danger" aria-expanded={expanded} aria-controls={formId} onClick={() => setExpanded((v) => !v)}>
        {label}
      </Button>
      <div id={formId} hidden={!expanded}>
        {expanded ? (
          <form
            noValidate
            onSubmit={onSubmit}
            aria-label={label}
            className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-xs"
          >
            <FormAlert error={mutation.error} onReload={reloadAfter(mutation, onReload)} />
            <TextAreaField
              label={reasonLabel}
              hint={hint}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={error}
              maxLength={2000}
            />
            <div className="flex gap-2">
              <Button type="submit" variant="danger">
                {label}…
              </Button>
              <Button variant="ghost" onClick={() => setExpanded(false)}>
                Close
              </Button>
            </div>
          </form>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title={confirmTitle}
        confirmLabel={label}
        busy={mutation.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => mutation.mutate({ action, body: { reason } }, { onSettled: () => setConfirming(false) })}
      >
        {confirmBody}
      </ConfirmDialog>
    </div>
  );
}
