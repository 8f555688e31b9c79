import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import { z } from 'zod';
import type { ConsentChannel } from '@/api/contract/consent';
import { consentChannels } from '@/api/contract/consent';
import type { SupportAccessRequestView } from '@/api/contract/support-access';
import { attachCredentials, decisionReason, recordCustomerConsent } from '@/api/contract/support-access';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { humanize } from '@/lib/format';
import { instantFromLocal, localDateTimeValue } from '@/lib/local-input';
import { useAccessAction } from '@/features/support-access/api/support-access-mutations';
import { supportAccessQueries } from '@/features/support-access/api/support-access-queries';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';

type ActionProps = { request: SupportAccessRequestView; onReload: () => void };

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

/** An action with a form of its own, refused now: its place keeps the disabled button and the API's reason. */
export function RefusedAction({ title, label, refusal }: { title: string; label: string; refusal: string }) {
  return (
    <Panel title={title}>
      <ActionButton variant="primary" refusal={refusal}>
        {label}
      </ActionButton>
    </Panel>
  );
}

/** After a 412: forget the failed attempt and load the newer version; the form keeps what was typed. */
function reloadAfter(mutation: { reset: () => void }, form: { clearFailure: () => void } | null, onReload: () => void): () => void {
  return () => {
    mutation.reset();
    form?.clearFailure();
    onReload();
  };
}

type ConsentValues = { personId: string; givenAt: string; channel: ConsentChannel; quote: string };

const consentLabels = { personId: 'Person who consented', givenAt: 'Given at', channel: 'Channel', quote: 'Their words, quoted' };
const consentLabelOf = fieldLabels(consentLabels);

/** The contract's body, with the reader's local time as an instant. */
const consentSchema = z
  .custom<ConsentValues>()
  .transform(({ givenAt, ...values }) => ({ ...values, givenAt: instantFromLocal(givenAt) }))
  .pipe(recordCustomerConsent);

export function ConsentForm({ request, onReload }: ActionProps) {
  const account = useQuery(supportAccessQueries.account(request.accountId));
  const mutation = useAccessAction(request);
  const form = useContractForm({
    schema: consentSchema,
    defaultValues: { personId: '', givenAt: localDateTimeValue(new Date()), channel: 'support_conversation', quote: '' },
    onSubmit: (body) => mutation.mutateAsync({ action: 'consent', body }),
  });
  const { register, summary } = form;
  const field = (path: keyof ConsentValues) => ({ label: consentLabels[path], error: summary.errors[path], ...register(path) });

  const people = account.data?.people ?? [];
  return (
    <Panel title={request.consent ? 'Replace the customer’s consent' : 'Record customer consent'}>
      <p className="text-sm text-gray-700">
        Nothing can be approved without the customer’s explicit consent (policy 5.1). Record who gave it, when, how, and their words.
      </p>
      <form noValidate onSubmit={(event) => void form.submit(event)} aria-label="Record customer consent" className="space-y-4">
        <FormErrors {...summary} labelOf={consentLabelOf} onReload={reloadAfter(mutation, form, onReload)} />
        <SelectField
          {...field('personId')}
          emptyLabel={account.isPending ? 'Loading the account’s people…' : 'Choose a person of this account'}
          options={people.map((person) => ({
            value: person.id,
            label: [person.name ?? person.id, person.accountRole ? humanize(person.accountRole) : null, person.email]
              .filter(Boolean)
              .join(' · '),
          }))}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field('givenAt')} type="datetime-local" hint="Your time zone" max={localDateTimeValue(new Date())} />
          <SelectField {...field('channel')} options={consentChannels.map((value) => ({ value, label: humanize(value) }))} />
        </div>
        <TextAreaField {...field('quote')} hint="Exactly what the customer said or wrote" maxLength={2000} />
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Recording…' : 'Record consent'}
        </Button>
      </form>
    </Panel>
  );
}

