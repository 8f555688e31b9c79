import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import type { ProcessorInput } from '@/api/contract/processors';
import { consentPurposeOptions } from '@/api/contract/consent';
import {
  dataCategories,
  dataSubjectTypes,
  dpaStatuses,
  legalBases,
  processorCategories,
  processorInput,
  processorKinds,
  retentionTriggers,
  transferMechanisms,
} from '@/api/contract/processors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CheckboxField, SelectField, TextField } from '@/components/ui/fields';
import { isApiError } from '@/lib/api-client';
import { humanize } from '@/lib/format';
import type { ProcessorDraft } from './processor-draft';
import { draftToBody, emptyLocation, emptyPurpose } from './processor-draft';
import { dataCategoryLabel } from './processor-labels';
import { TextAreaField } from '@/components/ui/text-area-field';

type Errors = Readonly<Record<string, string>>;

const options = (values: readonly string[], label: (value: string) => string = humanize) =>
  values.map((value) => ({ value, label: label(value) }));

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-gray-200 bg-white p-6">
      <legend className="px-1 text-base font-semibold text-gray-900">{title}</legend>
      {children}
    </fieldset>
  );
}

type ProcessorFormProps = {
  initial: ProcessorDraft;
  submitLabel: string;
  /** Saves the checked body; resolves when saved, rejects with the API's error. */
  onSave: (body: ProcessorInput) => Promise<void>;
  onCancel: () => void;
  /** Loads the newer version after a 412; the form keeps what was typed. */
  onReload?: () => Promise<void>;
};

