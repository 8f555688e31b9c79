import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import type { FieldPath, RegisterOptions } from 'react-hook-form';
import { useFieldArray } from 'react-hook-form';
import { useBlocker } from 'react-router';
import { consentPurposeOptions } from '@/api/contract/consent';
import { countryCodes, countryName } from '@/api/contract/countries';
import type { ProcessorInput } from '@/api/contract/processors';
import {
  dataCategories,
  dataSubjectTypes,
  dpaStatuses,
  legalBases,
  processorCategories,
  processorKinds,
  retentionTriggers,
  transferMechanisms,
} from '@/api/contract/processors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CheckboxField, SelectField, TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { humanize } from '@/lib/format';
import type { ProcessorFormValues } from './processor-form-values';
import { emptyLocation, emptyPurpose, processorFormSchema } from './processor-form-values';
import { dataCategoryLabel } from './processor-labels';

const transferMechanismLabels: Readonly<Record<string, string>> = {
  scc: 'Standard contractual clauses',
  bcr: 'Binding corporate rules',
  other_art46: 'Other Art. 46 safeguard',
};

const options = (values: readonly string[], label: (value: string) => string = humanize) =>
  values.map((value) => ({ value, label: label(value) }));

/** The one place each field is named: by its label, in its error summary entry and next to it. */
const labelOf = fieldLabels({
  kind: 'Kind',
  name: 'Processor name',
  legalEntity: 'Legal entity',
  category: 'Category',
  owner: 'Owner',
  privacyPolicyUrl: 'Privacy policy URL',
  dpfParticipant: 'Data Privacy Framework participant',
  description: 'Description',
  dataCategories: 'Data categories',
  dataSubjects: 'Data subjects',
  purposes: 'Purposes',
  'purposes.#.purpose': 'Purpose #',
  'purposes.#.legalBasis': 'Legal basis #',
  'purposes.#.consentPurpose': 'Consent purpose #',
  locations: 'Locations',
  'locations.#.country': 'Country #',
  'locations.#.transferMechanism': 'Transfer mechanism #',
  'dpa.status': 'DPA status',
  'dpa.signedOn': 'DPA signed on',
  'dpa.reference': 'DPA reference',
  'dpa.nextReview': 'DPA next review',
  'dpa.expiresOn': 'DPA expires on',
  retention: 'Retention',
  'retention.amount': 'Retention amount',
  'retention.unit': 'Retention unit',
  'retention.trigger': 'Counted from',
  'retention.note': 'Retention note',
  lastReviewedOn: 'Last reviewed on',
  reviewCycleMonths: 'Review cycle (months)',
});

/** An empty input or "None" choice is the body's null. */
const orNull = { setValueAs: (value: unknown) => (value === '' ? null : value) };
const numberOrNull = { setValueAs: (value: unknown) => (value === '' || value === null ? null : Number(value)) };
/** Every assigned ISO 3166 country, by its name in the reader's language. */
const countryOptions = countryCodes.map((value) => ({ value, label: countryName(value) })).sort((a, b) => a.label.localeCompare(b.label));

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-gray-200 bg-white p-6">
      <legend className="px-1 text-base font-semibold text-gray-900">{title}</legend>
      {children}
    </fieldset>
  );
}

type ProcessorFormProps = {
  initial: ProcessorFormValues;
  submitLabel: string;
  /** Saves the checked body; resolves when saved, rejects with the API's error. */
  onSave: (body: ProcessorInput) => Promise<void>;
  onCancel: () => void;
  /** Loads the newer version after a 412; the form keeps what was typed. */
  onReload?: () => Promise<void>;
};

