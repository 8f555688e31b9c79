import { z } from 'zod';
import type { ProcessorInput, ProcessorLocation, ProcessorPurpose, Retention } from '@/api/contract/processors';
import { processorInput } from '@/api/contract/processors';
import { processorInputProblems } from '@/api/rules/processor-input';
import { localDate } from '@/api/rules/time';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * What the form holds: the API's body, except that retention is always there to type into. No trigger
 * chosen means no retention rule on record, which the body says with `retention: null`.
 */
export type ProcessorFormValues = Omit<ProcessorInput, 'retention' | 'reviewCycleMonths'> & {
  retention: Omit<Retention, 'trigger'> & { trigger: Retention['trigger'] | null };
  /** Null while the field is empty: the schema then says it is required. */
  reviewCycleMonths: number | null;
};

/** The contract's schema, reading the form's values: the form checks exactly what the API checks. */
export const processorFormSchema = z
  .custom<ProcessorFormValues>()
  .superRefine(({ retention }, ctx) => {
    // An amount or unit with no trigger is a rule half typed, not "no rule": say so rather than drop it.
    if (retention.trigger === null && (retention.amount !== null || retention.unit !== null)) {
      ctx.addIssue({ code: 'custom', path: ['retention', 'trigger'], message: 'Choose what the retention period is counted from' });
    }
  })
  .transform(({ retention, ...values }) => ({ ...values, retention: retention.trigger === null ? null : retention }))
  .pipe(processorInput)
  .superRefine((input, ctx) => {
    for (const [path, message] of Object.entries(processorInputProblems(input, localDate(new Date(), browserZone())))) {
      ctx.addIssue({ code: 'custom', path: path.split('.'), message });
    }
  });

export const emptyPurpose: ProcessorPurpose = { purpose: '', legalBasis: 'contract', consentPurpose: null };
export const emptyLocation: ProcessorLocation = { country: '', transferMechanism: null };
const noRetention: ProcessorFormValues['retention'] = { amount: null, unit: null, trigger: null, note: '' };

export const emptyProcessor: ProcessorFormValues = {
  kind: 'processor',
  name: '',
  legalEntity: '',
  category: 'other',
  description: '',
  dataCategories: [],
  dataSubjects: [],
  purposes: [emptyPurpose],
  locations: [emptyLocation],
  dpa: { status: 'pending', signedOn: null, reference: null, nextReview: null, expiresOn: null },
  privacyPolicyUrl: null,
  dpfParticipant: null,
  retention: noRetention,
  owner: '',
  lastReviewedOn: null,
  reviewCycleMonths: 12,
};

/** A stored processor as the form's starting point: only the editable fields, none of the record's own. */
export function formValuesOf(processor: ProcessorInput): ProcessorFormValues {
  return {
    kind: processor.kind,
    name: processor.name,
    legalEntity: processor.legalEntity,
    category: processor.category,
    description: processor.description,
    dataCategories: processor.dataCategories,
    dataSubjects: processor.dataSubjects,
    purposes: processor.purposes,
    locations: processor.locations,
    dpa: { ...processor.dpa, expiresOn: processor.dpa.expiresOn ?? null },
    privacyPolicyUrl: processor.privacyPolicyUrl,
    dpfParticipant: processor.dpfParticipant ?? null,
    retention: processor.retention ?? noRetention,
    owner: processor.owner,
    lastReviewedOn: processor.lastReviewedOn,
    reviewCycleMonths: processor.reviewCycleMonths,
  };
}