/** The one form for adding and editing a processor. */
export function ProcessorForm({ initial, submitLabel, onSave, onCancel, onReload }: ProcessorFormProps) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  // Set just before leaving after a save, so the guard does not ask about changes that are saved.
  const leaving = useRef(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );

  const set = (changes: Partial<ProcessorDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const err = (path: string) => errors[path];

  const submit = async () => {
    const parsed = processorInput.safeParse(draftToBody(draft));
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.');
        if (!found[path]) found[path] = issue.message;
      }
      setErrors(found);
      setFailure(null);
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    try {
      leaving.current = true;
      await onSave(parsed.data);
    } catch (error) {
      leaving.current = false;
      setFailure(error);
      if (isApiError(error, 422)) setErrors(error.fields);
    } finally {
      setSaving(false);
    }
  };

  const errorCount = Object.keys(errors).length;
  const toggle = (list: readonly string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((item) => item !== value));

  return (
    <form
      noValidate
      className="space-y-6"
      aria-label={submitLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {errorCount > 0 ? (
        <Alert title="Check the highlighted fields">
          <p>{errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} attention before this can be saved.</p>
          {errors.purposes || errors.locations ? <p>{errors.purposes ?? errors.locations}</p> : null}
        </Alert>
      ) : null}
      {isApiError(failure, 412) ? (
        <Alert title="This processor has changed since you loaded it">
          <p>Someone else saved it meanwhile. Load the newer version, then save again; what you typed stays here.</p>
          {onReload ? (
            <Button
              className="mt-2"
              onClick={() => {
                void onReload().then(() => {
                  setFailure(null);
                  setReloaded(true);
                });
              }}
            >
              Load the newer version
            </Button>
          ) : null}
        </Alert>
      ) : failure && !isApiError(failure, 422) ? (
        <Alert title="Could not save">
          <p>{failure instanceof Error ? failure.message : 'Try again.'}</p>
        </Alert>
      ) : null}
      {reloaded ? (
        <Alert tone="info" title="Newer version loaded">
          <p>Your input is kept. Saving now replaces the newer version with what you see here.</p>
        </Alert>
      ) : null}

      <Section title="What it does">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Processor name" value={draft.name} error={err('name')} onChange={(e) => set({ name: e.target.value })} />
          <TextField
            label="Legal entity"
            value={draft.legalEntity}
            error={err('legalEntity')}
            onChange={(e) => set({ legalEntity: e.target.value })}
          />
          <SelectField
            label="Kind"
            value={draft.kind}
            error={err('kind')}
            options={options(processorKinds)}
            onChange={(e) => set({ kind: e.target.value })}
          />
          <SelectField
            label="Category"
            value={draft.category}
            error={err('category')}
            options={options(processorCategories)}
            onChange={(e) => set({ category: e.target.value })}
          />
          <TextField label="Owner" value={draft.owner} error={err('owner')} onChange={(e) => set({ owner: e.target.value })} />
          <TextField
            label="Privacy policy URL"
            type="url"
            value={draft.privacyPolicyUrl}
            error={err('privacyPolicyUrl')}
            onChange={(e) => set({ privacyPolicyUrl: e.target.value })}
          />
        </div>
        <TextAreaField
          label="Description"
          value={draft.description}
          error={err('description')}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Section>

      <Section title="Data">
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">Data categories</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {dataCategories.map((value) => (
              <CheckboxField
                key={value}
                label={dataCategoryLabel(value)}
                checked={draft.dataCategories.includes(value)}
                onChange={(e) => set({ dataCategories: toggle(draft.dataCategories, value, e.target.checked) })}
              />
            ))}
          </div>
          {err('dataCategories') ? <p className="text-sm text-red-700">{err('dataCategories')}</p> : null}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">Data subjects</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {dataSubjectTypes.map((value) => (
              <CheckboxField
                key={value}
                label={humanize(value)}
                checked={draft.dataSubjects.includes(value)}
                onChange={(e) => set({ dataSubjects: toggle(draft.dataSubjects, value, e.target.checked) })}
              />
            ))}
          </div>
        </fieldset>
      </Section>

      <Section title="Purposes and legal basis">
        {err('purposes') ? <p className="text-sm text-red-700">{err('purposes')}</p> : null}
        {draft.purposes.map((purpose, index) => {
          const n = index + 1;
          const update = (changes: Partial<typeof purpose>) =>
            set({ purposes: draft.purposes.map((item, i) => (i === index ? { ...item, ...changes } : item)) });
          return (
            <div key={index} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_1fr_auto]">
              <TextField
                label={`Purpose ${n}`}
                value={purpose.purpose}
                error={err(`purposes.${index}.purpose`)}
                onChange={(e) => update({ purpose: e.target.value })}
              />
              <SelectField
                label={`Legal basis ${n}`}
                value={purpose.legalBasis}
                error={err(`purposes.${index}.legalBasis`)}
                options={options(legalBases)}
                onChange={(e) => update({ legalBasis: e.target.value })}
              />
              <SelectField
                label={`Consent purpose ${n}`}
                emptyLabel="None"
                value={purpose.consentPurpose}
                error={err(`purposes.${index}.consentPurpose`)}
                options={consentPurposeOptions}
                onChange={(e) => update({ consentPurpose: e.target.value })}
              />
              <Button
                disabled={draft.purposes.length === 1}
                onClick={() => set({ purposes: draft.purposes.filter((_, i) => i !== index) })}
              >
                Remove purpose {n}
              </Button>
            </div>
          );
        })}
        <Button onClick={() => set({ purposes: [...draft.purposes, emptyPurpose] })}>Add purpose</Button>
      </Section>

      <Section title="Locations and transfers">
        {err('locations') ? <p className="text-sm text-red-700">{err('locations')}</p> : null}
        {draft.locations.map((location, index) => {
          const n = index + 1;
          const update = (changes: Partial<typeof location>) =>
            set({ locations: draft.locations.map((item, i) => (i === index ? { ...item, ...changes } : item)) });
          return (
            <div key={index} className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
              <TextField
                label={`Country ${n}`}
                hint="Two-letter code, e.g. DE"
                maxLength={2}
                value={location.country}
                error={err(`locations.${index}.country`)}
                onChange={(e) => update({ country: e.target.value })}
              />
              <SelectField
                label={`Transfer mechanism ${n}`}
                emptyLabel="None on record"
                value={location.transferMechanism}
                error={err(`locations.${index}.transferMechanism`)}
                options={options(transferMechanisms, (value) => value.toUpperCase().replace('_', ' '))}
                onChange={(e) => update({ transferMechanism: e.target.value })}
              />
              <Button
                disabled={draft.locations.length === 1}
                onClick={() => set({ locations: draft.locations.filter((_, i) => i !== index) })}
              >
                Remove location {n}
              </Button>
            </div>
          );
        })}
        <Button onClick={() => set({ locations: [...draft.locations, emptyLocation] })}>Add location</Button>
      </Section>

      <Section title="Data processing agreement">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="DPA status"
            value={draft.dpa.status}
            error={err('dpa.status')}
            options={options(dpaStatuses)}
            onChange={(e) => set({ dpa: { ...draft.dpa, status: e.target.value } })}
          />
          <TextField
            label="DPA signed on"
            type="date"
            value={draft.dpa.signedOn}
            error={err('dpa.signedOn')}
            onChange={(e) => set({ dpa: { ...draft.dpa, signedOn: e.target.value } })}
          />
          <TextField
            label="DPA reference"
            value={draft.dpa.reference}
            error={err('dpa.reference')}
            onChange={(e) => set({ dpa: { ...draft.dpa, reference: e.target.value } })}
          />
          <TextField
            label="DPA next review"
            type="date"
            value={draft.dpa.nextReview}
            error={err('dpa.nextReview')}
            onChange={(e) => set({ dpa: { ...draft.dpa, nextReview: e.target.value } })}
          />
        </div>
      </Section>

      <Section title="Retention">
        {err('retention') ? <p className="text-sm text-red-700">{err('retention')}</p> : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Retention amount"
            type="number"
            min={1}
            value={draft.retention.amount}
            error={err('retention.amount')}
            onChange={(e) => set({ retention: { ...draft.retention, amount: e.target.value } })}
          />
          <SelectField
            label="Retention unit"
            emptyLabel="No fixed period"
            value={draft.retention.unit}
            error={err('retention.unit')}
            options={options(['hours', 'days', 'months', 'years'])}
            onChange={(e) => set({ retention: { ...draft.retention, unit: e.target.value } })}
          />
          <SelectField
            label="Counted from"
            emptyLabel="No retention rule on record"
            value={draft.retention.trigger}
            error={err('retention.trigger')}
            options={options(retentionTriggers)}
            onChange={(e) => set({ retention: { ...draft.retention, trigger: e.target.value } })}
          />
        </div>
        <TextAreaField
          label="Retention note"
          value={draft.retention.note}
          error={err('retention.note')}
          onChange={(e) => set({ retention: { ...draft.retention, note: e.target.value } })}
        />
      </Section>

      <Section title="Review">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Last reviewed on"
            type="date"
            value={draft.lastReviewedOn}
            error={err('lastReviewedOn')}
            onChange={(e) => set({ lastReviewedOn: e.target.value })}
          />
          <TextField
            label="Review cycle (months)"
            type="number"
            min={1}
            max={60}
            value={draft.reviewCycleMonths}
            error={err('reviewCycleMonths')}
            onChange={(e) => set({ reviewCycleMonths: e.target.value })}
          />
        </div>
      </Section>

      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
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
