import { z } from 'zod';
import { emailExport } from './email-exports';
import { consentPurposeLabels, consentPurposes } from './consent-purposes';
import { actionsOf, calendarDate, cursorParam, id, instant, limitParam, requiredText, text } from './common';

export { consentPurposeLabels, consentPurposes } from './consent-purposes';
export const consentPurpose = z.enum(consentPurposes);
export type ConsentPurpose = z.infer<typeof consentPurpose>;
/** The purposes as choices for a select, in the contract's order. */
export const consentPurposeOptions: readonly { value: ConsentPurpose; label: string }[] = consentPurposes.map((value) => ({
  value,
  label: consentPurposeLabels[value],
}));

export const consentActions = ['granted', 'withdrawn'] as const;
export const consentAction = z.enum(consentActions);
export type ConsentAction = z.infer<typeof consentAction>;

export const consentChannels = [
  'sign_up_form',
  'account_settings',
  'email_link',
  'cookie_banner',
  'call',
  'support_conversation',
  'sales',
] as const;
export const consentChannel = z.enum(consentChannels);
export type ConsentChannel = z.infer<typeof consentChannel>;

export const evidence = z.object({
  userAgent: text(500).nullable(),
  /** SHA-256 of the IP address; the address itself is never stored. */
  ipHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});
export type Evidence = z.infer<typeof evidence>;

export const recordedBy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('subject') }),
  z.object({ kind: z.literal('staff'), userId: id, name: z.string() }),
]);
export type RecordedBy = z.infer<typeof recordedBy>;

/** The text of a consent notice as shown, stored once per version and referenced by its SHA-256. */
export const notice = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  purpose: consentPurpose,
  version: z.string(),
  text: z.string(),
  publishedAt: instant,
});
export type Notice = z.infer<typeof notice>;

export const consentEvent = z.object({
  id,
  subjectId: id,
  accountId: id.nullable(),
  /** The subject's email at the time, for exact look-up; masked by the API unless revealed. */
  email: z.string().nullable(),
  /** Once the person's data is erased, the keyed hash of that email instead (see subject.emailHash). */
  emailHash: z.string().optional(),
  purpose: consentPurpose,
  action: consentAction,
  occurredAt: instant,
  recordedAt: instant,
  channel: consentChannel,
  noticeVersion: z.string(),
  noticeHash: z.string(),
  evidence: evidence.nullable(),
  recordedBy,
  note: z.string().nullable(),
});
export type ConsentEvent = z.infer<typeof consentEvent>;

/** Staff record a grant or withdrawal on a person's behalf. */
export const recordConsent = z.object({
  subjectId: id,
  purpose: consentPurpose,
  action: consentAction,
  channel: consentChannel,
  note: requiredText(2000),
  /** When the person said it; defaults to now, and may not be in the future. */
  occurredAt: instant.optional(),
});
export type RecordConsent = z.infer<typeof recordConsent>;

export const consentQuery = z.object({
  purpose: consentPurpose.optional(),
  action: consentAction.optional(),
  channel: consentChannel.optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  noticeVersion: text(50).optional(),
  email: z.email().max(254).optional(),
  subjectId: id.optional(),
  cursor: cursorParam,
  limit: limitParam,
});
export type ConsentQuery = z.infer<typeof consentQuery>;

export const consentStates = ['granted', 'withdrawn', 'never_asked'] as const;
export const validityPeriod = z.object({ from: instant, to: instant.nullable() });
export type ValidityPeriod = z.infer<typeof validityPeriod>;
export const purposeState = z.object({
  purpose: consentPurpose,
  state: z.enum(consentStates),
  since: instant.nullable(),
  periods: z.array(validityPeriod),
});
export type PurposeState = z.infer<typeof purposeState>;

/** What the caller may do on a person's page: show their email, record consent for them, export their proof. */
const subjectActionNames = ['revealEmail', 'recordConsent', 'exportProof'] as const;
export type SubjectActionName = (typeof subjectActionNames)[number];

export const subjectDetail = z.object({
  subject: z.object({
    id,
    kind: z.enum(['person', 'visitor']),
    accountId: id.nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
  }),
  states: z.array(purposeState),
  events: z.array(consentEvent),
  notices: z.array(notice),
  actions: actionsOf(subjectActionNames),
});
export type SubjectDetail = z.infer<typeof subjectDetail>;

/**
 * Why an email is revealed (issue 17, finding 7): a reason from everyone, and from a support agent the ticket
 * it is for. Each reveal is audited with both, and counted against the revealer's hourly budget.
 */
export const revealEmail = z.object({
  reason: requiredText(500),
  ticketRef: text(100).optional(),
});
export type RevealEmail = z.infer<typeof revealEmail>;

/** A person's email in clear: answered only to a deliberate, audited request. */
export const revealedEmail = z.object({ subjectId: id, email: z.string().nullable() });
export type RevealedEmail = z.infer<typeof revealedEmail>;

/**
 * Why an event needs a look. Each is about a person's *current* consent for a purpose (the newest event
 * of that subject and purpose): once a newer event replaces it, the item leaves the queue.
 */
