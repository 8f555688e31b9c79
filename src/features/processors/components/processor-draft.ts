import type { ProcessorInput } from '@/api/contract/processors';

/** What the form holds: every input as the text the user typed, so a failed save keeps it exactly. */
export type ProcessorDraft = {
  kind: string;
  name: string;
  legalEntity: string;
  category: string;
  description: string;
  dataCategories: readonly string[];
  dataSubjects: readonly string[];
  purposes: readonly { purpose: string; legalBasis: string; consentPurpose: string }[];
  locations: readonly { country: string; transferMechanism: string }[];
  dpa: { status: string; signedOn: string; reference: string; nextReview: string };
  privacyPolicyUrl: string;
  retention: { amount: string; unit: string; trigger: string; note: string };
  owner: string;
  lastReviewedOn: string;
  reviewCycleMonths: string;
};

export const emptyPurpose = { purpose: '', legalBasis: 'contract', consentPurpose: '' };
export const emptyLocation = { country: '', transferMechanism: '' };

export const emptyDraft: ProcessorDraft = {
  kind: 'processor',
  name: '',
  legalEntity: '',
  category: 'other',
  description: '',
  dataCategories: [],
  dataSubjects: [],
  purposes: [emptyPurpose],
  locations: [emptyLocation],
  dpa: { status: 'pending', signedOn: '', reference: '', nextReview: '' },
  privacyPolicyUrl: '',
  retention: { amount: '', unit: '', trigger: '', note: '' },
  owner: '',
  lastReviewedOn: '',
  reviewCycleMonths: '12',
};

export function draftFrom(processor: ProcessorInput): ProcessorDraft {
  return {
    kind: processor.kind,
    name: processor.name,
    legalEntity: processor.legalEntity,
    category: processor.category,
    description: processor.description,
    dataCategories: processor.dataCategories,
    dataSubjects: processor.dataSubjects,
    purposes: processor.purposes.map((purpose) => ({ ...purpose, consentPurpose: purpose.consentPurpose ?? '' })),
    locations: processor.locations.map((location) => ({ ...location, transferMechanism: location.transferMechanism ?? '' })),
    dpa: {
      status: processor.dpa.status,
      signedOn: processor.dpa.signedOn ?? '',
      reference: processor.dpa.reference ?? '',
      nextReview: processor.dpa.nextReview ?? '',
    },
    privacyPolicyUrl: processor.privacyPolicyUrl ?? '',
    retention: processor.retention
      ? {
          amount: processor.retention.amount === null ? '' : String(processor.retention.amount),
          unit: processor.retention.unit ?? '',
          trigger: processor.retention.trigger,
          note: processor.retention.note,
        }
      : { amount: '', unit: '', trigger: '', note: '' },
    owner: processor.owner,
    lastReviewedOn: processor.lastReviewedOn ?? '',
    reviewCycleMonths: String(processor.reviewCycleMonths),
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

/** The body to check with the contract's schema: empty inputs become null, numbers become numbers. */
export function draftToBody(draft: ProcessorDraft): Record<string, unknown> {
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    legalEntity: draft.legalEntity.trim(),
    category: draft.category,
    description: draft.description.trim(),
    dataCategories: draft.dataCategories,
    dataSubjects: draft.dataSubjects,
    purposes: draft.purposes.map((purpose) => ({
      purpose: purpose.purpose.trim(),
      legalBasis: purpose.legalBasis,
      consentPurpose: orNull(purpose.consentPurpose),
    })),
    locations: draft.locations.map((location) => ({
      country: location.country.trim().toUpperCase(),
      transferMechanism: orNull(location.transferMechanism),
    })),
    dpa: {
      status: draft.dpa.status,
      signedOn: orNull(draft.dpa.signedOn),
      reference: orNull(draft.dpa.reference),
      nextReview: orNull(draft.dpa.nextReview),
    },
    privacyPolicyUrl: orNull(draft.privacyPolicyUrl),
    // No trigger chosen means no retention rule on record.
    retention:
      draft.retention.trigger === ''
        ? null
        : {
            amount: numberOrNull(draft.retention.amount),
            unit: orNull(draft.retention.unit),
            trigger: draft.retention.trigger,
            note: draft.retention.note.trim(),
          },
    owner: draft.owner.trim(),
    lastReviewedOn: orNull(draft.lastReviewedOn),
    reviewCycleMonths: numberOrNull(draft.reviewCycleMonths),
  };
}
