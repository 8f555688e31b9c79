import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { createDeletion } from '@/api/contract/deletions';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { TextField } from '@/components/ui/fields';
import { PageHeader } from '@/components/ui/page-header';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { instantFromLocal, localDateValue } from '@/lib/local-input';
import { useCreateDeletion } from '@/features/deletions/api/deletion-mutations';
import { AccountPicker } from '@/features/deletions/components/account-picker';

type ErasureValues = { accountId: string; receivedAt: string; note: string };

const labels = { accountId: 'Account', receivedAt: 'Received on', note: 'Note' };
const labelOf = fieldLabels(labels);

/** The contract's body: received "on" a date means from the start of that day in the reader's zone. */
const erasureSchema = z
  .custom<ErasureValues>()
  .transform(({ receivedAt, ...values }) => ({ ...values, origin: 'erasure_request' as const, receivedAt: instantFromLocal(receivedAt) }))
  .pipe(createDeletion);

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
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Recording…' : 'Record erasure request'}
        </Button>
        <Link to="/deletions" className={`${linkClass} self-center text-sm`}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** Behind the route's `deletions.write` gate: only those who may record one reach it. */
export function Component() {
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
      <ErasureForm />
    </>
  );
}