/** The one form for adding and editing a processor. */
export function ProcessorForm({ initial, submitLabel, onSave, onCancel, onReload }: ProcessorFormProps) {
  // Set just before leaving after a save, so the guard does not ask about changes that are saved.
  const leaving = useRef(false);
  const [reloaded, setReloaded] = useState(false);
  const form = useContractForm({
    schema: processorFormSchema,
    defaultValues: initial,
    onSubmit: async (body) => {
      leaving.current = true;
      try {
        await onSave(body);
      } finally {
        leaving.current = false;
      }
    },
  });
  const { register, control, summary, formState } = form;
  const purposes = useFieldArray({ control, name: 'purposes' });
  const locations = useFieldArray({ control, name: 'locations' });
  // Read while rendering: react-hook-form tracks only the form state a render has read.
  const dirty = formState.isDirty;
  // Sent to sign in again (the session ended), the typed values wait as a draft: nothing to ask.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname && nextLocation.pathname !== '/sign-in',
  );

  /** A field's label, its error and its registration, from its path. */
  const field = (path: FieldPath<ProcessorFormValues>, rules?: RegisterOptions<ProcessorFormValues>) => ({
    label: labelOf(path) ?? path,
    error: summary.errors[path],
    ...register(path, rules),
  });

  return (
    <form noValidate className="space-y-6" aria-label={submitLabel} onSubmit={(event) => void form.submit(event)}>
      <FormErrors
        {...summary}
        labelOf={labelOf}
        subject="This processor"
        onReload={
          onReload
            ? () => {
                void onReload().then(() => {
                  form.clearFailure();
                  setReloaded(true);
                });
              }
            : undefined
        }
      />
      {reloaded ? (
        <Alert tone="info" title="Newer version loaded">
          <p>Your input is kept. Saving now replaces the newer version with what you see here.</p>
        </Alert>
      ) : null}

      <Group title="What it does">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field('name')} />
          <TextField {...field('legalEntity')} />
          <SelectField {...field('kind')} options={options(processorKinds)} />
          <SelectField {...field('category')} options={options(processorCategories)} />
          <TextField {...field('owner')} />
          <TextField {...field('privacyPolicyUrl', orNull)} type="url" />
          <TextField
            {...field('dpfParticipant', orNull)}
            hint="The US organisation certified under the EU-US Data Privacy Framework, as listed at dataprivacyframework.gov; empty when none"
          />
        </div>
        <TextAreaField {...field('description')} />
      </Group>

      <Group title="Data">
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">{labelOf('dataCategories')}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {dataCategories.map((value) => (
              <CheckboxField key={value} label={dataCategoryLabel(value)} value={value} {...register('dataCategories')} />
            ))}
          </div>
          {summary.errors.dataCategories ? <p className="text-sm text-red-700">{summary.errors.dataCategories}</p> : null}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">{labelOf('dataSubjects')}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {dataSubjectTypes.map((value) => (
              <CheckboxField key={value} label={humanize(value)} value={value} {...register('dataSubjects')} />
            ))}
          </div>
          {summary.errors.dataSubjects ? <p className="text-sm text-red-700">{summary.errors.dataSubjects}</p> : null}
        </fieldset>
      </Group>

      <Group title="Purposes and legal basis">
        {summary.errors.purposes ? <p className="text-sm text-red-700">{summary.errors.purposes}</p> : null}
        {purposes.fields.map((row, index) => (
          <div key={row.id} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_1fr_auto]">
            <TextField {...field(`purposes.${index}.purpose`)} />
            <SelectField {...field(`purposes.${index}.legalBasis`)} options={options(legalBases)} />
            <SelectField {...field(`purposes.${index}.consentPurpose`, orNull)} emptyLabel="None" options={consentPurposeOptions} />
            <Button disabled={purposes.fields.length === 1} onClick={() => purposes.remove(index)}>
              Remove purpose {index + 1}
            </Button>
          </div>
        ))}
        <Button onClick={() => purposes.append(emptyPurpose)}>Add purpose</Button>
      </Group>

      <Group title="Locations and transfers">
        {summary.errors.locations ? <p className="text-sm text-red-700">{summary.errors.locations}</p> : null}
        {locations.fields.map((row, index) => (
          <div key={row.id} className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
            <SelectField {...field(`locations.${index}.country`)} emptyLabel="Choose a country" options={countryOptions} />
            <SelectField
              {...field(`locations.${index}.transferMechanism`, orNull)}
              emptyLabel="None on record"
              options={options(transferMechanisms, (value) => transferMechanismLabels[value] ?? value)}
            />
            <Button disabled={locations.fields.length === 1} onClick={() => locations.remove(index)}>
              Remove location {index + 1}
            </Button>
          </div>
        ))}
        <Button onClick={() => locations.append(emptyLocation)}>Add location</Button>
      </Group>

      <Group title="Data processing agreement">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField {...field('dpa.status')} options={options(dpaStatuses)} />
          <TextField {...field('dpa.signedOn', orNull)} type="date" />
          <TextField {...field('dpa.reference', orNull)} />
          <TextField {...field('dpa.nextReview', orNull)} type="date" />
          <TextField {...field('dpa.expiresOn', orNull)} type="date" hint="Empty when the DPA has no end date" />
        </div>
      </Group>

      <Group title="Retention">
        {summary.errors.retention ? <p className="text-sm text-red-700">{summary.errors.retention}</p> : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField {...field('retention.amount', numberOrNull)} type="number" min={1} />
          <SelectField
            {...field('retention.unit', orNull)}
            emptyLabel="No fixed period"
            options={options(['hours', 'days', 'months', 'years'])}
          />
          <SelectField
            {...field('retention.trigger', orNull)}
            emptyLabel="No retention rule on record"
            options={options(retentionTriggers)}
          />
        </div>
        <TextAreaField {...field('retention.note')} />
      </Group>

      <Group title="Review">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field('lastReviewedOn', orNull)} type="date" />
          <TextField {...field('reviewCycleMonths', numberOrNull)} type="number" min={1} max={60} />
        </div>
      </Group>

      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Saving…' : submitLabel}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>

      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Leave with unsaved changes?"
        confirmLabel="Leave"
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>What you changed in this form has not been saved and will be lost.</p>
      </ConfirmDialog>
    </form>
  );
}
