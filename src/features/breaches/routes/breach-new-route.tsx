import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { breachConcerns, createBreach } from '@/api/contract/breaches';
import { dataCategories } from '@/api/contract/processors';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { CheckboxField, SelectField, TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { TextAreaField } from '@/components/ui/text-area-field';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { humanize } from '@/lib/format';
import { instantFromLocal, localDateTimeValue } from '@/lib/local-input';
import { useCreateBreach } from '@/features/breaches/api/breach-mutations';
import { breachQueries } from '@/features/breaches/api/breach-queries';

type BreachValues = {
  title: string;
  description: string;
  occurredFrom: string;
  occurredTo: string;
  awareAt: string;
  reportedBy: string;
  systemIds: string[];
  dataCategories: string[];
  concerns: string;
};

const labels = {
  title: 'Title',
  description: 'What happened',
  occurredFrom: 'Happened at (or from)',
  occurredTo: 'Happened until (for a range)',
  awareAt: 'We became aware at',
  reportedBy: 'Reported by',
  systemIds: 'Systems involved',
  dataCategories: 'Data categories',
  concerns: 'Whose data',
};
const labelOf = fieldLabels(labels);
const concernLabels = {
  own_data: 'Our data (we are the controller)',
  customer_content: "Customers' content (we are their processor)",
  both: 'Both',
};

/** The contract's body from the inputs: local date-times become instants, an empty "until" none. */
const breachSchema = z
  .custom<BreachValues>()
  .transform((v) => ({
    ...v,
    occurredFrom: instantFromLocal(v.occurredFrom),
    occurredTo: v.occurredTo ? instantFromLocal(v.occurredTo) : null,
    awareAt: instantFromLocal(v.awareAt),
    systemIds: Array.isArray(v.systemIds) ? v.systemIds : [],
    dataCategories: Array.isArray(v.dataCategories) ? v.dataCategories : [],
  }))
  .pipe(createBreach);

function BreachForm() {
  const navigate = useNavigate();
  const mutation = useCreateBreach();
  const systems = useQuery(breachQueries.systems());
  const now = localDateTimeValue(new Date());
  const form = useContractForm({
    schema: breachSchema,
    defaultValues: {
      title: '',
      description: '',
      occurredFrom: now,
      occurredTo: '',
      awareAt: now,
      reportedBy: '',
      systemIds: [],
      dataCategories: [],
      concerns: 'own_data',
    },
    onSubmit: async (body) => {
      const created = await mutation.mutateAsync(body);
      await navigate(`/breaches/${created.id}`);
    },
  });
  const { register, summary } = form;
  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate aria-label="Record a breach" className="max-w-3xl space-y-6">
      <FormErrors {...summary} labelOf={labelOf} />
      <TextField {...register('title')} label={labels.title} error={summary.errors.title} />
      <TextAreaField {...register('description')} label={labels.description} error={summary.errors.description} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField {...register('occurredFrom')} type="datetime-local" label={labels.occurredFrom} error={summary.errors.occurredFrom} />
        <TextField {...register('occurredTo')} type="datetime-local" label={labels.occurredTo} error={summary.errors.occurredTo} />
        <TextField
          {...register('awareAt')}
          type="datetime-local"
          label={labels.awareAt}
          hint="The 72-hour clock starts here; it cannot be in the future."
          error={summary.errors.awareAt}
        />
      </div>
      <TextField {...register('reportedBy')} label={labels.reportedBy} error={summary.errors.reportedBy} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-gray-900">{labels.systemIds}</legend>
        <p className="text-xs text-gray-600">From the registry: processors and our own storage locations.</p>
        <QueryState query={systems} loading="Loading the registry…" rows={3}>
          {(page) => (
            <div className="grid gap-1 sm:grid-cols-3">
              {page.items
                .filter((p) => p.status !== 'proposed')
                .map((p) => (
                  <CheckboxField key={p.id} label={p.name} value={p.id} {...register('systemIds')} />
                ))}
            </div>
          )}
        </QueryState>
        {summary.errors.systemIds ? <p className="text-sm text-red-700">{summary.errors.systemIds}</p> : null}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-gray-900">{labels.dataCategories}</legend>
        <div className="grid gap-1 sm:grid-cols-3">
          {dataCategories.map((value) => (
            <CheckboxField key={value} label={humanize(value)} value={value} {...register('dataCategories')} />
          ))}
        </div>
      </fieldset>
      <SelectField
        {...register('concerns')}
        label={labels.concerns}
        options={breachConcerns.map((value) => ({ value, label: concernLabels[value] }))}
        error={summary.errors.concerns}
      />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Recording…' : 'Record breach'}
        </Button>
        <Link to="/breaches" className={`${linkClass} self-center text-sm`}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

export function Component() {
  return (
    <>
      <PageHeader
        title="Record a breach"
        description="Every breach is documented, notified or not (GDPR Art. 33(5)). Who is affected is counted from the systems you pick."
      />
      <BreachForm />
    </>
  );
}
