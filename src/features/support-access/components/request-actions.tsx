import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import { z } from 'zod';
import type { SupportAccessRequestView } from '@/api/contract/support-access';
import { accessConsentChannelLabels, attachCredentials, decisionReason, recordCustomerConsent } from '@/api/contract/support-access';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { instantFromLocal, localDateTimeValue } from '@/lib/local-input';
import { useAccessAction } from '@/features/support-access/api/support-access-mutations';
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

type ConsentValues = { givenAt: string; channel: 'support_conversation' | 'phone_call'; quote: string; reason: string };

const consentLabels = {
  givenAt: 'Given at',
  channel: 'Channel',
  quote: 'Their words, quoted',
  reason: 'Why not on the consent page',
};
const consentLabelOf = fieldLabels(consentLabels);

/** The contract's body, with the reader's local time as an instant. */
const consentSchema = z
  .custom<ConsentValues>()
  .transform(({ givenAt, ...values }) => ({ ...values, givenAt: instantFromLocal(givenAt) }))
  .pipe(recordCustomerConsent);

/** The exception: consent the customer gave in the conversation or by phone, which a second officer confirms. */
export function ConsentForm({ request, onReload }: ActionProps) {
  const mutation = useAccessAction(request);
  const form = useContractForm({
    schema: consentSchema,
    defaultValues: { givenAt: localDateTimeValue(new Date()), channel: 'phone_call', quote: '', reason: '' },
    onSubmit: (body) => mutation.mutateAsync({ action: 'consent', body }),
  });
  const { register, summary } = form;
  const field = (path: keyof ConsentValues) => ({ label: consentLabels[path], error: summary.errors[path], ...register(path) });

  return (
    <Panel title="Exception: record consent given by phone or in the conversation">
      <p className="text-sm text-gray-700">
        The customer consents on the consent page. Only when they cannot, record what {request.consentOwner?.personName ?? 'the owner'} said
        and why; a second officer must confirm it before anyone can approve.
      </p>
      <form noValidate onSubmit={(event) => void form.submit(event)} aria-label="Record customer consent" className="space-y-4">
        <FormErrors {...summary} labelOf={consentLabelOf} onReload={reloadAfter(mutation, form, onReload)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            {...field('givenAt')}
            type="datetime-local"
            hint="Your time zone; not before the request was made"
            min={localDateTimeValue(new Date(request.createdAt))}
            max={localDateTimeValue(new Date())}
          />
          <SelectField
            {...field('channel')}
            options={(['phone_call', 'support_conversation'] as const).map((value) => ({
              value,
              label: accessConsentChannelLabels[value],
            }))}
          />
        </div>
        <TextAreaField {...field('quote')} hint="Exactly what the customer said or wrote" maxLength={2000} />
        <TextAreaField {...field('reason')} maxLength={2000} />
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
  action: 'approve' | 'cancel' | 'confirm-consent' | 'consent-link';
  label: string;
  title: string;
  body: ReactNode;
  tone: 'primary' | 'danger';
  refusal: string | null;
  /** A new consent link was issued: it is answered once, for the agent to copy. */
  onLink?: (link: string) => void;
};

/** An action without input, behind a confirmation. */
export function ConfirmAction({ request, onReload, action, label, title, body, tone, refusal, onLink }: ConfirmActionProps) {
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
        onConfirm={() =>
          mutation.mutate(
            { action },
            {
              onSettled: () => setOpen(false),
              onSuccess: (updated) => {
                if (updated.issuedConsentLink) onLink?.(updated.issuedConsentLink);
              },
            },
          )
        }
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

/** The consent link as issued: answered once (only its hash is kept), so it is shown here to copy. */
export function ConsentLinkBox({ link }: { link: string }) {
  const [copied, setCopied] = useState(false);
  const absolute = link.startsWith('http') ? link : `${window.location.origin}${link}`;
  return (
    <Panel title="Consent link for the customer">
      <p className="text-sm text-gray-700">
        Send this link to the account owner in the support conversation. It works once, until the decision deadline; it is not shown again
        (ask for a new one if it is lost).
      </p>
      <TextField label="Consent link" readOnly value={absolute} onFocus={(event) => event.currentTarget.select()} />
      <Button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(absolute).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy link'}
      </Button>
    </Panel>
  );
}
