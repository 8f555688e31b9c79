import { describe, expect, it } from 'vitest';
import { processorInput } from '@/api/contract/processors';
import { ApiRequestError, apiFieldMessages } from './api-client';
import { plainParse } from '@/api/contract/plain-errors';
import { fieldLabels } from './field-errors';

const valid = {
  kind: 'processor',
  name: 'Acme Mail',
  legalEntity: 'Acme Mail GmbH',
  category: 'other',
  description: 'Transactional email',
  dataCategories: ['email'],
  dataSubjects: [],
  purposes: [{ purpose: 'Send receipts', legalBasis: 'contract', consentPurpose: null }],
  locations: [{ country: 'DE', transferMechanism: null }],
  dpa: { status: 'pending', signedOn: null, reference: null, nextReview: null },
  privacyPolicyUrl: null,
  retention: null,
  owner: 'Engineering',
  lastReviewedOn: null,
  reviewCycleMonths: 12,
};

const messagesFor = (changes: Record<string, unknown>) => {
  const parsed = plainParse(processorInput, { ...valid, ...changes });
  if (parsed.success) throw new Error('expected the parse to fail');
  return parsed.fields;
};

describe('plain field messages', () => {
  it("words zod's own messages as a person would, field by dotted path", () => {
    expect(
      messagesFor({
        reviewCycleMonths: 1.5,
        privacyPolicyUrl: 'not a link',
        lastReviewedOn: '2026-13-45',
        category: '',
        dpa: { ...valid.dpa, reference: 'x'.repeat(201) },
        purposes: [{ purpose: 'Send receipts', legalBasis: 'magic', consentPurpose: null }],
      }),
    ).toEqual({
      reviewCycleMonths: 'Enter a whole number',
      privacyPolicyUrl: 'Use a web address starting with http:// or https://',
      lastReviewedOn: 'Enter a date',
      category: 'Choose one of the options',
      'dpa.reference': 'Use at most 200 characters',
      'purposes.0.legalBasis': 'Choose one of the options',
    });
    expect(messagesFor({ reviewCycleMonths: null, owner: undefined })).toEqual({ reviewCycleMonths: 'Required', owner: 'Required' });
    expect(messagesFor({ reviewCycleMonths: Number.NaN })).toEqual({ reviewCycleMonths: 'Enter a number' });
    expect(messagesFor({ reviewCycleMonths: 61 })).toEqual({ reviewCycleMonths: 'Enter 60 or less' });
    expect(messagesFor({ reviewCycleMonths: 0 })).toEqual({ reviewCycleMonths: 'Enter 1 or more' });
  });

  it('keeps the messages the contract words itself', () => {
    expect(messagesFor({ name: '   ', locations: [{ country: 'Germany', transferMechanism: null }], purposes: [] })).toEqual({
      name: 'Required',
      'locations.0.country': 'Choose a country from the list',
      purposes: 'Add at least one purpose',
    });
    expect(messagesFor({ locations: [{ country: 'XX', transferMechanism: null }] })).toEqual({
      'locations.0.country': 'Choose a country from the list',
    });
  });

  it("reads the API's field messages from a 422 only", () => {
    const refused = new ApiRequestError(422, 'validation_failed', 'Check the highlighted fields: name', {
      name: 'Already in the registry',
    });
    expect(apiFieldMessages(refused)).toEqual({ name: 'Already in the registry' });
    expect(apiFieldMessages(new ApiRequestError(412, 'version_mismatch', 'Changed', {}))).toEqual({});
    expect(apiFieldMessages(new Error('network'))).toEqual({});
  });
});

describe('field labels', () => {
  it('names a row by its number, counted from 1', () => {
    const labelOf = fieldLabels({ name: 'Processor name', 'purposes.#.purpose': 'Purpose #', 'a.#.b.#.c': 'Row # item #' });
    expect(labelOf('name')).toBe('Processor name');
    expect(labelOf('purposes.0.purpose')).toBe('Purpose 1');
    expect(labelOf('purposes.11.purpose')).toBe('Purpose 12');
    expect(labelOf('a.2.b.0.c')).toBe('Row 3 item 1');
    expect(labelOf('purposes.0.legalBasis')).toBeUndefined();
  });
});
