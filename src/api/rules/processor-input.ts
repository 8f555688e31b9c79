import type { ProcessorInput } from '@/api/contract/processors';

/**
 * What a processor's fields say that cannot be true, checked against each other and against today (a
 * calendar date in the company's zone): a DPA signed in the future, a review due before the signature, a
 * review done in the future, a retention amount without its unit. Keyed by field path, in plain words; the
 * API answers them as a 422 and the form shows the same messages before sending.
 */
export function processorInputProblems(input: Partial<ProcessorInput>, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const { dpa, retention, lastReviewedOn } = input;
  if (dpa) {
    if (dpa.signedOn && dpa.signedOn > today) problems['dpa.signedOn'] = 'The DPA cannot be signed in the future';
    if (dpa.status === 'signed' && !dpa.signedOn) problems['dpa.signedOn'] = 'Enter the date the DPA was signed';
    if (dpa.expiresOn && dpa.signedOn && dpa.expiresOn <= dpa.signedOn) {
      problems['dpa.expiresOn'] = 'The DPA must expire after the date it was signed';
    }
    if (dpa.nextReview && dpa.signedOn && dpa.nextReview <= dpa.signedOn) {
      problems['dpa.nextReview'] = 'The DPA review must come after the date it was signed';
    }
  }
  if (lastReviewedOn && lastReviewedOn > today) problems.lastReviewedOn = 'The last review cannot be in the future';
  if (retention) {
    if (retention.amount !== null && retention.unit === null) problems['retention.unit'] = 'Choose the unit of the retention period';
    if (retention.amount === null && retention.unit !== null) problems['retention.amount'] = 'Enter how long the data is kept';
  }
  return problems;
}
