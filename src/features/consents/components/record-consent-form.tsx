import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import type { ConsentAction, ConsentChannel, ConsentPurpose, RecordConsent } from '@/api/contract/consent';
import { consentChannels, consentPurposeLabels, consentPurposeOptions, recordConsent } from '@/api/contract/consent';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { instantFromLocal, localDateTimeValue } from '@/lib/local-input';
import { formatDateTime, humanize } from '@/lib/format';
import { useRecordConsent } from '@/features/consents/api/consent-mutations';
import { consentQueries } from '@/features/consents/api/consent-queries';

type RecordConsentValues = {
  purpose: ConsentPurpose | '';
  action: ConsentAction;
  channel: ConsentChannel;
  note: string;
  /** The reader's local time as typed; empty for now. */
  occurredAt: string;
};

const emptyValues: RecordConsentValues = { purpose: '', action: 'withdrawn', channel: 'support_conversation', note: '', occurredAt: '' };

const labelOf = fieldLabels({
  purpose: 'Purpose',
  action: 'Action',
  channel: 'Channel',
  note: 'Note',
  occurredAt: 'When the person said it (optional)',
});

/** The contract's body for this person, from what the form holds. */
const recordConsentFor = (subjectId: string) =>
  z
    .custom<RecordConsentValues>()
    // Unknown until the contract's schema has checked it: the purpose may still be unchosen.
    .transform(({ occurredAt, ...values }): unknown => ({
      ...values,
      subjectId,
      occurredAt: occurredAt === '' ? undefined : instantFromLocal(occurredAt),
    }))
    .pipe(recordConsent);

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
  const [pending, setPending] = useState<RecordConsent | null>(null);
  const mutation = useRecordConsent();
  const schema = useMemo(() => recordConsentFor(subjectId), [subjectId]);
  // Checked first, sent only once confirmed: the dialog says which processors the change reaches.
  const form = useContractForm({ schema, defaultValues: emptyValues, onSubmit: async (body) => setPending(body) });
  const { register, summary } = form;
  const field = (path: keyof RecordConsentValues) => ({ label: labelOf(path) ?? path, error: summary.errors[path], ...register(path) });

  const confirm = () => {
    if (!pending) return;
    mutation.mutate(pending, {
      onSuccess: () => {
        setPending(null);
        form.reset(emptyValues);
      },
      // What was typed stays in the form; the messages stand by their fields.
      onError: (error) => {
        setPending(null);
        form.fail(error);
      },
    });
  };

  const withdrawal = pending?.action === 'withdrawn';
  const when = pending?.occurredAt ? formatDateTime(pending.occurredAt) : 'now';

  return (
    <>
      <form
        onSubmit={(event) => void form.submit(event)}
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
        <FormErrors {...summary} labelOf={labelOf} subject="This person" />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField {...field('purpose')} emptyLabel="Choose a purpose" options={consentPurposeOptions} />
          <SelectField
            {...field('action')}
            options={[
              { value: 'withdrawn', label: 'Withdraw consent' },
              { value: 'granted', label: 'Grant consent' },
            ]}
          />
          <SelectField {...field('channel')} options={consentChannels.map((value) => ({ value, label: humanize(value) }))} />
          <TextField
            {...field('occurredAt')}
            type="datetime-local"
            hint="Your local time; leave empty for now. Not in the future."
            max={localDateTimeValue(new Date())}
          />
        </div>
        <TextAreaField {...field('note')} hint="Required: where and how the person said it (ticket or call reference)." />
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