export const reviewReasons = ['no_evidence', 'outdated_notice', 'stale_marketing', 'harder_withdrawal'] as const;
export const reviewReason = z.enum(reviewReasons);
export type ReviewReason = z.infer<typeof reviewReason>;
export const reviewReasonLabels: Record<ReviewReason, string> = {
  no_evidence: 'No evidence',
  outdated_notice: 'Outdated notice version',
  stale_marketing: 'Marketing consent older than 24 months',
  harder_withdrawal: 'Withdrawal through a harder channel than the grant',
};
export const reviewReasonHelp: Record<ReviewReason, string> = {
  no_evidence: 'The person gave this themselves, but no user agent or IP hash was kept to prove it.',
  outdated_notice: 'The consent was given under a notice version that has since been replaced.',
  stale_marketing: 'Marketing consent should be refreshed: it was given more than 24 months ago.',
  harder_withdrawal: 'Withdrawing must be as easy as giving (GDPR Art. 7(3)): this person had to use a harder channel.',
};

export const consentReview = z.object({
  reviewedAt: instant,
  reviewedBy: z.object({ userId: id, name: z.string() }),
  note: z.string(),
});
export type ConsentReview = z.infer<typeof consentReview>;

const consentReviewActionNames = ['markReviewed'] as const;
export type ConsentReviewActionName = (typeof consentReviewActionNames)[number];

export const consentReviewItem = z.object({
  event: consentEvent,
  reasons: z.array(reviewReason),
  /** For a withdrawal: the channel of the grant it ended, if known. */
  grantChannel: consentChannel.nullable(),
  review: consentReview.nullable(),
  actions: actionsOf(consentReviewActionNames),
});
export type ConsentReviewItem = z.infer<typeof consentReviewItem>;

export const consentReviewQuery = z.object({
  status: z.enum(['open', 'reviewed']).default('open'),
  reason: reviewReason.optional(),
  purpose: consentPurpose.optional(),
  cursor: cursorParam,
  limit: limitParam,
});
export type ConsentReviewQuery = z.infer<typeof consentReviewQuery>;

export const markReviewed = z.object({ note: requiredText(2000) });
export type MarkReviewed = z.infer<typeof markReviewed>;

/** The open queue, grouped by reason and purpose: an item with two reasons counts in both groups. */
const reviewGroup = z.object({ reason: reviewReason, purpose: consentPurpose, count: z.number().int().nonnegative() });
export type ReviewGroup = z.infer<typeof reviewGroup>;
export const reviewGroups = z.object({ groups: z.array(reviewGroup), total: z.number().int().nonnegative() });
export type ReviewGroups = z.infer<typeof reviewGroups>;

/** Most events one group review marks; a larger group is reviewed in several. */
export const MAX_GROUP_REVIEW = 20000;

/**
 * Marks every open item of one group reviewed with one note. `expectedCount` is the count the officer
 * confirmed: when the group holds another number now, nothing is marked and the answer says so (409).
 */
export const reviewGroupInput = z.object({
  reason: reviewReason,
  purpose: consentPurpose,
  note: requiredText(2000),
  expectedCount: z.number().int().min(1, 'Nothing to review in an empty group').max(MAX_GROUP_REVIEW),
});
export type ReviewGroupInput = z.infer<typeof reviewGroupInput>;
/** What a group review did: how many it marked, and how many left the group meanwhile (reviewed by someone else, replaced by a newer event). */
export const reviewGroupResult = z.object({
  reason: reviewReason,
  purpose: consentPurpose,
  reviewed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
});
export type ReviewGroupResult = z.infer<typeof reviewGroupResult>;

/** Grants and withdrawals per purpose per calendar month (company time zone), the last 12 months. */
export const consentMonthly = z.object({
  months: z.array(z.string().regex(/^\d{4}-\d{2}$/)),
  rows: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      purpose: consentPurpose,
      granted: z.number().int().nonnegative(),
      withdrawn: z.number().int().nonnegative(),
    }),
  ),
});
export type ConsentMonthly = z.infer<typeof consentMonthly>;

/** The suppression list: current consent per subject and purpose. */
export const suppressionQuery = emailExport.extend({
  purpose: consentPurpose.optional(),
  state: z.enum(['granted', 'withdrawn']).optional(),
});
export type SuppressionQuery = z.infer<typeof suppressionQuery>;

/**
 * Finding a person (issue 18): `q` is the start of an email address, `@` and the start of a domain, or the
 * start of words of a name (case and accents aside); see api/rules/person-search.
 */
export const personSearchQuery = z.object({
  q: requiredText(100),
  cursor: cursorParam,
  limit: limitParam,
});
export type PersonSearchQuery = z.infer<typeof personSearchQuery>;
/** A person found; the email masked, as in every list (revealing it is the person page's audited action). */
export const personResult = z.object({
  id,
  kind: z.enum(['person', 'visitor']),
  accountId: id.nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
});
export type PersonResult = z.infer<typeof personResult>;
