import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import type { ErasurePersonKind } from '@/api/contract/deletions';
import { createDeletion, createPersonErasure, identityCheckMethods } from '@/api/contract/deletions';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { SelectField, TextField } from '@/components/ui/fields';
import { PageHeader } from '@/components/ui/page-header';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { instantFromLocal, localDateValue } from '@/lib/local-input';
import { useCreateDeletion, useCreatePersonErasure } from '@/features/deletions/api/deletion-mutations';
import { AccountPicker } from '@/features/deletions/components/account-picker';

type ErasureValues = { accountId: string; receivedAt: string; note: string };

const labels = { accountId: 'Account', receivedAt: 'Received on', note: 'Note' };
const labelOf = fieldLabels(labels);

/** The contract's body: received "on" a date means from the start of that day in the reader's zone. */
const erasureSchema = z
  .custom<ErasureValues>()
  .transform(({ receivedAt, ...values }) => ({ ...values, origin: 'erasure_request' as const, receivedAt: instantFromLocal(receivedAt) }))
  .pipe(createDeletion);

type PersonValues = {
  personKind: ErasurePersonKind;
  email: string;
  visitorId: string;
  receivedAt: string;
  note: string;
  identityCheck: { method: (typeof identityCheckMethods)[number]; detail: string };
};

const personLabels = {
  personKind: 'Who asked',
  email: 'Their email',
  visitorId: 'Visitor id',
  receivedAt: 'Received on',
  note: 'Note',
  'identityCheck.method': 'How their identity was verified',
  'identityCheck.detail': 'What was checked',
};
const personLabelOf = fieldLabels(personLabels);

const personKindOptions = [
  { value: 'account_person', label: 'A person of a customer account' },
  { value: 'newsletter_subscriber', label: 'A newsletter subscriber' },
  { value: 'website_visitor', label: 'A website visitor' },
] as const;

const methodLabels: Record<(typeof identityCheckMethods)[number], string> = {
  signed_in_account: 'Asked while signed in to their account',
  reply_from_email: 'Confirmed by a reply from their email address',
  visitor_cookie: 'Asked from the browser holding the visitor cookie',
  document_check: 'Checked against a document (no copy kept)',
  other: 'Another way (say how)',
};

/** The person's erasure as the contract takes it: the identifier their kind is found by, and no other. */
const personSchema = z
  .custom<PersonValues>()
  .transform(({ receivedAt, email, visitorId, ...values }): z.input<typeof createPersonErasure> => {
    const visitor = values.personKind === 'website_visitor';
    const id = visitor ? { visitorId: visitorId.trim() || undefined } : { email: email.trim() || undefined };
    return { ...values, ...id, receivedAt: instantFromLocal(receivedAt) };
  })
  .pipe(createPersonErasure);

function PersonErasureForm() {
  const navigate = useNavigate();
  const mutation = useCreatePersonErasure();
  const form = useContractForm({
    schema: personSchema,
    defaultValues: {
      personKind: 'account_person',
      email: '',
      visitorId: '',
      receivedAt: localDateValue(new Date()),
      note: '',
      identityCheck: { method: 'reply_from_email', detail: '' },
    },
    onSubmit: async (body) => {
      const created = await mutation.mutateAsync(body);
      await navigate(`/deletions/${created.id}`);
    },
  });
  const { register, watch, summary } = form;
  const visitor = watch('personKind') === 'website_visitor';
  return (
    <form
      onSubmit={(event) => void form.submit(event)}
      noValidate
      aria-label="Record a person's erasure request"
      className="max-w-2xl space-y-6"
    >
      <FormErrors {...summary} labelOf={personLabelOf} />
      <SelectField
        {...register('personKind')}
        label={personLabels.personKind}
        options={personKindOptions}
        error={summary.errors.personKind}
      />
      {visitor ? (
        <TextField
          {...register('visitorId')}
          label={personLabels.visitorId}
          hint="The id of their visitor cookie, e.g. sub_000123"
          error={summary.errors.visitorId}
        />
      ) : (
        <TextField {...register('email')} label={personLabels.email} type="email" autoComplete="off" error={summary.errors.email} />
      )}
      <SelectField
        {...register('identityCheck.method')}
        label={personLabels['identityCheck.method']}
        options={identityCheckMethods.map((m) => ({ value: m, label: methodLabels[m] }))}
        error={summary.errors['identityCheck.method']}
      />
      <TextAreaField
        {...register('identityCheck.detail')}
        label={personLabels['identityCheck.detail']}
        hint="Recorded with your name as the officer who verified it"
        error={summary.errors['identityCheck.detail']}
      />
      <TextField
        {...register('receivedAt')}
        label={personLabels.receivedAt}
        type="date"
        max={localDateValue(new Date())}
        error={summary.errors.receivedAt}
      />
      <TextAreaField
        {...register('note')}
        label={personLabels.note}
        hint="How the request arrived (no more personal data than needed)"
        error={summary.errors.note}
      />
      <RecordOrCancel pending={mutation.isPending} />
    </form>
  );
}

/** Both forms' last row: record the request, or go back to the list. */
function RecordOrCancel({ pending }: { pending: boolean }) {
  return (
    <div className="flex gap-2">
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? 'Recording…' : 'Record erasure request'}
      </Button>
      <Link to="/deletions" className={`${linkClass} self-center text-sm`}>
        Cancel
      </Link>
    </div>
  );
}

function ErasureForm() {
  const navigate = useNavigate();
  const mutation = useCreateDeletion();
  const [chosenName, setChosenName] = useState<string | null>(null);
  const form = useContractForm({
    schema: erasureSchema,
    defaultValues: { accountId: '', receivedAt: localDateValue(new Date()), note: '' },
    onSubmit: async (body) => {
      const created = await mutation.mutateAsync(body);
      await navigate(`/deletions/${created.id}`);
    },
  });
  const { register, control, summary } = form;
  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate aria-label="Record an erasure request" className="max-w-2xl space-y-6">
      <FormErrors {...summary} labelOf={labelOf} />
      <Controller
        control={control}
        name="accountId"
        render={({ field }) => (
          <AccountPicker
            value={field.value}
            chosenName={chosenName}
            error={summary.errors.accountId}
            onChange={(account) => {
              setChosenName(account.name);
              field.onChange(account.id);
            }}
          />
        )}
      />
      <TextField
        {...register('receivedAt')}
        label={labels.receivedAt}
        type="date"
        max={localDateValue(new Date())}
        error={summary.errors.receivedAt}
      />
      <TextAreaField
        {...register('note')}
        label={labels.note}
        hint="How the request arrived and who asked (no more personal data than needed)"
        error={summary.errors.note}
      />
      <RecordOrCancel pending={mutation.isPending} />
    </form>
  );
}

/** Behind the route's `deletions.write` gate: only those who may record one reach it. */
export function Component() {
  const [scope, setScope] = useState<'account' | 'person'>('account');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/deletions" className={linkClass}>
          ← Deletions
        </Link>
      </p>
      <PageHeader
        title="Record an erasure request"
        description="Someone asked us to erase their data (Art. 17). It is due one calendar month after receipt (one extension of up to two months), and a second officer approves it."
      />
      <div className="mb-6 max-w-2xl">
        <SelectField
          label="What to erase"
          value={scope}
          onChange={(event) => setScope(event.target.value === 'person' ? 'person' : 'account')}
          options={[
            { value: 'account', label: "A whole account's data" },
            { value: 'person', label: "One person's data (a person of an account, a subscriber or a visitor)" },
          ]}
        />
      </div>
      {scope === 'account' ? <ErasureForm /> : <PersonErasureForm />}
    </>
  );
}