const credentialLabels = { username: 'Username', password: 'Password' };
const credentialLabelOf = fieldLabels(credentialLabels);

export function CredentialsForm({ request, onReload }: ActionProps) {
  const mutation = useAccessAction(request);
  const form = useContractForm({
    schema: attachCredentials,
    defaultValues: { username: '', password: '' },
    onSubmit: async (body) => {
      await mutation.mutateAsync({ action: 'credentials', body });
      // The password leaves the page's memory once stored: the form has no use for it afterwards.
      form.reset();
    },
  });
  const { register, summary } = form;

  return (
    <Panel title={request.hasCredentials ? 'Replace the login details' : 'Attach login details'}>
      <p className="text-sm text-gray-700">
        {request.hasCredentials
          ? 'Login details are stored, encrypted. New ones replace them.'
          : 'If the customer gave you login details, store them here. They are kept encrypted and only you can reveal them, during the grant.'}
      </p>
      <form noValidate onSubmit={(event) => void form.submit(event)} aria-label="Attach login details" className="space-y-4">
        <FormErrors {...summary} labelOf={credentialLabelOf} onReload={reloadAfter(mutation, form, onReload)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...register('username')} label={credentialLabels.username} autoComplete="off" error={summary.errors.username} />
          <TextField
            {...register('password')}
            label={credentialLabels.password}
            type="password"
            autoComplete="new-password"
            error={summary.errors.password}
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
  refusal: string | null;
};

/** An action without input, behind a confirmation. */
export function ConfirmAction({ request, onReload, action, label, title, body, tone, refusal }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const mutation = useAccessAction(request);
  return (
    <div className="space-y-2">
      <FormErrors failure={mutation.error} onReload={reloadAfter(mutation, null, onReload)} />
      <ActionButton variant={tone} refusal={refusal} onClick={() => setOpen(true)}>
        {label}
      </ActionButton>
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
  refusal: string | null;
};

/** An action that needs a reason: the reason first, then a confirmation, since each one ends something. */
export function ReasonAction({
  request,
  onReload,
  action,
  label,
  reasonLabel,
  hint,
  confirmTitle,
  confirmBody,
  refusal,
}: ReasonActionProps) {
  const [expanded, setExpanded] = useState(false);
  const [confirmed, setConfirmed] = useState<{ reason: string } | null>(null);
  const mutation = useAccessAction(request);
  const formId = useId();
  // Checked first, sent only once confirmed.
  const form = useContractForm({ schema: decisionReason, defaultValues: { reason: '' }, onSubmit: async (body) => setConfirmed(body) });
  const labelOf = fieldLabels({ reason: reasonLabel });

  const confirm = () => {
    if (!confirmed) return;
    mutation.mutate(
      { action, body: confirmed },
      {
        onError: (error) => form.fail(error),
        onSettled: () => setConfirmed(null),
      },
    );
  };

  if (refusal !== null) {
    return (
      <ActionButton variant="danger" refusal={refusal}>
        {label}
      </ActionButton>
    );
  }
  return (
    <div className="space-y-3">
      <Button variant="danger" aria-expanded={expanded} aria-controls={formId} onClick={() => setExpanded((v) => !v)}>
        {label}
      </Button>
      <div id={formId} hidden={!expanded}>
        {expanded ? (
          <form
            noValidate
            onSubmit={(event) => void form.submit(event)}
            aria-label={label}
            className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-xs"
          >
            <FormErrors {...form.summary} labelOf={labelOf} onReload={reloadAfter(mutation, form, onReload)} />
            <TextAreaField
              {...form.register('reason')}
              label={reasonLabel}
              hint={hint}
              error={form.summary.errors.reason}
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
        open={confirmed !== null}
        title={confirmTitle}
        confirmLabel={label}
        busy={mutation.isPending}
        onCancel={() => setConfirmed(null)}
        onConfirm={confirm}
      >
        {confirmBody}
      </ConfirmDialog>
    </div>
  );
}
