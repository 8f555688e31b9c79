import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type { ConsentAction, ConsentChannel, ConsentPurpose, RecordConsent } from '@/api/contract/consent';
import { consentChannels, consentPurposeLabels, consentPurposeOptions, consentPurposes, recordConsent } from '@/api/contract/consent';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import type { FieldErrors } from '@/components/ui/form-errors';
import { FormAlert, issuesToErrors, serverFieldErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { isApiError } from '@/lib/api-client';
import { formatDateTime, humanize } from '@/lib/format';
import { useRecordConsent } from '@/features/consents/api/consent-mutations';
import { consentQueries } from '@/features/consents/api/consent-queries';

type Draft = { purpose: ConsentPurpose | ''; action: ConsentAction; channel: ConsentChannel; note: string; occurredAt: string };

const emptyDraft: Draft = { purpose: '', action: 'withdrawn', channel: 'support_conversation', note: '', occurredAt: '' };
const fieldKeys = ['purpose', 'action', 'channel', 'note', 'occurredAt'] as const;

/** `2026-11-29T10:15`, the user's local time now, as a `datetime-local` input wants it. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The form's draft as the API's body, checked by the contract's own schema and the "not in the future" rule. */
function toBody(subjectId: string, draft: Draft, now: Date): { body: RecordConsent } | { errors: FieldErrors } {
  const errors: Record<string, string> = {};
  if (!draft.purpose) errors.purpose = 'Choose a purpose';
  let occurredAt: string | undefined;
  if (draft.occurredAt) {
    const when = new Date(draft.occurredAt);
    if (Number.isNaN(when.getTime())) errors.occurredAt = 'Enter a valid date and time';
    else if (when > now) errors.occurredAt = 'Must not be in the future';
    else occurredAt = when.toISOString();
  }
  const parsed = recordConsent.safeParse({
    subjectId,
    purpose: draft.purpose,
    action: draft.action,
    channel: draft.channel,
    note: draft.note,
    occurredAt,
  });
  if (!parsed.success) Object.assign(errors, { ...issuesToErrors(parsed.error), ...errors });
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { body: parsed.data };
}

function ProcessorImpact({ purpose, action, when }: { purpose: ConsentPurpose; action: ConsentAction; when: string }) {
  const query = useQuery(consentQueries.processorsOn(purpose));
  if (query.isPending) return <p role="status">Checking which processors use this consent…</p>;
  if (query.isError)
    return <Alert>Could not load the processor registry. Check there which processors use this consent before you confirm.</Alert>;
  const affected = query.data.items;
  const label = consentPurposeLabels[purpose];
  if (affected.length === 0) {
    return <p>No active processor uses “{label}”, so no third party needs to be told.</p>;
  }
  return (
    <div className="space-y-2">
      <p>
        {action === 'withdrawn'
          ? `From ${when}, these processors must stop processing this person's data for “${label}”:`
          : `From ${when}, these processors may process this person's data for “${label}”:`}
      </p>
      <ul
        aria-label={action === 'withdrawn' ? 'Processors that must stop' : 'Processors that may start'}
        className="list-disc pl-5 font-medium"
      >
        {affected.map((p) => (
          <li key={p.id}>{p.name}</li>
        ))}
      </ul>
    </div>
  );
}

/** Staff record a grant or withdrawal on the person's behalf, e.g. from a support conversation. */
export function RecordConsentForm({ subjectId }: { subjectId: string }) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState<RecordConsent | null>(null);
  const mutation = useRecordConsent();
  const serverErrors = serverFieldErrors(mutation.error);
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };
  const unplaced = isApiError(mutation.error, 422) && !fieldKeys.some((key) => serverErrors[key]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setClientErrors((current) => ({ ...current, [key]: '' }));
  };

  const review = (event: FormEvent) => {
    event.preventDefault();
    mutation.reset();
    const result = toBody(subjectId, draft, new Date());
    if ('errors' in result) {
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    setPending(result.body);
  };

  const confirm = () => {
    if (!pending) return;
    mutation.mutate(pending, {
      onSuccess: () => {
        setPending(null);
        setDraft(emptyDraft);
      },
      // What was typed stays in the form; the messages stand by their fields.
      onError: () => setPending(null),
    });
  };

  const withdrawal = pending?.action === 'withdrawn';
  const when = pending?.occurredAt ? formatDateTime(pending.occurredAt) : 'now';

  return (
    <>
      <form
        onSubmit={review}
        aria-labelledby="record-consent-heading"
        noValidate
        className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-xs"
      >
        <h2 id="record-consent-heading" className="text-lg font-semibold text-gray-900">
          Record a grant or withdrawal
        </h2>
        <p className="text-sm text-gray-700">
          For something the person told us themselves, e.g. in a support conversation or a call. It is added to the ledger as a new event
          under your name; nothing earlier is changed.
        </p>
        <FormAlert error={unplaced ? null : mutation.error} subject="This person" />
        {unplaced && isApiError(mutation.error) ? <Alert>{mutation.error.message}</Alert> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Purpose"
            emptyLabel="Choose a purpose"
            value={draft.purpose}
            error={errors.purpose || undefined}
            options={consentPurposeOptions}
            onChange={(event) => set('purpose', consentPurposes.find((p) => p === event.target.value) ?? '')}
          />
          <SelectField
            label="Action"
            value={draft.action}
            error={errors.action || undefined}
            options={[
              { value: 'withdrawn', label: 'Withdraw consent' },
              { value: 'granted', label: 'Grant consent' },
            ]}
            onChange={(event) => set('action', event.target.value === 'granted' ? 'granted' : 'withdrawn')}
          />
          <SelectField
            label="Channel"
            value={draft.channel}
            error={errors.channel || undefined}
            options={consentChannels.map((value) => ({ value, label: humanize(value) }))}
            onChange={(event) => set('channel', consentChannels.find((c) => c === event.target.value) ?? 'support_conversation')}
          />
          <TextField
            label="When the person said it (optional)"
            type="datetime-local"
            hint="Your local time; leave empty for now. Not in the future."
            max={localInputValue(new Date())}
            value={draft.occurredAt}
            error={errors.occurredAt || undefined}
            onChange={(event) => set('occurredAt', event.target.value)}
          />
        </div>
        <TextAreaField
          label="Note"
          hint="Required: where and how the person said it (ticket or call reference)."
          value={draft.note}
          error={errors.note || undefined}
          onChange={(event) => set('note', event.target.value)}
        />
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Recording…' : 'Review and record…'}
        </Button>
      </form>
      <ConfirmDialog
        open={pending !== null}
        title={withdrawal ? 'Record this withdrawal?' : 'Record this grant?'}
        confirmLabel={withdrawal ? 'Record withdrawal' : 'Record grant'}
        tone="primary"
        busy={mutation.isPending}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        {pending ? (
          <div className="space-y-3">
            <ProcessorImpact purpose={pending.purpose} action={pending.action} when={when} />
            {withdrawal ? (
              <p>The withdrawal takes effect from {when}. Processing before then stays lawful: the consent was valid when it happened.</p>
            ) : (
              <p>The grant covers processing from {when} until the person withdraws it.</p>
            )}
          </div>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
